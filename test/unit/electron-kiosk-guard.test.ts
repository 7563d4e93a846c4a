import { EventEmitter } from 'node:events'
import type { BrowserWindow } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { guardKioskWindow } from '../../src/main/electron/kiosk-guard'
import { createKioskExit, createShellHooks } from '../../src/main/electron/kiosk-exit'
import { isBlockedShortcut, type KeyInput } from '../../src/main/electron/kiosk-shortcuts'

const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({ key: k, control: false, meta: false, alt: false, shift: false, ...mods })

describe('isBlockedShortcut', () => {
  it('blocks closing, quitting, reloading, leaving fullscreen and developer tools', () => {
    const blocked: [string, KeyInput][] = [
      ['Alt+F4', key('F4', { alt: true })],
      ['Ctrl+F4', key('F4', { control: true })],
      ['Cmd+Q', key('q', { meta: true })],
      ['Ctrl+Q', key('q', { control: true })],
      ['Ctrl+W', key('w', { control: true })],
      ['Cmd+W', key('w', { meta: true })],
      ['Ctrl+Shift+W', key('W', { control: true, shift: true })],
      ['Cmd+H', key('h', { meta: true })],
      ['Cmd+M', key('m', { meta: true })],
      ['F11', key('F11')],
      ['Ctrl+Cmd+F', key('f', { control: true, meta: true })],
      ['F5', key('F5')],
      ['Ctrl+R', key('r', { control: true })],
      ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
      ['Cmd+R', key('r', { meta: true })],
      ['F12', key('F12')],
      ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
      ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
      ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
      ['Cmd+Alt+I', key('i', { meta: true, alt: true })]
    ]
    for (const [name, input] of blocked) expect(isBlockedShortcut(input), name).toBe(true)
  })

  it('lets typing and editing through, Escape included (dialogs cancel with it)', () => {
    const allowed: [string, KeyInput][] = [
      ['Escape', key('Escape')],
      ['q', key('q')],
      ['W', key('W', { shift: true })],
      ['F4', key('F4')],
      ['Ctrl+C', key('c', { control: true })],
      ['Ctrl+V', key('v', { control: true })],
      ['Ctrl+Z', key('z', { control: true })],
      ['Ctrl+A', key('a', { control: true })],
      ['Ctrl+F', key('f', { control: true })],
      ['Alt+R', key('r', { alt: true })],
      ['Tab', key('Tab')],
      ['Enter', key('Enter')],
      ['Shift+I', key('I', { shift: true })]
    ]
    for (const [name, input] of allowed) expect(isBlockedShortcut(input), name).toBe(false)
  })
})

describe('createKioskExit and createShellHooks', () => {
  it('starts closed and stays open once opened', () => {
    const gate = createKioskExit()
    expect(gate.isExitAllowed()).toBe(false)
    gate.allowExit()
    expect(gate.isExitAllowed()).toBe(true)
    gate.allowExit()
    expect(gate.isExitAllowed()).toBe(true)
  })

  it('exitKiosk opens the gate before it quits', () => {
    const gate = createKioskExit()
    const openWhenQuitting: boolean[] = []
    const hooks = createShellHooks(gate, () => openWhenQuitting.push(gate.isExitAllowed()))
    expect(openWhenQuitting).toEqual([])
    hooks.exitKiosk()
    expect(openWhenQuitting).toEqual([true])
  })
})

class FakeWindow extends EventEmitter {
  readonly webContents = new EventEmitter()
  kiosk = true
  fullScreen = true
  minimized = false
  setKiosk = vi.fn((flag: boolean) => {
    this.kiosk = flag
  })
  setFullScreen = vi.fn((flag: boolean) => {
    this.fullScreen = flag
  })
  restore = vi.fn(() => {
    this.minimized = false
  })
  isMinimized = (): boolean => this.minimized
  isDestroyed = (): boolean => false
}

const fakeEvent = (): { preventDefault: ReturnType<typeof vi.fn> } => ({ preventDefault: vi.fn() })

describe('guardKioskWindow', () => {
  const guarded = (): { win: FakeWindow; gate: ReturnType<typeof createKioskExit> } => {
    const win = new FakeWindow()
    const gate = createKioskExit()
    guardKioskWindow(win as unknown as BrowserWindow, gate)
    return { win, gate }
  }

  it('refuses to close until the gate opens', () => {
    const { win, gate } = guarded()
    const refused = fakeEvent()
    win.emit('close', refused)
    expect(refused.preventDefault).toHaveBeenCalledTimes(1)
    gate.allowExit()
    const allowed = fakeEvent()
    win.emit('close', allowed)
    expect(allowed.preventDefault).not.toHaveBeenCalled()
  })

  it('swallows the quit shortcuts but not ordinary keys', () => {
    const { win } = guarded()
    const altF4 = fakeEvent()
    win.webContents.emit('before-input-event', altF4, key('F4', { alt: true }))
    expect(altF4.preventDefault).toHaveBeenCalledTimes(1)
    const devTools = fakeEvent()
    win.webContents.emit('before-input-event', devTools, key('I', { control: true, shift: true }))
    expect(devTools.preventDefault).toHaveBeenCalledTimes(1)
    const escape = fakeEvent()
    win.webContents.emit('before-input-event', escape, key('Escape'))
    expect(escape.preventDefault).not.toHaveBeenCalled()
  })

  it('puts the window back into kiosk fullscreen when it leaves it or is minimised', () => {
    const { win, gate } = guarded()
    win.fullScreen = false
    win.emit('leave-full-screen')
    expect(win.setKiosk).toHaveBeenLastCalledWith(true)
    expect(win.fullScreen).toBe(true)
    win.minimized = true
    win.emit('minimize')
    expect(win.restore).toHaveBeenCalledTimes(1)
    expect(win.setKiosk).toHaveBeenCalledTimes(2)
    gate.allowExit()
    win.emit('leave-full-screen')
    expect(win.setKiosk).toHaveBeenCalledTimes(2)
  })

  it('lets the window go when the OS ends the session', () => {
    const { win, gate } = guarded()
    win.emit('session-end', fakeEvent())
    expect(gate.isExitAllowed()).toBe(true)
    const close = fakeEvent()
    win.emit('close', close)
    expect(close.preventDefault).not.toHaveBeenCalled()
  })
})
