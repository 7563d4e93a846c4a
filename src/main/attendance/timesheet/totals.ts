/**
 * Sums of timesheet days: per ISO week, per month and over the period. Every figure is the sum
 * of the day rows' whole minutes, so totals always equal the rows shown.
 */
import type { TimesheetTotals } from '../../../shared/attendance-models'
import type { DayResult } from './day-rules'
import { isoWeekLabel, monthLabel } from './zoned'

/** One employee's totals: per ISO week (`2026-W47`), per month (`2026-11`), in date order, and the period (`total`). */
export interface EmployeeTotals {
  weeks: TimesheetTotals[]
  months: TimesheetTotals[]
  total: TimesheetTotals
}

/** Totals with every figure 0, labelled `label`. */
export function emptyTotals(label: string): TimesheetTotals {
  return {
    label,
    workedMinutes: 0,
    breakMinutes: 0,
    scheduledMinutes: 0,
    lateMinutes: 0,
    earlyLeaveMinutes: 0,
    overtimeMinutes: 0,
    daysWorked: 0,
    absentDays: 0,
    flaggedDays: 0
  }
}

/**
 * The sums of `days` labelled `label`: minutes are sums of the rows' minutes; `daysWorked`
 * counts days with presence or an open shift, `absentDays` days flagged absent, `flaggedDays`
 * days with a flag payroll must review (see day-flags.ts).
 */
export function sumDays(label: string, days: readonly DayResult[]): TimesheetTotals {
  const totals = emptyTotals(label)
  for (const day of days) {
    totals.workedMinutes += day.row.workedMinutes
    totals.breakMinutes += day.row.breakMinutes
    totals.scheduledMinutes += day.row.scheduledMinutes
    totals.lateMinutes += day.row.lateMinutes
    totals.earlyLeaveMinutes += day.row.earlyLeaveMinutes
    totals.overtimeMinutes += day.row.overtimeMinutes
    if (day.worked) totals.daysWorked += 1
    if (day.absent) totals.absentDays += 1
    if (day.flagged) totals.flaggedDays += 1
  }
  return totals
}

/** Adds up several totals (every figure) under a new `label`. */
export function addTotals(label: string, parts: readonly TimesheetTotals[]): TimesheetTotals {
  const totals = emptyTotals(label)
  for (const part of parts) {
    totals.workedMinutes += part.workedMinutes
    totals.breakMinutes += part.breakMinutes
    totals.scheduledMinutes += part.scheduledMinutes
    totals.lateMinutes += part.lateMinutes
    totals.earlyLeaveMinutes += part.earlyLeaveMinutes
    totals.overtimeMinutes += part.overtimeMinutes
    totals.daysWorked += part.daysWorked
    totals.absentDays += part.absentDays
    totals.flaggedDays += part.flaggedDays
  }
  return totals
}

function groupBy(days: readonly DayResult[], labelOf: (date: string) => string): TimesheetTotals[] {
  const groups = new Map<string, DayResult[]>()
  for (const day of days) {
    const label = labelOf(day.row.date)
    const group = groups.get(label)
    if (group) group.push(day)
    else groups.set(label, [day])
  }
  return [...groups].map(([label, group]) => sumDays(label, group))
}

/** Week, month and period totals of one employee's days (given in date order). */
export function employeeTotals(days: readonly DayResult[]): EmployeeTotals {
  return { weeks: groupBy(days, isoWeekLabel), months: groupBy(days, monthLabel), total: sumDays('total', days) }
}
