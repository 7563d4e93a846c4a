import type { App, BrowserWindow } from 'electron'

/**
 * Takes the single-instance lock: one Clockface per user session, because two would hold
 * the same data folder and the same camera. Returns false, after asking the app to quit,
 * when another instance holds it (that instance gets `second-instance` and comes to the front).
 */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'quit'>): boolean {
  if (app.requestSingleInstanceLock()) return true
  app.quit()
  return false
}

/**
 * Brings the existing window back when a second instance is started: restored if minimised,
 * shown and focused, and back in kiosk mode if it is a kiosk. Does nothing without a live window.
 */
export function bringToFront(win: BrowserWindow | undefined, kiosk: boolean): void {
  if (!win || win.isDestroyed()) return
  if (win.isMinimized()) win.restore()
  win.show()
  if (kiosk) win.setKiosk(true)
  win.focus()
}
