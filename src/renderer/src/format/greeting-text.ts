/**
 * Words and times the kiosk and admin screens show for punches: the part of the day a
 * salutation depends on, which greeting a punch type gets, clock times and the long date, all
 * in a given IANA time zone (a kiosk shows its own zone's wall clock, not the machine's). The
 * English one-liners (`greetingLine`, `punchLine`, `punchLabel`) serve screens not yet
 * translated; translated screens take the message keys from here and the words from i18n.
 * Pure; unit-tested in test/unit/renderer-greeting-text.test.ts and renderer-kiosk-text.test.ts.
 */
import { format } from 'date-fns'
import type { PunchType } from '../../../shared/models'

/** Morning before 12:00, afternoon before 18:00, evening after; picks the salutation. */
export type DayPart = 'morning' | 'afternoon' | 'evening'

const formatters = new Map<string, Intl.DateTimeFormat>()

/** One cached formatter per locale, zone and options (building them is slow, the kiosk asks often). */
function formatter(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`
  let found = formatters.get(key)
  if (!found) {
    try {
      found = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    } catch {
      // An unknown zone (older runtime, typo in stored data) falls back to the machine's zone.
      found = new Intl.DateTimeFormat(locale, options)
    }
    formatters.set(key, found)
  }
  return found
}

/** The hour 0–23 of `time` on the wall clock of `timeZone` (machine zone when absent). */
export function hourIn(time: Date, timeZone?: string): number {
  const hour = formatter('en-GB', timeZone, { hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(time)
    .find((p) => p.type === 'hour')?.value
  return Number(hour ?? time.getHours()) % 24
}

/** Part of the day of `time` in `timeZone`: morning before 12:00, afternoon before 18:00, else evening. */
export function dayPart(time: Date, timeZone?: string): DayPart {
  const hour = hourIn(time, timeZone)
  if (hour < 12) return 'morning'
  if (hour < 18) return 'afternoon'
  return 'evening'
}

/**
 * Which greeting headline a person gets: by the part of the day for a check-in, a check-out or
 * no punch, and a break-specific one for a break start ("enjoy") or end ("welcome back").
 */
export type GreetingKind = DayPart | 'breakStart' | 'breakEnd'

/** The {@link GreetingKind} for a punch of `type` (null: none) made at `time` in `timeZone`. */
export function greetingKind(type: PunchType | null, time: Date, timeZone?: string): GreetingKind {
  if (type === 'break-start') return 'breakStart'
  if (type === 'break-end') return 'breakEnd'
  return dayPart(time, timeZone)
}

/** "Good morning" before 12:00, "Good afternoon" before 18:00, else "Good evening" (local time). */
export function salutation(time: Date, timeZone?: string): string {
  const part = dayPart(time, timeZone)
  return part === 'morning' ? 'Good morning' : part === 'afternoon' ? 'Good afternoon' : 'Good evening'
}

/** "Good morning, Ana Lopes", by the local time of the punch. */
export function greetingLine(name: string, time: Date, timeZone?: string): string {
  return `${salutation(time, timeZone)}, ${name}`
}

/** Time of an ISO-8601 instant as HH:mm (24-hour) in `timeZone` (machine zone when absent), e.g. "08:59". */
export function clockTime(iso: string | Date, timeZone?: string): string {
  const time = typeof iso === 'string' ? new Date(iso) : iso
  if (Number.isNaN(time.getTime())) return ''
  return formatter('en-GB', timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(time)
}

/** Local time of an ISO-8601 instant as HH:mm:ss, for logs. */
export function clockTimeSeconds(iso: string): string {
  return format(new Date(iso), 'HH:mm:ss')
}

/** "Friday 14 March" (English) or "viernes, 14 de marzo" (Spanish): the date of `time` in `timeZone`. */
export function longDate(time: Date, language: string, timeZone?: string): string {
  const locale = language === 'es' ? 'es-ES' : 'en-GB'
  return formatter(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long' }).format(time)
}

const ENGLISH_LABELS: Record<PunchType, string> = {
  'check-in': 'Check-in',
  'check-out': 'Check-out',
  'break-start': 'Break start',
  'break-end': 'Break end'
}

const ENGLISH_LINES: Record<PunchType, string> = {
  'check-in': 'Checked in',
  'check-out': 'Checked out',
  'break-start': 'Break started',
  'break-end': 'Break ended'
}

/** "Check-in" / "Check-out" / "Break start" / "Break end": a punch type as an English label. */
export function punchLabel(type: PunchType): string {
  return ENGLISH_LABELS[type]
}

/** "Checked in 08:59", "Break started 12:01"…: an English line for a punch at ISO time `iso`. */
export function punchLine(type: PunchType, iso: string, timeZone?: string): string {
  return `${ENGLISH_LINES[type]} ${clockTime(iso, timeZone)}`
}
