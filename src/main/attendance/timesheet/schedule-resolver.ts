/**
 * Picks the work schedule that applies to an employee: their own, else their department's,
 * else the default one.
 */
import type { Schedule } from '../../../shared/attendance-models'

/**
 * The schedule for the employee with `code` in `department`: one with scope `employee` and
 * target `code` wins over one with scope `department` and target `department`, which wins
 * over scope `default`; among several of the same scope and target the first in `schedules`
 * is taken. Null when none applies (no schedule: no expected work, no late, early, overtime
 * or absence).
 */
export function resolveSchedule(schedules: readonly Schedule[], code: string, department: string): Schedule | null {
  return (
    schedules.find((schedule) => schedule.scope === 'employee' && schedule.target === code) ??
    schedules.find((schedule) => schedule.scope === 'department' && schedule.target === department) ??
    schedules.find((schedule) => schedule.scope === 'default') ??
    null
  )
}
