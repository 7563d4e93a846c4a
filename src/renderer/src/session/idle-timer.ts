/**
 * Counts time without pointer or keyboard activity against a limit, with a warning phase
 * before it runs out. Driven by wall-clock time (`now`), not by counting ticks, so a computer
 * that slept past the limit signs out at once on waking. No DOM: the caller reports activity;
 * unit-tested with fake timers in test/unit/renderer-idle-timer.test.ts.
 */

/** Options of {@link createIdleTimer}. */
export interface IdleTimerOptions {
  /** Time without activity after which {@link IdleTimerOptions.onIdle} runs, in ms. */
  timeoutMs: number
  /** How long before the timeout the warning starts, in ms (0: no warning). */
  warningMs: number
  /** Called when the warning starts and then about once a second with the ms left. */
  onWarning: (remainingMs: number) => void
  /** Called when activity ends a warning. */
  onActive: () => void
  /** Called once when the limit is reached; the timer then stops. */
  onIdle: () => void
  /** Clock in ms (default `Date.now`). */
  now?: () => number
}

/** A running idle timer. */
export interface IdleTimer {
  /** Reports activity: the count starts again (and a warning ends). */
  activity(): void
  /** Stops the timer for good. */
  stop(): void
}

/** Longest wait between two checks during the warning, in ms (the countdown's tick). */
const WARNING_TICK_MS = 1000

/** Starts an idle timer from now. */
export function createIdleTimer(options: IdleTimerOptions): IdleTimer {
  const now = options.now ?? Date.now
  const warningMs = Math.min(Math.max(0, options.warningMs), options.timeoutMs)
  let lastActivity = now()
  let warning = false
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null

  function schedule(ms: number): void {
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(check, Math.max(0, ms))
  }

  function check(): void {
    timer = null
    if (stopped) return
    const idle = now() - lastActivity
    const remaining = options.timeoutMs - idle
    if (remaining <= 0) {
      stopped = true
      options.onIdle()
      return
    }
    if (remaining <= warningMs) {
      warning = true
      options.onWarning(remaining)
      schedule(Math.min(WARNING_TICK_MS, remaining))
      return
    }
    schedule(remaining - warningMs)
  }

  schedule(options.timeoutMs - warningMs)

  return {
    activity() {
      if (stopped) return
      lastActivity = now()
      // The pending check finds the new time and waits again; no need to reschedule here,
      // which keeps pointermove (many events a second) cheap.
      if (warning) {
        warning = false
        options.onActive()
        schedule(options.timeoutMs - warningMs)
      }
    },
    stop() {
      stopped = true
      if (timer !== null) clearTimeout(timer)
      timer = null
    }
  }
}
