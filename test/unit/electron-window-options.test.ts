import { describe, expect, it } from 'vitest'
import { resolveShellMode, windowOptions } from '../../src/main/electron/window-options'

describe('resolveShellMode', () => {
  it('makes the packaged app a kiosk without menu or developer tools', () => {
    expect(resolveShellMode(true, false)).toEqual({ kiosk: true, devTools: false, applicationMenu: false })
  })

  it('lets a packaged app run windowed for set-up, still without menu or developer tools', () => {
    expect(resolveShellMode(true, true)).toEqual({ kiosk: false, devTools: false, applicationMenu: false })
  })

  it('runs development windowed with the menu and developer tools', () => {
    expect(resolveShellMode(false, false)).toEqual({ kiosk: false, devTools: true, applicationMenu: true })
  })
})

describe('windowOptions', () => {
  const workArea = { width: 1920, height: 1080 }

  it('opens the production window as a fullscreen kiosk with a locked-down renderer', () => {
    expect(windowOptions(resolveShellMode(true, false), '/app/out/preload/index.js', workArea)).toEqual({
      width: 1280,
      height: 800,
      show: false,
      fullscreen: true,
      kiosk: true,
      backgroundColor: '#0b0f14',
      autoHideMenuBar: true,
      title: 'Clockface',
      webPreferences: {
        preload: '/app/out/preload/index.js',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        devTools: false,
        spellcheck: false
      }
    })
  })

  it('keeps the renderer locked down in development, with developer tools', () => {
    const options = windowOptions(resolveShellMode(false, false), '/p.js', workArea)
    expect(options.kiosk).toBe(false)
    expect(options.fullscreen).toBe(false)
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: true
    })
  })

  it('fits the windowed size into a small work area', () => {
    const options = windowOptions(resolveShellMode(true, true), '/p.js', { width: 1024, height: 600 })
    expect([options.width, options.height]).toEqual([1024, 600])
    expect(options.webPreferences?.devTools).toBe(false)
  })
})
