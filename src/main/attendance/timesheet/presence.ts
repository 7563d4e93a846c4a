/**
 * Daily presence of a timesheet, for the chart: how many employees were present and how many
 * were scheduled on each date.
 */
import type { PresenceDay } from '../../../shared/attendance-models'
import type { DayResult } from './day-rules'

/**
 * For each date of `dates` (`YYYY-MM-DD`, in order): `present` = employees whose day there
 * has presence or an open shift, `scheduled` = employees whose day there has scheduled
 * minutes. `employeeDays` holds each employee's evaluated days.
 */
export function presenceByDate(dates: readonly string[], employeeDays: readonly (readonly DayResult[])[]): PresenceDay[] {
  const counts = new Map(dates.map((date) => [date, { date, present: 0, scheduled: 0 }]))
  for (const days of employeeDays) {
    for (const day of days) {
      const count = counts.get(day.row.date)
      if (!count) continue
      if (day.worked) count.present += 1
      if (day.row.scheduledMinutes > 0) count.scheduled += 1
    }
  }
  return [...counts.values()]
}
