import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'

/** Options of the kiosk window. */
export interface WindowOptions {
  /** Built preload script (see {@link preloadPath}). */
  preloadPath: string
  /** Built renderer page, loaded unless electron-vite's dev server is running. */
  rendererIndex: string
  /** Fullscreen kiosk (default) or an ordinary window for set-up and development. */
  windowed: boolean
}

/**
 * Opens the Clockface window: fullscreen kiosk by default, with the renderer locked down
 * (context isolation, sandbox, no Node integration) and only the preload's API exposed.
 */
export function setupWindow(options: WindowOptions): BrowserWindow {
  const { width, height } = screen.getPrimaryDisplay().workAreaSize
  const win = new BrowserWindow({
    width: Math.min(1280, width),
    height: Math.min(800, height),
    show: false,
    fullscreen: !options.windowed,
    kiosk: !options.windowed,
    backgroundColor: '#0b0f14',
    autoHideMenuBar: true,
    title: 'Clockface',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false
    }
  })
  win.once('ready-to-show', () => win.show())
  const devUrl = process.env['ELECTRON_RENDERER_URL']
  if (devUrl) void win.loadURL(devUrl)
  else void win.loadFile(options.rendererIndex)
  return win
}

/** Path of the built preload script next to the main bundle. */
export const preloadPath = (mainDir: string): string => join(mainDir, '..', 'preload', 'index.js')
