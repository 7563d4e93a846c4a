/** Local calendar days in a named time zone, as UTC ranges (luxon; independent of this machine's zone). */
import { DateTime } from 'luxon'
import type { TimeRange } from '../../store/repositories/attendance-repository'

/** The UTC range (first and last millisecond) of the local day containing `at` in `zone`; a DST day is 23 or 25 hours long. */
export function localDayRange(at: Date, zone: string): TimeRange {
  const local = DateTime.fromJSDate(at, { zone })
  return { from: local.startOf('day').toUTC().toISO() as string, to: local.endOf('day').toUTC().toISO() as string }
}

/**
 * The UTC range from the start of local date `from` to the end of local date `to` in `zone`
 * (`YYYY-MM-DD`), widened by `marginDays` on each side (shifts that started in another zone or
 * crossed midnight). Throws a RangeError for a date that is not valid.
 */
export function localDatesRange(from: string, to: string, zone: string, marginDays = 0): TimeRange {
  const start = DateTime.fromISO(from, { zone })
  const end = DateTime.fromISO(to, { zone })
  if (!start.isValid || !end.isValid) throw new RangeError(`not a valid date range: ${from}..${to}`)
  return {
    from: start.minus({ days: marginDays }).startOf('day').toUTC().toISO() as string,
    to: end.plus({ days: marginDays }).endOf('day').toUTC().toISO() as string
  }
}

/** Today's local date `YYYY-MM-DD` in `zone` at `at`. */
export function localDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate() as string
}
