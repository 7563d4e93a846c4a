/**
 * Words the kiosk and admin screens show for punches: the salutation by time of day, the
 * punch line ("Checked in 08:59") and local clock times. Pure (local time zone of the machine),
 * unit-tested in test/unit/renderer-greeting-text.test.ts.
 */
import { format } from 'date-fns'
import type { PunchType } from '../../../shared/models'

/** "Good morning" before 12:00, "Good afternoon" before 18:00, else "Good evening" (local time). */
export function salutation(time: Date): string {
  const hour = time.getHours()
  if (hour < 12) return 'Good morning'
  if (hour < 18) return 'Good afternoon'
  return 'Good evening'
}

/** "Good morning, Ana Lopes", by the local time of the punch. */
export function greetingLine(name: string, time: Date): string {
  return `${salutation(time)}, ${name}`
}

/** Local time of an ISO-8601 instant as HH:mm (24-hour), e.g. "08:59". */
export function clockTime(iso: string): string {
  return format(new Date(iso), 'HH:mm')
}

/** Local time of an ISO-8601 instant as HH:mm:ss, for logs. */
export function clockTimeSeconds(iso: string): string {
  return format(new Date(iso), 'HH:mm:ss')
}

/** "Check-in" / "Check-out": a punch type as a label. */
export function punchLabel(type: PunchType): string {
  return type === 'check-in' ? 'Check-in' : 'Check-out'
}

/** "Checked in 08:59" / "Checked out 17:02" for a punch at ISO time `iso`. */
export function punchLine(type: PunchType, iso: string): string {
  return `${type === 'check-in' ? 'Checked in' : 'Checked out'} ${clockTime(iso)}`
}
