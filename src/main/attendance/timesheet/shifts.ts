/**
 * Pairs one employee's punches into shifts: check-in to check-out, with the breaks punched
 * inside. Durations are real elapsed milliseconds (UTC arithmetic), so a shift over a
 * daylight-saving change counts the hours actually worked.
 */
import type { AttendanceEvent } from '../../../shared/models'
import { instantMs, isKnownZone, localDateOf } from './zoned'

/**
 * How a shift ended: `closed` by a check-out; `missing-check-out` when the system closed it at
 * the auto-close limit, a later check-in came while it was open, or it is still open and
 * older than the limit (its time is not counted); `open` when it is still running within the
 * limit (counted up to now).
 */
export type ShiftStatus = 'closed' | 'missing-check-out' | 'open'

/** A punch with its instant (epoch ms) and the IANA zone that decides its local date. */
export interface TimedPunch {
  punch: AttendanceEvent
  ms: number
  timeZone: string
  /** Local date `YYYY-MM-DD` of the punch in `timeZone`. */
  date: string
}

/**
 * One shift: the check-in that opened it (`date` is the check-in's local date in `timeZone`,
 * the check-in punch's zone), the punch that closed it (null when none), its status,
 * `presenceMs` (check-in to check-out, or to now when open; 0 when missing its check-out),
 * `breakMs` (punched breaks inside it, 0 when missing its check-out), `breakOpen` when a
 * check-out ended a break that was never ended, and every punch that makes it up, in order.
 */
export interface Shift {
  checkIn: TimedPunch
  checkOut: TimedPunch | null
  date: string
  timeZone: string
  status: ShiftStatus
  presenceMs: number
  breakMs: number
  breakOpen: boolean
  punches: TimedPunch[]
}

/** What {@link buildShifts} returns: the shifts, and the punches that came with no open shift (missing check-in). */
export interface ShiftsResult {
  shifts: Shift[]
  strays: TimedPunch[]
}

/** Options of {@link buildShifts}: `now` epoch ms, `autoCloseMs` the open-shift limit in ms, and the zone for punches without one. */
export interface ShiftOptions {
  nowMs: number
  autoCloseMs: number
  defaultTimeZone: string
}

/**
 * Gives each punch its instant, zone (its own `timeZone` when known, else `defaultTimeZone`)
 * and local date, drops voided punches, and sorts by time (then id, so equal times keep a
 * fixed order). Raises `invalid-input` (ClockfaceError) when a punch time is not ISO-8601.
 */
export function timePunches(punches: readonly AttendanceEvent[], defaultTimeZone: string): TimedPunch[] {
  return punches
    .filter((punch) => punch.voided !== true)
    .map((punch) => {
      const ms = instantMs(punch.time, `Time of punch ${punch.id}`)
      const timeZone = punch.timeZone !== undefined && isKnownZone(punch.timeZone) ? punch.timeZone : defaultTimeZone
      return { punch, ms, timeZone, date: localDateOf(ms, timeZone) }
    })
    .sort((a, b) => a.ms - b.ms || (a.punch.id < b.punch.id ? -1 : a.punch.id > b.punch.id ? 1 : 0))
}

/** A shift being read: its punches so far, the breaks ended, and the start of a break still running. */
interface OpenShift {
  checkIn: TimedPunch
  punches: TimedPunch[]
  breakMs: number
  breakStartMs: number | null
}

function finish(open: OpenShift, checkOut: TimedPunch | null, status: ShiftStatus, endMs: number, breakOpen: boolean): Shift {
  const counted = status !== 'missing-check-out'
  const runningBreakMs = open.breakStartMs === null ? 0 : Math.max(0, endMs - open.breakStartMs)
  return {
    checkIn: open.checkIn,
    checkOut,
    date: open.checkIn.date,
    timeZone: open.checkIn.timeZone,
    status,
    presenceMs: counted ? Math.max(0, endMs - open.checkIn.ms) : 0,
    breakMs: counted ? open.breakMs + runningBreakMs : 0,
    breakOpen,
    punches: checkOut ? [...open.punches, checkOut] : open.punches
  }
}

/**
 * Reads one employee's punches (already timed and sorted, see {@link timePunches}) as shifts.
 * A check-in opens a shift and a check-out closes it; a check-out by the `system` (the
 * auto-close) leaves it missing its check-out. Break-start/break-end inside a shift make
 * breaks; a check-out during a break ends the break there (`breakOpen`); a second break-start
 * during a break, or a break-end with no break running, is kept with the shift but changes
 * nothing. A check-in while a shift is open leaves the earlier shift missing its check-out. A
 * check-out or break punch with no open shift is a stray (missing check-in). A shift still
 * open at `nowMs` is `open` up to `autoCloseMs` after its check-in and missing its check-out
 * beyond; a running break of an open shift counts up to now.
 */
export function buildShifts(punches: readonly TimedPunch[], options: ShiftOptions): ShiftsResult {
  const shifts: Shift[] = []
  const strays: TimedPunch[] = []
  let open: OpenShift | null = null
  for (const timed of punches) {
    const type = timed.punch.type
    if (type === 'check-in') {
      if (open) shifts.push(finish(open, null, 'missing-check-out', timed.ms, false))
      open = { checkIn: timed, punches: [timed], breakMs: 0, breakStartMs: null }
      continue
    }
    if (!open) {
      strays.push(timed)
      continue
    }
    if (type === 'check-out') {
      // The system's check-out at the auto-close limit stands for "not known" until an admin
      // has edited it to the real time; from then on it closes the shift like any other.
      const confirmed = timed.punch.revisions?.some((r) => r.action === 'edit') === true
      const status: ShiftStatus = timed.punch.source === 'system' && !confirmed ? 'missing-check-out' : 'closed'
      shifts.push(finish(open, timed, status, timed.ms, open.breakStartMs !== null))
      open = null
      continue
    }
    open.punches.push(timed)
    if (type === 'break-start' && open.breakStartMs === null) {
      open.breakStartMs = timed.ms
    } else if (type === 'break-end' && open.breakStartMs !== null) {
      open.breakMs += timed.ms - open.breakStartMs
      open.breakStartMs = null
    }
  }
  if (open) {
    const expired = options.nowMs - open.checkIn.ms > options.autoCloseMs
    shifts.push(finish(open, null, expired ? 'missing-check-out' : 'open', options.nowMs, false))
  }
  return { shifts, strays }
}
