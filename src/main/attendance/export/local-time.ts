/**
 * Local wall-clock times of UTC instants in a named IANA zone, with luxon, so an export reads
 * the same whatever zone the machine that writes it runs in.
 */
import { DateTime, IANAZone } from 'luxon'

/**
 * The zone to show a punch in: `zone` when it is a valid IANA zone, else `fallback` (punches
 * recorded before zones existed carry none). Raises RangeError when `fallback` is not valid either.
 */
export function zoneOrDefault(zone: string | undefined, fallback: string): string {
  if (zone !== undefined && IANAZone.isValidZone(zone)) return zone
  if (!IANAZone.isValidZone(fallback)) throw new RangeError(`Unknown time zone "${fallback}"`)
  return fallback
}

/**
 * A UTC ISO-8601 instant as a luxon DateTime in `zone` (an IANA name). Raises RangeError for a
 * time or zone luxon cannot read.
 */
export function inZone(isoUtc: string, zone: string): DateTime {
  const local = DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(zone)
  if (!local.isValid) throw new RangeError(`Cannot read the time "${isoUtc}" in zone "${zone}": ${local.invalidExplanation ?? local.invalidReason ?? ''}`)
  return local
}

/** The ISO weekday (1 Monday … 7 Sunday) of a calendar date `YYYY-MM-DD`; RangeError if it is not one. */
export function isoWeekday(date: string): number {
  const day = DateTime.fromISO(date, { zone: 'utc' })
  if (!day.isValid) throw new RangeError(`Not a date: "${date}"`)
  return day.weekday
}
