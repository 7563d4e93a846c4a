import type { BrowserWindowConstructorOptions } from 'electron'

/** How the shell runs, derived from whether the app is packaged and its command line. */
export interface ShellMode {
  /** Fullscreen kiosk window that only the admin gate closes (kiosk-guard.ts). */
  kiosk: boolean
  /** Developer tools can open; never in a packaged app. */
  devTools: boolean
  /** Keep Electron's default application menu; a packaged app has none (no accelerators to quit or reload). */
  applicationMenu: boolean
}

/**
 * The shell's mode. A packaged app is a kiosk unless started with `--windowed` (set-up on a
 * desk), has no application menu and no developer tools. Development (`electron-vite dev`,
 * not packaged) runs windowed with the default menu and developer tools.
 * @param packaged `app.isPackaged`
 * @param windowed the `--windowed` flag
 */
export function resolveShellMode(packaged: boolean, windowed: boolean): ShellMode {
  return { kiosk: packaged && !windowed, devTools: !packaged, applicationMenu: !packaged }
}

/** Size of the primary display's work area, in device-independent pixels (`screen.getPrimaryDisplay().workAreaSize`). */
export interface WorkArea {
  width: number
  height: number
}

/**
 * Options of the Clockface window. Its page only ever sees the preload's `window.clockface`:
 * context isolation, the sandbox, no Node integration, web security on, no insecure content,
 * no <webview>, no navigation by dropping a file on the window, and developer tools only in
 * development. In kiosk mode the window is fullscreen kiosk with the menu bar hidden; the
 * windowed size is 1280×800, or the work area if smaller.
 * @param preloadPath built preload script (see setup-window.ts `preloadPath`)
 */
export function windowOptions(mode: ShellMode, preloadPath: string, workArea: WorkArea): BrowserWindowConstructorOptions {
  return {
    width: Math.min(1280, workArea.width),
    height: Math.min(800, workArea.height),
    show: false,
    fullscreen: mode.kiosk,
    kiosk: mode.kiosk,
    backgroundColor: '#0b0f14',
    autoHideMenuBar: true,
    title: 'Clockface',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      devTools: mode.devTools,
      spellcheck: false
    }
  }
}
