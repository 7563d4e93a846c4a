/**
 * Which punch comes next for a person, from their last one: the rule the kiosk applies by
 * itself (automatic mode) and the choices it offers (buttons mode). Pure.
 */
import type { PunchType } from '../../../shared/models'

/** The person's last punch that counts (not voided) and the check-in of the shift it belongs to. */
export interface PunchHistory {
  /** Type of the newest non-voided punch, or null when there is none. */
  lastType: PunchType | null
  /** UTC ms of the check-in of the open shift (null when no shift is open). */
  openedAtMs: number | null
}

/**
 * The next punch: `suggested` is what automatic mode records; `allowed` what buttons mode may
 * offer; `closeOpenShift` says a shift is still open past the auto-close limit and must be
 * closed by the system (flagged for review) before the new check-in.
 */
export interface NextPunch {
  suggested: PunchType
  allowed: PunchType[]
  closeOpenShift: boolean
}

/**
 * Decides the next punch. A shift is open after a check-in, break-start or break-end; it is
 * treated as forgotten once `autoCloseMs` have passed since its check-in, so the next punch
 * starts a new shift instead of closing a shift of yesterday. On a break, the natural next
 * punch is the break's end; in a shift, the check-out.
 */
export function nextPunch(history: PunchHistory, nowMs: number, autoCloseMs: number): NextPunch {
  const open = history.lastType !== null && history.lastType !== 'check-out' && history.openedAtMs !== null
  if (!open) return { suggested: 'check-in', allowed: ['check-in'], closeOpenShift: false }
  if (nowMs - (history.openedAtMs as number) >= autoCloseMs) return { suggested: 'check-in', allowed: ['check-in'], closeOpenShift: true }
  if (history.lastType === 'break-start') return { suggested: 'break-end', allowed: ['break-end', 'check-out'], closeOpenShift: false }
  return { suggested: 'check-out', allowed: ['check-out', 'break-start'], closeOpenShift: false }
}
