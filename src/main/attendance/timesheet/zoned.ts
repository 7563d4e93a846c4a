/**
 * Date and time helpers for the timesheet, on luxon with an explicit IANA zone every time, so
 * no result depends on the zone of the computer running it. Instants are epoch milliseconds
 * (UTC); local dates are `YYYY-MM-DD` strings; wall-clock times are `HH:mm` strings.
 */
import { DateTime, IANAZone } from 'luxon'
import { ClockfaceError } from '../../../shared/errors'

const MS_PER_MINUTE = 60_000
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/
const WALL_CLOCK = /^(\d{2}):(\d{2})$/

/** True when `zone` is an IANA zone name this runtime knows (e.g. `Europe/Berlin`). */
export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone)
}

/**
 * Checks that `zone` is a known IANA zone name and returns it. Raises `invalid-input`
 * (ClockfaceError) naming `what` otherwise.
 */
export function requireZone(zone: string, what: string): string {
  if (!isKnownZone(zone)) throw new ClockfaceError('invalid-input', `${what} is not a known IANA time zone: ${zone}`)
  return zone
}

/**
 * Epoch milliseconds of an ISO-8601 instant (`2026-11-21T08:00:00.000Z`; a string without an
 * offset is read as UTC). Raises `invalid-input` (ClockfaceError) naming `what` when the
 * string is not a valid instant.
 */
export function instantMs(iso: string, what: string): number {
  const parsed = DateTime.fromISO(iso, { zone: 'utc' })
  if (!parsed.isValid) throw new ClockfaceError('invalid-input', `${what} is not an ISO-8601 time: ${iso}`)
  return parsed.toMillis()
}

/** The local date `YYYY-MM-DD` of the instant `ms` (epoch milliseconds) in the IANA `zone`. */
export function localDateOf(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd')
}

/**
 * Checks that `date` is a real calendar date written `YYYY-MM-DD` and returns it. Raises
 * `invalid-input` (ClockfaceError) naming `what` otherwise.
 */
export function requireLocalDate(date: string, what: string): string {
  if (!LOCAL_DATE.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid) {
    throw new ClockfaceError('invalid-input', `${what} is not a date YYYY-MM-DD: ${date}`)
  }
  return date
}

/** Calendar arithmetic on a local date `YYYY-MM-DD`: the date `days` later (negative: earlier). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toFormat('yyyy-MM-dd')
}

/** Every local date from `from` to `to`, both included, in order (empty when `from` is after `to`). */
export function datesFromTo(from: string, to: string): string[] {
  const dates: string[] = []
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date)
  return dates
}

/** ISO weekday of a local date `YYYY-MM-DD`: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday
}

/** ISO-8601 week label of a local date, `2026-W47` (the week-numbering year, which may differ from the calendar year). */
export function isoWeekLabel(date: string): string {
  const day = DateTime.fromISO(date, { zone: 'utc' })
  return `${day.weekYear}-W${String(day.weekNumber).padStart(2, '0')}`
}

/** Month label of a local date, `2026-11`. */
export function monthLabel(date: string): string {
  return date.slice(0, 7)
}

/**
 * Minutes since midnight of a wall-clock time `HH:mm` (00:00 … 23:59). Raises `invalid-input`
 * (ClockfaceError) naming `what` when the text is not such a time.
 */
export function wallClockMinutes(time: string, what: string): number {
  const match = WALL_CLOCK.exec(time)
  const hours = Number(match?.[1])
  const minutes = Number(match?.[2])
  if (!match || hours > 23 || minutes > 59) throw new ClockfaceError('invalid-input', `${what} is not a time HH:mm: ${time}`)
  return hours * 60 + minutes
}

/**
 * The instant (epoch ms) when the clocks in `zone` show `minutesOfDay` (minutes since
 * midnight) on the local date `date`. Where the clocks jump forward and the time does not
 * exist, the time is moved forward by the jump (02:30 becomes 03:30); where they go back and
 * it happens twice, the first (earlier) occurrence is taken, as RFC 5545 and Temporal's
 * `compatible` disambiguation do.
 */
export function wallClockMs(date: string, minutesOfDay: number, zone: string): number {
  const wall = DateTime.fromISO(date, { zone: 'utc' }).plus({ minutes: minutesOfDay }).toMillis()
  const ianaZone = IANAZone.create(zone)
  // The offsets in force a day either side cover any single transition around this time.
  const day = 24 * 60 * MS_PER_MINUTE
  const offsets = new Set([ianaZone.offset(wall - day), ianaZone.offset(wall), ianaZone.offset(wall + day)])
  const exact = [...offsets].map((offset) => wall - offset * MS_PER_MINUTE).filter((ms) => ianaZone.offset(ms) * MS_PER_MINUTE === wall - ms)
  if (exact.length > 0) return Math.min(...exact)
  // No offset fits: the time falls in a gap, which luxon resolves by moving it forward.
  const hhmm = `${String(Math.floor(minutesOfDay / 60)).padStart(2, '0')}:${String(minutesOfDay % 60).padStart(2, '0')}`
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toMillis()
}
