import type { BrowserWindow } from 'electron'

/**
 * What to do when the kiosk page dies or hangs. A kiosk has nobody at a keyboard to press
 * reload, so the shell reloads the page itself, waiting longer after each crash, and stops
 * after too many crashes in a short time (a page that crashes at once on every load would
 * otherwise spin forever and hide the fault).
 */
export interface RecoveryPolicy {
  /** Reloads allowed within {@link RecoveryPolicy.windowMs}; the next crash gives up. */
  maxReloads: number
  /** Length of the sliding window crashes are counted in, in milliseconds. */
  windowMs: number
  /** Wait before the first reload, in milliseconds; doubled for each further crash in the window. */
  baseDelayMs: number
  /** Longest wait before a reload, in milliseconds. */
  maxDelayMs: number
  /** How long a page may stay unresponsive before its renderer is killed (and so reloaded), in milliseconds. */
  hangGraceMs: number
}

/** Defaults: up to 5 reloads a minute, after 1 s, 2 s, 4 s, 8 s, 8 s; a hang is cut after 15 s. */
export const DEFAULT_RECOVERY_POLICY: Readonly<RecoveryPolicy> = {
  maxReloads: 5,
  windowMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  hangGraceMs: 15_000
}

/** Electron's `RenderProcessGoneDetails.reason`. */
export type RendererGoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction'

/** The decision after a renderer is gone. */
export type RecoveryAction =
  | { kind: 'ignore' }
  | { kind: 'reload'; delayMs: number; attempt: number }
  | { kind: 'give-up'; reason: string }

/** Crash bookkeeping for one window; times are milliseconds of a monotonic-enough clock (`Date.now()`). */
export interface RendererRecovery {
  /** Decides what follows the renderer going away for `reason` at `nowMs`. */
  onGone(reason: RendererGoneReason, nowMs: number): RecoveryAction
  /** Notes that the page stopped responding at `nowMs` (the first report counts). */
  onUnresponsive(nowMs: number): void
  /** Notes that the page responds again. */
  onResponsive(): void
  /** True when the page has been unresponsive for at least `hangGraceMs` at `nowMs`. */
  isHung(nowMs: number): boolean
}

/**
 * Creates the bookkeeping for one window.
 * - `clean-exit`: ignored (the renderer ends normally when its window closes).
 * - `launch-failed` and `integrity-failure`: give up at once; a reload cannot fix a renderer
 *   that cannot start or whose code was altered.
 * - anything else (`crashed`, `oom`, `killed`...): reload after `baseDelayMs * 2^(n-1)`
 *   (capped at `maxDelayMs`), n being the crashes within the last `windowMs`; give up when n
 *   exceeds `maxReloads`.
 * Throws a RangeError for a policy with a negative or non-finite number.
 */
export function createRendererRecovery(policy: RecoveryPolicy = DEFAULT_RECOVERY_POLICY): RendererRecovery {
  for (const [name, value] of Object.entries(policy)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`recovery policy ${name} must be a finite number >= 0, got ${value}`)
  }
  let crashes: number[] = []
  let unresponsiveSince: number | undefined
  return {
    onGone(reason, nowMs) {
      unresponsiveSince = undefined
      if (reason === 'clean-exit') return { kind: 'ignore' }
      if (reason === 'launch-failed' || reason === 'integrity-failure') return { kind: 'give-up', reason: `renderer ${reason}` }
      crashes = [...crashes.filter((t) => nowMs - t < policy.windowMs), nowMs]
      const attempt = crashes.length
      if (attempt > policy.maxReloads) {
        return { kind: 'give-up', reason: `renderer gone ${attempt} times within ${Math.round(policy.windowMs / 1000)} s (last: ${reason})` }
      }
      return { kind: 'reload', delayMs: Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)), attempt }
    },
    onUnresponsive(nowMs) {
      unresponsiveSince ??= nowMs
    },
    onResponsive() {
      unresponsiveSince = undefined
    },
    isHung(nowMs) {
      return unresponsiveSince !== undefined && nowMs - unresponsiveSince >= policy.hangGraceMs
    }
  }
}

/** What {@link watchRenderer} needs besides the window. */
export interface WatchRendererOptions {
  /** Page to load after a crash: the app's entry page, so the kiosk starts over from its home screen. */
  reloadUrl: string
  /** Called once recovery gives up (show the fault, quit). */
  onGiveUp(reason: string): void
  /** Where reloads and give-ups are reported. */
  log?: (message: string) => void
  /** Policy; {@link DEFAULT_RECOVERY_POLICY} unless given. */
  policy?: RecoveryPolicy
  /** Clock in milliseconds; `Date.now` unless a test passes one. */
  now?: () => number
}

/**
 * Wires {@link createRendererRecovery} to a window: on `render-process-gone` it reloads
 * `reloadUrl` after the policy's delay (or gives up); on `unresponsive` it waits
 * `hangGraceMs` and, if the page has not answered (`responsive`) by then, kills the renderer
 * with `forcefullyCrashRenderer()`, which comes back as `render-process-gone` (`killed`) and
 * so reloads.
 */
export function watchRenderer(win: BrowserWindow, options: WatchRendererOptions): RendererRecovery {
  const policy = options.policy ?? DEFAULT_RECOVERY_POLICY
  const now = options.now ?? Date.now
  const log = options.log ?? ((message: string) => console.warn(`Clockface: ${message}`))
  const recovery = createRendererRecovery(policy)
  let gaveUp = false
  win.webContents.on('render-process-gone', (_event, details) => {
    if (gaveUp) return
    const action = recovery.onGone(details.reason, now())
    if (action.kind === 'reload') {
      log(`renderer gone (${details.reason}, exit code ${details.exitCode}); reload ${action.attempt} in ${action.delayMs} ms`)
      setTimeout(() => {
        if (!win.isDestroyed()) void win.loadURL(options.reloadUrl).catch((error: unknown) => log(`reload failed: ${String(error)}`))
      }, action.delayMs)
    } else if (action.kind === 'give-up') {
      gaveUp = true
      log(`giving up on the renderer: ${action.reason}`)
      options.onGiveUp(action.reason)
    }
  })
  win.on('unresponsive', () => {
    recovery.onUnresponsive(now())
    setTimeout(() => {
      if (!win.isDestroyed() && recovery.isHung(now())) {
        log(`page unresponsive for ${policy.hangGraceMs} ms; restarting its renderer`)
        win.webContents.forcefullyCrashRenderer()
      }
    }, policy.hangGraceMs)
  })
  win.on('responsive', () => recovery.onResponsive())
  return recovery
}
