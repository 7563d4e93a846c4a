/**
 * The one way out of the kiosk window. In kiosk mode the window refuses to close and the quit
 * shortcuts are swallowed (kiosk-guard.ts); only the admin-only, audited `exitKiosk`
 * operation, the operating system ending the session, or a signal from a service manager
 * open the gate.
 *
 * Composition root (index.ts): pass `shell: createShellHooks(kioskExit, () => app.quit())`
 * — that is `shell: { exitKiosk() }` — to `startClockface`; the `exitKiosk` handler calls it
 * once its response has gone back to the window.
 */

/** The gate: closed until something authorised opens it; it never closes again. */
export interface KioskExit {
  /** Lets the window close and the app quit from now on. */
  allowExit(): void
  /** True once {@link KioskExit.allowExit} was called. */
  isExitAllowed(): boolean
}

/** A closed {@link KioskExit} gate. */
export function createKioskExit(): KioskExit {
  let allowed = false
  return {
    allowExit() {
      allowed = true
    },
    isExitAllowed() {
      return allowed
    }
  }
}

/** The hooks the desktop shell hands the core (`ShellHooks` of services/create-services.ts). */
export interface KioskShellHooks {
  /** Opens the gate and quits the app; called by the admin-only `exitKiosk` operation. */
  exitKiosk(): void
}

/**
 * The shell hooks for `startClockface({ shell })`: `exitKiosk` opens the gate first and then
 * calls `quit` (`app.quit()`), so the window's close guard lets the quit through.
 */
export function createShellHooks(gate: KioskExit, quit: () => void): KioskShellHooks {
  return {
    exitKiosk() {
      gate.allowExit()
      quit()
    }
  }
}
