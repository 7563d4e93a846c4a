/**
 * The timesheet engine's entry point: from punches, employees and schedules to the
 * {@link Timesheet} of a period. Pure: the same input gives the same output whatever the zone
 * of the computer, since every local date and wall-clock time is read in an explicit zone.
 */
import type { EmployeeTimesheet, Schedule, Timesheet } from '../../../shared/attendance-models'
import { ClockfaceError } from '../../../shared/errors'
import type { AttendanceEvent } from '../../../shared/models'
import { compareText } from './compare-text'
import { evaluateDay, type DayResult } from './day-rules'
import { departmentSummaries } from './department-summary'
import { buildRoster, type RosterEntry } from './employee-roster'
import { presenceByDate } from './presence'
import { resolveSchedule } from './schedule-resolver'
import { buildShifts, timePunches, type Shift, type TimedPunch } from './shifts'
import { employeeTotals } from './totals'
import { datesFromTo, instantMs, requireLocalDate, requireZone } from './zoned'

const MS_PER_HOUR = 3_600_000

/** What a timesheet is built from. */
export interface TimesheetInput {
  /** First local date of the period, `YYYY-MM-DD`, included. */
  from: string
  /** Last local date of the period, `YYYY-MM-DD`, included. */
  to: string
  /**
   * Punches in their corrected form, in any order: voided ones are ignored; punches a little
   * outside the period (the caller passes ±2 days) let shifts that cross its edges pair up.
   */
  punches: AttendanceEvent[]
  /** The employees to report, every one with a row per date; department '' when none. */
  employees: { code: string; name: string; department: string }[]
  /**
   * Also report codes found in punches but not in `employees` (deleted employees), named after
   * their latest punch; only those with a shift or stray punch dated in the period.
   */
  includeUnlisted: boolean
  /** Work schedules; see {@link resolveSchedule} for which applies to whom. */
  schedules: Schedule[]
  /** IANA zone for punches without (or with an unknown) `timeZone`, and for days with no punch to go by. */
  defaultTimeZone: string
  /** Hours after its check-in at which a shift still open at `now` counts as missing its check-out (the `autoCloseHours` setting). */
  autoCloseHours: number
  /** The current instant, UTC ISO-8601: decides open shifts and which days may be absent. */
  now: string
  /** The instant written as `generatedAt`, UTC ISO-8601; default `now`. */
  generatedAt?: string
}

/** The shifts and stray punches of one employee, by local date. */
interface DatedPunches {
  shifts: Map<string, Shift[]>
  strays: Map<string, TimedPunch[]>
}

function byDate<T extends { date: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const item of items) {
    const list = map.get(item.date)
    if (list) list.push(item)
    else map.set(item.date, [item])
  }
  return map
}

/**
 * The zone a day is read in: that of its first shift's check-in, else that of the employee's
 * latest punch dated (in its own zone) before the day, else `defaultTimeZone`.
 */
function dayZone(date: string, shifts: readonly Shift[], punches: readonly TimedPunch[], defaultTimeZone: string): string {
  const first = shifts[0]
  if (first) return first.timeZone
  for (let index = punches.length - 1; index >= 0; index -= 1) {
    const timed = punches[index]
    if (timed && timed.date < date) return timed.timeZone
  }
  return defaultTimeZone
}

function hasDayIn(dated: DatedPunches, from: string, to: string): boolean {
  const inPeriod = (date: string) => date >= from && date <= to
  return [...dated.shifts.keys()].some(inPeriod) || [...dated.strays.keys()].some(inPeriod)
}

function employeeDays(entry: RosterEntry, dated: DatedPunches, dates: readonly string[], input: TimesheetInput, nowMs: number): DayResult[] {
  const schedule = resolveSchedule(input.schedules, entry.code, entry.department)
  return dates.map((date) => {
    const shifts = dated.shifts.get(date) ?? []
    return evaluateDay({
      date,
      timeZone: dayZone(date, shifts, entry.punches, input.defaultTimeZone),
      shifts,
      strays: dated.strays.get(date) ?? [],
      schedule,
      nowMs
    })
  })
}

function validate(input: TimesheetInput): { nowMs: number; autoCloseMs: number } {
  requireLocalDate(input.from, 'from')
  requireLocalDate(input.to, 'to')
  if (input.from > input.to) throw new ClockfaceError('invalid-input', `from (${input.from}) is after to (${input.to})`)
  requireZone(input.defaultTimeZone, 'defaultTimeZone')
  if (!Number.isFinite(input.autoCloseHours) || input.autoCloseHours < 0) {
    throw new ClockfaceError('invalid-input', `autoCloseHours must be a number of hours, 0 or more: ${input.autoCloseHours}`)
  }
  if (input.generatedAt !== undefined) instantMs(input.generatedAt, 'generatedAt')
  return { nowMs: instantMs(input.now, 'now'), autoCloseMs: input.autoCloseHours * MS_PER_HOUR }
}

/**
 * Builds the timesheet of the local dates `from`..`to` (see the README section "Timesheet
 * rules"): for each reported employee one row per date with worked, break, scheduled, late,
 * early-leave and overtime minutes and the day's flags, ISO-week, month and period totals;
 * one summary per department (sorted by name); presence per date. Employees are sorted by
 * department, then name, then code. The result parses with `timesheetSchema`. Raises
 * `invalid-input` (ClockfaceError) when a date is not `YYYY-MM-DD` or `from` is after `to`,
 * `defaultTimeZone` is not a known IANA zone, `autoCloseHours` is negative or not a number,
 * `now`, `generatedAt` or a punch time is not ISO-8601, or a schedule time is not `HH:mm`.
 */
export function buildTimesheet(input: TimesheetInput): Timesheet {
  const { nowMs, autoCloseMs } = validate(input)
  const dates = datesFromTo(input.from, input.to)
  const timed = timePunches(input.punches, input.defaultTimeZone)
  const shiftOptions = { nowMs, autoCloseMs, defaultTimeZone: input.defaultTimeZone }

  const reported: { sheet: EmployeeTimesheet; days: DayResult[] }[] = []
  for (const entry of buildRoster(input.employees, timed, input.includeUnlisted)) {
    const { shifts, strays } = buildShifts(entry.punches, shiftOptions)
    const dated: DatedPunches = { shifts: byDate(shifts), strays: byDate(strays) }
    if (!entry.listed && !hasDayIn(dated, input.from, input.to)) continue
    const days = employeeDays(entry, dated, dates, input, nowMs)
    const sheet: EmployeeTimesheet = {
      employeeCode: entry.code,
      employeeName: entry.name,
      department: entry.department,
      days: days.map((day) => day.row),
      ...employeeTotals(days)
    }
    reported.push({ sheet, days })
  }
  reported.sort(
    (a, b) =>
      compareText(a.sheet.department, b.sheet.department) ||
      compareText(a.sheet.employeeName, b.sheet.employeeName) ||
      compareText(a.sheet.employeeCode, b.sheet.employeeCode)
  )

  const employees = reported.map(({ sheet }) => sheet)
  return {
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt ?? input.now,
    employees,
    departments: departmentSummaries(employees),
    presence: presenceByDate(dates, reported.map(({ days }) => days))
  }
}
