import { describe, expect, it } from 'vitest'
import { clockTime, greetingLine, punchLabel, punchLine, salutation } from '../../src/renderer/src/format/greeting-text'

/** ISO time of a local wall-clock time today, so the tests hold in any time zone. */
const local = (hours: number, minutes: number): string => new Date(2025, 2, 14, hours, minutes, 30).toISOString()

describe('greeting text', () => {
  it('greets by the local time of day', () => {
    expect(salutation(new Date(2025, 2, 14, 8, 59))).toBe('Good morning')
    expect(salutation(new Date(2025, 2, 14, 12, 0))).toBe('Good afternoon')
    expect(salutation(new Date(2025, 2, 14, 17, 59))).toBe('Good afternoon')
    expect(salutation(new Date(2025, 2, 14, 18, 0))).toBe('Good evening')
    expect(greetingLine('Ana Lopes', new Date(2025, 2, 14, 7, 5))).toBe('Good morning, Ana Lopes')
  })

  it('shows punches as local HH:mm', () => {
    expect(clockTime(local(8, 59))).toBe('08:59')
    expect(punchLine('check-in', local(8, 59))).toBe('Checked in 08:59')
    expect(punchLine('check-out', local(17, 2))).toBe('Checked out 17:02')
  })

  it('labels punch types', () => {
    expect(punchLabel('check-in')).toBe('Check-in')
    expect(punchLabel('check-out')).toBe('Check-out')
  })
})
