import { describe, expect, it } from 'vitest'
import { clockTime, dayPart, greetingKind, longDate, punchLabel, punchLine } from '../../src/renderer/src/format/greeting-text'
import en from '../../src/renderer/src/i18n/locales/en'
import es from '../../src/renderer/src/i18n/locales/es'

/** Every dotted key path of a message tree. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]))
}

describe('kiosk times in the kiosk time zone', () => {
  const instant = '2025-03-14T08:05:00Z'

  it('shows clock times and the part of the day on the zone’s wall clock', () => {
    expect(clockTime(instant, 'UTC')).toBe('08:05')
    expect(clockTime(instant, 'Asia/Tokyo')).toBe('17:05')
    expect(clockTime(instant, 'America/New_York')).toBe('04:05')
    expect(dayPart(new Date(instant), 'UTC')).toBe('morning')
    expect(dayPart(new Date(instant), 'Asia/Tokyo')).toBe('afternoon')
    expect(dayPart(new Date('2025-03-14T20:00:00Z'), 'Europe/Madrid')).toBe('evening')
  })

  it('gives the date in the screen language and the zone', () => {
    expect(longDate(new Date('2025-03-14T23:30:00Z'), 'en', 'UTC')).toBe('Friday 14 March')
    expect(longDate(new Date('2025-03-14T23:30:00Z'), 'es', 'Europe/Madrid')).toBe('sábado, 15 de marzo')
  })

  it('greets breaks by their own words, shifts by the time of day', () => {
    expect(greetingKind('break-start', new Date(instant), 'UTC')).toBe('breakStart')
    expect(greetingKind('break-end', new Date(instant), 'UTC')).toBe('breakEnd')
    expect(greetingKind('check-out', new Date(instant), 'Asia/Tokyo')).toBe('afternoon')
    expect(greetingKind(null, new Date(instant), 'UTC')).toBe('morning')
  })

  it('labels all four punch types in English', () => {
    expect(punchLabel('break-start')).toBe('Break start')
    expect(punchLabel('break-end')).toBe('Break end')
    expect(punchLine('break-start', instant, 'UTC')).toBe('Break started 08:05')
  })

  it('has every English kiosk and settings text in Spanish too', () => {
    expect(keys(es).sort()).toEqual(keys(en).sort())
  })
})
