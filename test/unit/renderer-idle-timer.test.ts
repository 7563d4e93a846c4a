import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createIdleTimer } from '../../src/renderer/src/session/idle-timer'

describe('idle timer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(0)
  })
  afterEach(() => vi.useRealTimers())

  function setup(timeoutMs = 10 * 60_000, warningMs = 60_000) {
    const calls = { warnings: [] as number[], active: 0, idle: 0 }
    const timer = createIdleTimer({
      timeoutMs,
      warningMs,
      onWarning: (ms) => calls.warnings.push(ms),
      onActive: () => calls.active++,
      onIdle: () => calls.idle++
    })
    return { timer, calls }
  }

  it('warns in the last minute, counting down, then calls onIdle once', () => {
    const { calls } = setup()
    vi.advanceTimersByTime(9 * 60_000 - 1)
    expect(calls.warnings).toEqual([])
    vi.advanceTimersByTime(1)
    expect(calls.warnings).toEqual([60_000])
    vi.advanceTimersByTime(30_000)
    expect(calls.warnings.at(-1)).toBe(30_000)
    vi.advanceTimersByTime(30_000)
    expect(calls.idle).toBe(1)
    vi.advanceTimersByTime(60 * 60_000)
    expect(calls.idle).toBe(1)
  })

  it('starts again on activity, and activity during the warning ends it', () => {
    const { timer, calls } = setup()
    vi.advanceTimersByTime(8 * 60_000)
    timer.activity()
    vi.advanceTimersByTime(8 * 60_000)
    expect(calls.warnings).toEqual([])
    vi.advanceTimersByTime(90_000)
    expect(calls.warnings.length).toBeGreaterThan(0)
    timer.activity()
    expect(calls.active).toBe(1)
    vi.advanceTimersByTime(8 * 60_000)
    expect(calls.idle).toBe(0)
    vi.advanceTimersByTime(2 * 60_000)
    expect(calls.idle).toBe(1)
  })

  it('signs out at once when the clock jumped past the limit (a computer that slept)', () => {
    const { calls } = setup()
    vi.setSystemTime(11 * 60_000)
    vi.advanceTimersByTime(9 * 60_000)
    expect(calls.idle).toBe(1)
    expect(calls.warnings).toEqual([])
  })

  it('does nothing after stop()', () => {
    const { timer, calls } = setup()
    timer.stop()
    vi.advanceTimersByTime(20 * 60_000)
    expect(calls).toEqual({ warnings: [], active: 0, idle: 0 })
  })
})
