/**
 * Times and periods of the attendance screens. A punch is stored as a UTC instant with the
 * IANA zone of the kiosk that recorded it, and payroll reads it in that zone, not in the zone
 * of the browser the admin happens to use: these helpers show and enter times in a named zone
 * (Intl for display, luxon for wall-clock → UTC, which handles daylight-saving gaps).
 */
import { DateTime } from 'luxon'

/** The zone this browser runs in (e.g. `Europe/Madrid`). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Every IANA zone this runtime knows, for a zone chooser; the browser's own zone first. */
export function timeZoneNames(): string[] {
  const own = browserTimeZone()
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']
  return [own, ...all.filter((zone) => zone !== own)]
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`
  let found = formatters.get(key)
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })
    } catch {
      // A zone this runtime does not know (an old punch, a renamed zone): fall back to the browser's.
      found = new Intl.DateTimeFormat(locale, options)
    }
    formatters.set(key, found)
  }
  return found
}

/** `iso` as a date and time with seconds in `zone` (the browser's zone when absent), e.g. "05/03/2026, 08:59:12". */
export function dateTimeInZone(iso: string, zone: string | undefined, locale: string): string {
  return formatter(locale, zone ?? browserTimeZone(), { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(iso))
}

/** `iso` as a wall-clock time `HH:mm` in `zone` (the browser's zone when absent). */
export function clockInZone(iso: string, zone: string | undefined, locale: string): string {
  return formatter(locale, zone ?? browserTimeZone(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))
}

/** A local date `YYYY-MM-DD` as a short weekday and date in `locale`, e.g. "Mon, 5 Mar". */
export function dayLabel(date: string, locale: string): string {
  return formatter(locale, 'UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00Z`))
}

/**
 * The UTC instant (ISO-8601 with `Z`) of wall-clock `date` `YYYY-MM-DD` and `time` `HH:mm` in
 * `zone`; null when the input does not name a time (a bad date, or a time skipped by a
 * daylight-saving change, which luxon would otherwise shift silently).
 */
export function zonedToUtcIso(date: string, time: string, zone: string): string | null {
  const local = DateTime.fromISO(`${date}T${time}`, { zone })
  if (!local.isValid || local.toFormat('yyyy-MM-dd HH:mm') !== `${date} ${time}`) return null
  return local.toUTC().toISO({ suppressMilliseconds: true })
}

/** The wall-clock date `YYYY-MM-DD` and time `HH:mm` of `iso` in `zone` (to prefill a correction form). */
export function utcToZoned(iso: string, zone: string): { date: string; time: string } {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone)
  const shown = local.isValid ? local : DateTime.fromISO(iso).setZone(browserTimeZone())
  return { date: shown.toFormat('yyyy-MM-dd'), time: shown.toFormat('HH:mm') }
}

/** The instants that bound local dates `from`..`to` (inclusive) in the browser's zone, for a punch search. */
export function localDatesToRange(from: string, to: string): { from: string; to: string } {
  const start = DateTime.fromISO(from).startOf('day')
  const end = DateTime.fromISO(to).endOf('day')
  return { from: start.toUTC().toISO() ?? '', to: end.toUTC().toISO() ?? '' }
}

/**
 * How many calendar days after local `date` the instant `iso` falls in `zone` (1 for a night
 * shift's check-out the next morning); 0 when on that day or earlier, or when unreadable.
 */
export function daysAfter(date: string, iso: string, zone: string): number {
  const day = DateTime.fromISO(date, { zone }).startOf('day')
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone)
  if (!day.isValid || !local.isValid) return 0
  return Math.max(0, Math.round(local.startOf('day').diff(day, 'days').days))
}

/**
 * The browser-local dates `from`..`to` that cover local `date` as it runs in `zone`, through
 * the instant `until` when that is later (a night shift's last check-out). The day is bounded
 * in its own zone, where it was worked; the bounds are then given as browser-local dates
 * because that is how the attendance log reads its date filter ({@link localDatesToRange}),
 * so a kiosk in another zone than the admin's still lands on all of the day's punches.
 */
export function zonedDayToLocalDates(date: string, zone: string, until?: string | null): { from: string; to: string } {
  const start = DateTime.fromISO(date, { zone }).startOf('day')
  if (!start.isValid) return { from: date, to: date }
  let end = start.endOf('day')
  const out = until ? DateTime.fromISO(until, { zone: 'utc' }) : null
  if (out?.isValid && out > end) end = out
  const here = browserTimeZone()
  return { from: start.setZone(here).toFormat('yyyy-MM-dd'), to: end.setZone(here).toFormat('yyyy-MM-dd') }
}

/**
 * A timesheet period label in `locale`: an ISO week `2026-W46` as "Week 46, 2026" (through
 * `weekText`, which words it per language), a month `2026-11` as "November 2026"; anything
 * else (a total, a department) as given.
 */
export function periodLabel(label: string, locale: string, weekText: (week: number, year: number) => string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(label)
  if (week) return weekText(Number(week[2]), Number(week[1]))
  if (/^\d{4}-\d{2}$/.test(label)) return formatter(locale, 'UTC', { month: 'long', year: 'numeric' }).format(new Date(`${label}-15T12:00:00Z`))
  return label
}

/** A named period of the period pickers. */
export type PeriodPreset = 'today' | 'this-week' | 'last-week' | 'this-month' | 'last-month'

/** Local dates `from`..`to` (inclusive, `YYYY-MM-DD`) of a named period around `now`; weeks start on Monday (ISO). */
export function presetPeriod(preset: PeriodPreset, now: DateTime = DateTime.now()): { from: string; to: string } {
  const day = (d: DateTime): string => d.toFormat('yyyy-MM-dd')
  switch (preset) {
    case 'today':
      return { from: day(now), to: day(now) }
    case 'this-week':
      return { from: day(now.startOf('week')), to: day(now.endOf('week')) }
    case 'last-week': {
      const last = now.minus({ weeks: 1 })
      return { from: day(last.startOf('week')), to: day(last.endOf('week')) }
    }
    case 'this-month':
      return { from: day(now.startOf('month')), to: day(now.endOf('month')) }
    case 'last-month': {
      const last = now.minus({ months: 1 })
      return { from: day(last.startOf('month')), to: day(last.endOf('month')) }
    }
  }
}

/** Whole minutes as `h:mm` (payroll's usual notation), e.g. 485 → "8:05"; negative values keep their sign. */
export function hoursMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : ''
  const abs = Math.abs(Math.round(minutes))
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`
}
