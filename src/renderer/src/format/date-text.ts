/**
 * Short local date-times for admin lists (accounts, kiosks): "Today 14:03", "Yesterday 09:12"
 * or "3 Mar 2025 17:40". Pure given `now`; unit-tested in test/unit/renderer-date-text.test.ts.
 */
import { differenceInCalendarDays, format } from 'date-fns'

/** An ISO-8601 instant as a short local date-time relative to `now` (default: the current time). */
export function shortDateTime(iso: string, now: Date = new Date()): string {
  const time = new Date(iso)
  if (Number.isNaN(time.getTime())) return iso
  const days = differenceInCalendarDays(now, time)
  if (days === 0) return `Today ${format(time, 'HH:mm')}`
  if (days === 1) return `Yesterday ${format(time, 'HH:mm')}`
  return format(time, 'd MMM yyyy HH:mm')
}
