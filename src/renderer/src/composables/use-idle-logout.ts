/**
 * Signs an idle admin out. While an admin is signed in on this screen, any pointer, wheel,
 * touch or key activity restarts the count; after the session's `idleMinutes` without any,
 * `onIdle` runs (the caller signs out and returns to the kiosk). The last
 * {@link IDLE_WARNING_MS} show a countdown (`remainingMs`), so a person reading a long log
 * can stay signed in.
 *
 * It runs on every screen, the kiosk included: kiosk frames keep the server's session alive,
 * so an admin who walked back to the kiosk without signing out is signed out here instead.
 */
import { onScopeDispose, ref, watch } from 'vue'
import { createIdleTimer, type IdleTimer } from '../session/idle-timer'
import { useSessionStore } from '../stores/session'

/** How long before the sign-out the countdown shows, in ms (at most half the idle time). */
export const IDLE_WARNING_MS = 60_000

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const

/** Options of {@link useIdleLogout}. */
export interface IdleLogoutOptions {
  /** Runs once the admin has been idle for the session's idle minutes. */
  onIdle: () => void | Promise<void>
}

/**
 * Watches activity while an admin is signed in. Returns reactive `remainingMs` (ms until the
 * sign-out during the warning, else null) and `stayActive()` (counts as activity).
 */
export function useIdleLogout(options: IdleLogoutOptions) {
  const session = useSessionStore()
  const remainingMs = ref<number | null>(null)
  let timer: IdleTimer | null = null

  const onActivity = (): void => timer?.activity()

  function stop(): void {
    timer?.stop()
    timer = null
    remainingMs.value = null
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true })
  }

  function start(minutes: number): void {
    const timeoutMs = Math.max(1, minutes) * 60_000
    timer = createIdleTimer({
      timeoutMs,
      warningMs: Math.min(IDLE_WARNING_MS, timeoutMs / 2),
      onWarning: (ms) => (remainingMs.value = ms),
      onActive: () => (remainingMs.value = null),
      onIdle: () => {
        stop()
        void options.onIdle()
      }
    })
    // Capture phase: a component that stops propagation still counts as activity.
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true })
  }

  // Keyed by who is signed in and the idle setting: a new sign-in or a changed setting starts afresh.
  watch(
    () => (session.admin ? `${session.admin.username}:${session.idleMinutes}` : null),
    (key) => {
      stop()
      if (key !== null) start(session.idleMinutes)
    },
    { immediate: true }
  )
  onScopeDispose(stop)

  return { remainingMs, stayActive: onActivity }
}
