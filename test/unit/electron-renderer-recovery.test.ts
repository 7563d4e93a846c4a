import { EventEmitter } from 'node:events'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createRendererRecovery, DEFAULT_RECOVERY_POLICY, watchRenderer, type RecoveryPolicy } from '../../src/main/electron/renderer-recovery'

const policy: RecoveryPolicy = { maxReloads: 3, windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 3_000, hangGraceMs: 10_000 }

describe('createRendererRecovery', () => {
  it('reloads after a crash with a doubling, capped delay and gives up after too many in the window', () => {
    const recovery = createRendererRecovery(policy)
    expect(recovery.onGone('crashed', 0)).toEqual({ kind: 'reload', delayMs: 1_000, attempt: 1 })
    expect(recovery.onGone('oom', 5_000)).toEqual({ kind: 'reload', delayMs: 2_000, attempt: 2 })
    expect(recovery.onGone('killed', 10_000)).toEqual({ kind: 'reload', delayMs: 3_000, attempt: 3 })
    const fourth = recovery.onGone('crashed', 15_000)
    expect(fourth.kind).toBe('give-up')
    expect(fourth.kind === 'give-up' && fourth.reason).toContain('4 times within 60 s')
  })

  it('forgets crashes older than the window', () => {
    const recovery = createRendererRecovery(policy)
    expect(recovery.onGone('crashed', 0)).toMatchObject({ kind: 'reload', attempt: 1 })
    expect(recovery.onGone('crashed', 30_000)).toMatchObject({ kind: 'reload', attempt: 2 })
    expect(recovery.onGone('crashed', 70_000)).toEqual({ kind: 'reload', delayMs: 2_000, attempt: 2 })
    expect(recovery.onGone('crashed', 200_000)).toEqual({ kind: 'reload', delayMs: 1_000, attempt: 1 })
  })

  it('ignores a clean exit and gives up at once when the renderer cannot start or was altered', () => {
    const recovery = createRendererRecovery(policy)
    expect(recovery.onGone('clean-exit', 0)).toEqual({ kind: 'ignore' })
    expect(recovery.onGone('launch-failed', 0)).toEqual({ kind: 'give-up', reason: 'renderer launch-failed' })
    expect(recovery.onGone('integrity-failure', 0)).toEqual({ kind: 'give-up', reason: 'renderer integrity-failure' })
  })

  it('calls a page hung only after the grace period, and not once it responds', () => {
    const recovery = createRendererRecovery(policy)
    expect(recovery.isHung(50_000)).toBe(false)
    recovery.onUnresponsive(1_000)
    recovery.onUnresponsive(5_000)
    expect(recovery.isHung(10_999)).toBe(false)
    expect(recovery.isHung(11_000)).toBe(true)
    recovery.onResponsive()
    expect(recovery.isHung(50_000)).toBe(false)
  })

  it('has sane defaults and refuses a broken policy', () => {
    expect(DEFAULT_RECOVERY_POLICY).toEqual({ maxReloads: 5, windowMs: 60_000, baseDelayMs: 1_000, maxDelayMs: 8_000, hangGraceMs: 15_000 })
    expect(() => createRendererRecovery({ ...policy, windowMs: Number.NaN })).toThrow(RangeError)
    expect(() => createRendererRecovery({ ...policy, maxReloads: -1 })).toThrow(RangeError)
  })
})

class FakeWindow extends EventEmitter {
  readonly webContents = Object.assign(new EventEmitter(), { forcefullyCrashRenderer: vi.fn() })
  loadURL = vi.fn(() => Promise.resolve())
  isDestroyed = (): boolean => false
}

describe('watchRenderer', () => {
  let clock = 0
  beforeEach(() => {
    vi.useFakeTimers()
    clock = 0
  })
  afterEach(() => vi.useRealTimers())

  const watched = (onGiveUp = vi.fn()): FakeWindow => {
    const win = new FakeWindow()
    watchRenderer(win as unknown as BrowserWindow, { reloadUrl: 'clockface://app/index.html', onGiveUp, policy, now: () => clock, log: () => {} })
    return win
  }

  it('reloads the entry page after the policy’s delay', () => {
    const win = watched()
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 })
    vi.advanceTimersByTime(999)
    expect(win.loadURL).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(win.loadURL).toHaveBeenCalledWith('clockface://app/index.html')
  })

  it('gives up once, after too many crashes', () => {
    const onGiveUp = vi.fn()
    const win = watched(onGiveUp)
    for (let i = 0; i < 6; i++) win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 })
    expect(onGiveUp).toHaveBeenCalledTimes(1)
    expect(onGiveUp.mock.calls[0]?.[0]).toContain('4 times')
  })

  it('kills a renderer that stays unresponsive past the grace period', () => {
    const win = watched()
    win.emit('unresponsive')
    clock = 10_000
    vi.advanceTimersByTime(10_000)
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1)
  })

  it('leaves a renderer alone that responds again in time', () => {
    const win = watched()
    win.emit('unresponsive')
    clock = 4_000
    win.emit('responsive')
    clock = 10_000
    vi.advanceTimersByTime(10_000)
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled()
  })
})
