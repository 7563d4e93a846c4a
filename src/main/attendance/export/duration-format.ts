/**
 * Durations as payroll wants them. Timesheets count whole minutes (attendance-models.ts);
 * payroll software takes either decimal hours or hours and minutes, so exports write both.
 */

/**
 * Minutes as decimal hours rounded to 2 decimals: 465 → 7.75, 20 → 0.33. Whole minutes never
 * fall exactly halfway between two hundredths of an hour, so the rounding has no ties to break.
 */
export function decimalHours(minutes: number): number {
  return Math.round((minutes * 100) / 60) / 100
}

/**
 * Minutes as `h:mm` text: 465 → `7:45`, 5 → `0:05`, 1505 → `25:05` (hours are not wrapped at
 * 24, the total is what counts); negative values keep their sign: -30 → `-0:30`.
 */
export function hoursMinutes(minutes: number): string {
  const whole = Math.round(Math.abs(minutes))
  const text = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
  return minutes < 0 && whole > 0 ? `-${text}` : text
}
