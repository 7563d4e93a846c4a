/**
 * The rules of one timesheet day: presence, break deduction, worked and scheduled time,
 * lateness, early leave, overtime, absence and the flags payroll reviews. Sums are kept in
 * milliseconds and rounded to whole minutes once per figure, at the end.
 */
import type { Schedule, TimesheetDay } from '../../../shared/attendance-models'
import { publishedFlags, needsReview, type TimesheetFlag } from './day-flags'
import { scheduledWindow } from './scheduled-window'
import type { Shift, TimedPunch } from './shifts'
import { localDateOf } from './zoned'

const MS_PER_MINUTE = 60_000

/** Order flags are listed in on a day: what to review first, then the schedule checks. */
const FLAG_ORDER: readonly TimesheetFlag[] = [
  'missing-check-in',
  'missing-check-out',
  'open',
  'break-open',
  'late',
  'early-leave',
  'overtime',
  'absent',
  'unscheduled',
  'corrected'
]

/**
 * One employee's local date to evaluate: `date` `YYYY-MM-DD`, the IANA `timeZone` its schedule
 * is read in, the shifts whose check-in falls on it (in time order), the stray punches (no open
 * shift: missing check-in) dated on it, the employee's schedule (null: none) and now (epoch ms).
 */
export interface DayInput {
  date: string
  timeZone: string
  shifts: readonly Shift[]
  strays: readonly TimedPunch[]
  schedule: Schedule | null
  nowMs: number
}

/**
 * An evaluated day: the timesheet row, every flag computed (including any the shared schema
 * does not list), `presenceMs` (exact, before rounding), `worked` (presence above 0 or a shift
 * still open), `absent` and `flagged` (a flag payroll must review).
 */
export interface DayResult {
  row: TimesheetDay
  flags: TimesheetFlag[]
  presenceMs: number
  worked: boolean
  absent: boolean
  flagged: boolean
}

function minutes(ms: number): number {
  return Math.round(ms / MS_PER_MINUTE)
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

/**
 * Applies the day rules (see the module comment and the README section "Timesheet rules"):
 * presence is the sum of the counted shifts; the break deducted is the punched breaks or, on a
 * scheduled working date with presence, the schedule's unpaid break when longer, never more
 * than the presence; late when the first check-in is past start + grace (counted from the
 * start); early leave when the last check-out is before end − grace (not when a shift is open
 * or missing its check-out); overtime when worked − scheduled exceeds the grace (the whole
 * difference), or all worked time on a day the schedule has off; absent on a scheduled date
 * before today (in `timeZone`) with no shift. Raises `invalid-input` (ClockfaceError) when the
 * schedule's times are not `HH:mm`.
 */
export function evaluateDay(input: DayInput): DayResult {
  const { date, timeZone, shifts, strays, schedule, nowMs } = input
  const window = schedule ? scheduledWindow(schedule, date, timeZone) : null
  const flags = new Set<TimesheetFlag>()

  const presenceMs = sum(shifts.map((shift) => shift.presenceMs))
  const punchedBreakMs = sum(shifts.map((shift) => shift.breakMs))
  const unpaidBreakMs = window && presenceMs > 0 ? window.unpaidBreakMs : 0
  const breakMs = Math.min(Math.max(punchedBreakMs, unpaidBreakMs), presenceMs)
  const workedMs = presenceMs - breakMs
  const scheduledMs = window?.expectedMs ?? 0

  const first = shifts[0]
  const last = shifts[shifts.length - 1]
  const lastOut = last?.status === 'closed' ? last.checkOut : null
  const hasMissing = shifts.some((shift) => shift.status === 'missing-check-out')
  const hasOpen = shifts.some((shift) => shift.status === 'open')

  if (strays.length > 0) flags.add('missing-check-in')
  if (hasMissing) flags.add('missing-check-out')
  if (hasOpen) flags.add('open')
  if (shifts.some((shift) => shift.breakOpen)) flags.add('break-open')

  let lateMs = 0
  let earlyLeaveMs = 0
  let overtimeMs = 0
  if (window) {
    if (first && first.checkIn.ms > window.startMs + window.graceMs) {
      lateMs = first.checkIn.ms - window.startMs
      flags.add('late')
    }
    if (lastOut && !hasMissing && !hasOpen && lastOut.ms < window.endMs - window.graceMs) {
      earlyLeaveMs = window.endMs - lastOut.ms
      flags.add('early-leave')
    }
    if (workedMs - scheduledMs > window.graceMs) {
      overtimeMs = workedMs - scheduledMs
      flags.add('overtime')
    }
    if (shifts.length === 0 && date < localDateOf(nowMs, timeZone)) flags.add('absent')
  } else if (schedule) {
    if (presenceMs > 0) flags.add('unscheduled')
    if (workedMs > 0) {
      overtimeMs = workedMs
      flags.add('overtime')
    }
  }

  const punches = [...shifts.flatMap((shift) => shift.punches), ...strays].sort(
    (a, b) => a.ms - b.ms || (a.punch.id < b.punch.id ? -1 : a.punch.id > b.punch.id ? 1 : 0)
  )
  if (punches.some(({ punch }) => (punch.revisions?.length ?? 0) > 0)) flags.add('corrected')

  const ordered = FLAG_ORDER.filter((flag) => flags.has(flag))
  return {
    row: {
      date,
      timeZone,
      firstIn: first ? first.checkIn.punch.time : null,
      lastOut: lastOut ? lastOut.punch.time : null,
      workedMinutes: minutes(workedMs),
      breakMinutes: minutes(breakMs),
      scheduledMinutes: minutes(scheduledMs),
      lateMinutes: minutes(lateMs),
      earlyLeaveMinutes: minutes(earlyLeaveMs),
      overtimeMinutes: minutes(overtimeMs),
      flags: publishedFlags(ordered),
      punchIds: punches.map(({ punch }) => punch.id)
    },
    flags: ordered,
    presenceMs,
    worked: presenceMs > 0 || hasOpen,
    absent: flags.has('absent'),
    flagged: needsReview(ordered)
  }
}
