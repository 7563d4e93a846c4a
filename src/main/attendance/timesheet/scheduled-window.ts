/**
 * Where a schedule puts the work of one local date: the instants its start and end fall on
 * in the day's zone, and the minutes of work it expects.
 */
import type { Schedule } from '../../../shared/attendance-models'
import { addDays, isoWeekday, wallClockMinutes, wallClockMs } from './zoned'

const MS_PER_MINUTE = 60_000

/**
 * A schedule on one working date: `startMs`/`endMs` epoch ms of its start and end, `expectedMs`
 * the real time between them (DST-aware) less the unpaid break (never below 0),
 * `unpaidBreakMs` and `graceMs` from the schedule's minutes.
 */
export interface ScheduledWindow {
  startMs: number
  endMs: number
  expectedMs: number
  unpaidBreakMs: number
  graceMs: number
}

/**
 * The schedule's window on local date `date` (`YYYY-MM-DD`) in the IANA `zone`, or null when
 * the date's ISO weekday (1 Monday … 7 Sunday) is not in `schedule.weekdays` (a day off). The
 * start is the wall-clock `start` on `date`; the end is the wall-clock `end` on `date`, or on
 * the next date when it is at or before the start (a night shift). Raises `invalid-input`
 * (ClockfaceError) when `start` or `end` is not `HH:mm`.
 */
export function scheduledWindow(schedule: Schedule, date: string, zone: string): ScheduledWindow | null {
  if (!schedule.weekdays.includes(isoWeekday(date))) return null
  const start = wallClockMinutes(schedule.start, `Start of schedule ${schedule.id}`)
  const end = wallClockMinutes(schedule.end, `End of schedule ${schedule.id}`)
  const startMs = wallClockMs(date, start, zone)
  const endMs = wallClockMs(end <= start ? addDays(date, 1) : date, end, zone)
  const unpaidBreakMs = Math.max(0, schedule.unpaidBreakMinutes) * MS_PER_MINUTE
  return {
    startMs,
    endMs,
    expectedMs: Math.max(0, endMs - startMs - unpaidBreakMs),
    unpaidBreakMs,
    graceMs: Math.max(0, schedule.graceMinutes) * MS_PER_MINUTE
  }
}
