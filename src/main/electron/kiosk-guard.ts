import type { BrowserWindow } from 'electron'
import type { KioskExit } from './kiosk-exit'
import { isBlockedShortcut } from './kiosk-shortcuts'

/**
 * Keeps a kiosk window a kiosk until {@link KioskExit} is opened: closing is refused (the
 * window's `close` event, which the OS close command, Alt+F4 and `app.quit()` all go
 * through), the shortcuts of {@link isBlockedShortcut} never reach the page or the menu, and
 * a window that leaves fullscreen or is minimised (Esc in some window managers, Win+D) goes
 * straight back. The OS ending the session (Windows `session-end`) opens the gate. Only call it for a window in kiosk mode; a windowed set-up window stays an
 * ordinary window.
 */
export function guardKioskWindow(win: BrowserWindow, gate: KioskExit): void {
  win.on('close', (event) => {
    if (!gate.isExitAllowed()) event.preventDefault()
  })
  // Windows ends the session (shut down, log off) without asking the app to quit first.
  win.on('session-end', () => gate.allowExit())
  win.webContents.on('before-input-event', (event, input) => {
    if (!gate.isExitAllowed() && isBlockedShortcut(input)) event.preventDefault()
  })
  const backToKiosk = (): void => {
    if (gate.isExitAllowed() || win.isDestroyed()) return
    if (win.isMinimized()) win.restore()
    win.setKiosk(true)
    win.setFullScreen(true)
  }
  win.on('leave-full-screen', backToKiosk)
  win.on('minimize', backToKiosk)
}
