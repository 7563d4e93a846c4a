/**
 * Keyboard shortcuts a kiosk user could leave, reload or inspect the app with. The window
 * swallows them in kiosk mode (`before-input-event`, see kiosk-guard.ts). Escape is not
 * among them: the admin screens use it to cancel dialogs, and leaving fullscreen by any
 * means is undone by the guard instead.
 */

/** The parts of Electron's `Input` the decision reads. */
export interface KeyInput {
  /** `KeyboardEvent.key`: `w`, `W`, `F4`, `Escape`... */
  key: string
  /** Ctrl held. */
  control: boolean
  /** Cmd (macOS) or the Windows key held. */
  meta: boolean
  /** Alt / Option held. */
  alt: boolean
  /** Shift held. */
  shift: boolean
}

/**
 * True when the key combination would close, quit, hide, minimise, reload or leave
 * fullscreen, or open the developer tools:
 * Alt+F4 and Ctrl+F4; Ctrl/Cmd+Q and Ctrl/Cmd+W; Cmd+H and Cmd+M; F11 and Ctrl+Cmd+F;
 * F5 and Ctrl/Cmd+R (with or without Shift); F12, Ctrl/Cmd+Shift+I/J/C and Cmd+Alt+I/J/C.
 * Letters are compared case-insensitively (Shift makes `key` upper-case).
 */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key
  const command = input.control || input.meta
  if (key === 'F4' && (input.alt || input.control)) return true
  if (key === 'F5' || key === 'F11' || key === 'F12') return true
  if (command && (key === 'q' || key === 'w' || key === 'r')) return true
  if (input.meta && (key === 'h' || key === 'm')) return true
  if (input.control && input.meta && key === 'f') return true
  if (command && (input.shift || input.alt) && (key === 'i' || key === 'j' || key === 'c')) return true
  return false
}
