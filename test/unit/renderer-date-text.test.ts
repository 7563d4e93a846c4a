import { describe, expect, it } from 'vitest'
import { shortDateTime } from '../../src/renderer/src/format/date-text'

describe('shortDateTime', () => {
  // Local times, so the test holds in any time zone.
  const now = new Date(2025, 2, 5, 15, 0)

  it('says today and yesterday by calendar day', () => {
    expect(shortDateTime(new Date(2025, 2, 5, 0, 5).toISOString(), now)).toBe('Today 00:05')
    expect(shortDateTime(new Date(2025, 2, 4, 23, 59).toISOString(), now)).toBe('Yesterday 23:59')
  })

  it('gives the date further back, and leaves unreadable text alone', () => {
    expect(shortDateTime(new Date(2025, 2, 3, 17, 40).toISOString(), now)).toBe('3 Mar 2025 17:40')
    expect(shortDateTime('not a time', now)).toBe('not a time')
  })
})
