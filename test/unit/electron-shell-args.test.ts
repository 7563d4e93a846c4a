import type { App, BrowserWindow } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { loginItemDecision } from '../../src/main/electron/login-item'
import { parseShellArgs } from '../../src/main/electron/shell-args'
import { bringToFront, claimSingleInstance } from '../../src/main/electron/single-instance'

describe('parseShellArgs', () => {
  it('defaults to a kiosk on the default data folder with the login item untouched', () => {
    expect(parseShellArgs([], '/home/ada')).toEqual({ windowed: false })
  })

  it('reads --data (made absolute), --kiosk-id and --windowed', () => {
    expect(parseShellArgs(['--data', 'kiosk-data', '--kiosk-id=front-desk', '--windowed'], '/home/ada')).toEqual({
      dataDir: '/home/ada/kiosk-data',
      kioskId: 'front-desk',
      windowed: true
    })
    expect(parseShellArgs(['--data=/srv/clockface'], '/home/ada').dataDir).toBe('/srv/clockface')
  })

  it('reads --start-at-login and --no-start-at-login, the last one winning', () => {
    expect(parseShellArgs(['--start-at-login'], '/').startAtLogin).toBe(true)
    expect(parseShellArgs(['--no-start-at-login'], '/').startAtLogin).toBe(false)
    expect(parseShellArgs(['--start-at-login', '--no-start-at-login'], '/').startAtLogin).toBe(false)
    expect(parseShellArgs(['--no-start-at-login', '--start-at-login'], '/').startAtLogin).toBe(true)
  })

  it('ignores switches Chromium and the OS add', () => {
    expect(parseShellArgs(['--no-sandbox', '-psn_0_12345', '--enable-logging', 'stray'], '/')).toEqual({ windowed: false })
  })
})

describe('loginItemDecision', () => {
  const on = { windowed: false, startAtLogin: true }

  it('leaves the login item alone without a flag', () => {
    expect(loginItemDecision({ windowed: false }, true, 'win32')).toEqual({ kind: 'leave' })
  })

  it('registers the packaged app on macOS (no arguments there) and removes it on request', () => {
    expect(loginItemDecision({ ...on, dataDir: '/Users/ada/data' }, true, 'darwin')).toEqual({ kind: 'set', settings: { openAtLogin: true } })
    expect(loginItemDecision({ windowed: false, startAtLogin: false }, true, 'darwin')).toEqual({ kind: 'set', settings: { openAtLogin: false } })
  })

  it('registers the packaged app on Windows with its data folder and kiosk id, quoted', () => {
    expect(loginItemDecision({ ...on, dataDir: 'D:\\Clockface data', kioskId: 'front desk' }, true, 'win32')).toEqual({
      kind: 'set',
      settings: { openAtLogin: true, args: ['--data="D:\\Clockface data"', '--kiosk-id="front desk"'] }
    })
    expect(loginItemDecision({ ...on, dataDir: 'D:\\' }, true, 'win32')).toEqual({ kind: 'set', settings: { openAtLogin: true, args: ['--data="D:\\\\"'] } })
    expect(loginItemDecision({ windowed: false, startAtLogin: false }, true, 'win32')).toEqual({ kind: 'set', settings: { openAtLogin: false } })
  })

  it('does not register a development build or on Linux', () => {
    expect(loginItemDecision(on, false, 'win32')).toMatchObject({ kind: 'unsupported' })
    expect(loginItemDecision(on, true, 'linux')).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('linux') })
  })
})

describe('single instance', () => {
  it('quits when another instance holds the lock', () => {
    const held = { requestSingleInstanceLock: vi.fn(() => false), quit: vi.fn() }
    expect(claimSingleInstance(held as unknown as App)).toBe(false)
    expect(held.quit).toHaveBeenCalledTimes(1)
    const free = { requestSingleInstanceLock: vi.fn(() => true), quit: vi.fn() }
    expect(claimSingleInstance(free as unknown as App)).toBe(true)
    expect(free.quit).not.toHaveBeenCalled()
  })

  it('brings the existing kiosk window back to the front', () => {
    const calls: string[] = []
    const win = {
      isDestroyed: () => false,
      isMinimized: () => true,
      restore: () => calls.push('restore'),
      show: () => calls.push('show'),
      setKiosk: (flag: boolean) => calls.push(`kiosk ${flag}`),
      focus: () => calls.push('focus')
    }
    bringToFront(win as unknown as BrowserWindow, true)
    expect(calls).toEqual(['restore', 'show', 'kiosk true', 'focus'])
    calls.length = 0
    bringToFront({ ...win, isMinimized: () => false } as unknown as BrowserWindow, false)
    expect(calls).toEqual(['show', 'focus'])
    expect(() => bringToFront(undefined, true)).not.toThrow()
  })
})
