import { BrowserWindow, screen } from 'electron'
import { join } from 'node:path'
import { guardKioskWindow } from './kiosk-guard'
import type { KioskExit } from './kiosk-exit'
import { watchRenderer } from './renderer-recovery'
import { windowOptions, type ShellMode } from './window-options'

/** Options of the kiosk window. */
export interface WindowOptions {
  /** Built preload script (see {@link preloadPath}). */
  preloadPath: string
  /** URL the window loads (app-origin.ts `appStartUrl`): `clockface://app/index.html`, or the dev server. */
  startUrl: string
  /** Kiosk or windowed, developer tools or not (window-options.ts). */
  mode: ShellMode
  /** The admin gate out of the kiosk. */
  kioskExit: KioskExit
  /** Called when the page keeps crashing and the shell stops reloading it. */
  onRendererGiveUp(reason: string): void
}

/**
 * Opens the Clockface window with {@link windowOptions}, guards it as a kiosk when the mode
 * says so (kiosk-guard.ts), reloads its page after a crash or hang (renderer-recovery.ts)
 * and loads `startUrl`.
 */
export function setupWindow(options: WindowOptions): BrowserWindow {
  const win = new BrowserWindow(windowOptions(options.mode, options.preloadPath, screen.getPrimaryDisplay().workAreaSize))
  if (options.mode.kiosk) guardKioskWindow(win, options.kioskExit)
  watchRenderer(win, { reloadUrl: options.startUrl, onGiveUp: options.onRendererGiveUp })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.startUrl)
  return win
}

/** Path of the built preload script next to the main bundle. */
export const preloadPath = (mainDir: string): string => join(mainDir, '..', 'preload', 'index.js')
