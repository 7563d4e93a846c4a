/** A kiosk that cannot reach the server retries after 1 s, 2 s, 4 s … up to a minute, with jitter. */
import { describe, expect, it } from 'vitest'
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelay } from '../../src/main/sync/retry-delay'

describe('sync retry delay', () => {
  it('doubles from the first delay and stops growing at the cap', () => {
    const none = () => 0
    expect([1, 2, 3, 4].map((n) => retryDelay(n, none))).toEqual([FIRST_RETRY_MS, 2 * FIRST_RETRY_MS, 4 * FIRST_RETRY_MS, 8 * FIRST_RETRY_MS])
    expect(retryDelay(30, none)).toBe(MAX_RETRY_MS)
    expect(retryDelay(1000, none)).toBe(MAX_RETRY_MS)
  })

  it('adds up to 20 % jitter so kiosks do not come back in one burst', () => {
    expect(retryDelay(1, () => 1)).toBe(1.2 * FIRST_RETRY_MS)
    expect(retryDelay(30, () => 0.5)).toBe(1.1 * MAX_RETRY_MS)
  })
})
