import { hostname } from 'node:os'
import { CALIBRATED_AMBIGUITY_MARGIN, CALIBRATED_THRESHOLD } from './decision/calibration'

/**
 * Default 1:1 verification threshold (and the loosest 1:N one), as a Euclidean distance
 * between unit-length MobileFaceNet descriptors (√(2 − 2·cosine)): a probe matches a template
 * when their distance is below it. It is the distance at a false-accept rate of 0.1% in the
 * model's calibration (decision/calibration/, measured with `npm run bench:accuracy`; the
 * figures are in bench/results/accuracy.md): in a kiosk, naming the wrong person costs more
 * than asking someone to look at the camera again. 1:N tightens it further with the gallery's
 * size (decision/threshold-policy.ts).
 */
export const DEFAULT_THRESHOLD = CALIBRATED_THRESHOLD

/**
 * Default largest false-positive identification rate (FPIR) of 1:N identification: at most 1
 * stranger in 100 who walks up to the kiosk may be given someone's name by one probe (each
 * punch also needs several agreeing frames, which lowers it further).
 */
export const DEFAULT_TARGET_FPIR = 0.01

/**
 * Default punch cooldown in ms: a second recognition of the same employee within this time
 * returns the earlier punch instead of recording a new one. The kiosk sees a person in many
 * consecutive frames; one minute covers standing in front of it without trapping an honest
 * "forgot something, leaving again" a few minutes later.
 */
export const DEFAULT_COOLDOWN_MS = 60_000

/**
 * A 1:N identification is refused (nobody is named) when the second-nearest employee is within
 * this Euclidean distance of the nearest: the probe does not tell the two apart, so naming
 * either risks the wrong name. Measured on the LFW open-set protocol (bench/results/accuracy.md):
 * see AMBIGUITY_MARGIN_NOTE there for what it costs mated probes.
 */
export const AMBIGUITY_MARGIN = CALIBRATED_AMBIGUITY_MARGIN

/**
 * Default number of kiosk frames that must identify the same employee, each within
 * {@link DEFAULT_CONFIRM_WINDOW_MS} of the last, before the kiosk names and punches them
 * (see match-confirmation.ts). Two frames add ≈80 ms at the measured 12 frames/s.
 */
export const DEFAULT_CONFIRM_FRAMES = 2

/**
 * Longest gap between two frames of one confirmation streak, in ms. Chosen, not measured: many
 * frame times at the measured 12 frames/s, so frames with a missed detection in between do not
 * break a streak, while a face seen again after a longer pause starts over.
 */
export const DEFAULT_CONFIRM_WINDOW_MS = 1500

/** This machine's IANA time zone (`UTC` when the runtime cannot tell). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** Settings of the services, all optional on input. */
export interface ServiceConfig {
  /** Euclidean distance under which a probe matches a template (default {@link DEFAULT_THRESHOLD}). */
  threshold: number
  /** Punch cooldown in ms (default {@link DEFAULT_COOLDOWN_MS}). */
  cooldownMs: number
  /** Kiosk frames that must agree on an employee before a punch (default {@link DEFAULT_CONFIRM_FRAMES}). */
  confirmFrames: number
  /** Longest gap between agreeing frames in ms (default {@link DEFAULT_CONFIRM_WINDOW_MS}). */
  confirmWindowMs: number
  /** Name recorded with each punch when the request gives none (default: the host name). */
  kioskId: string
  /**
   * IANA time zone of kiosks that have none set, and of punches recorded before zones were
   * stored (default: this machine's zone, `Intl.DateTimeFormat().resolvedOptions().timeZone`).
   */
  timeZone: string
  /** Current time; injectable so tests can move the clock. */
  now: () => Date
  /** Receives notes worth an operator's eye (ambiguous identifications); default: nothing. */
  warn: (message: string, details?: Record<string, unknown>) => void
  /**
   * Track kiosk faces between frames and describe them only on some frames (engine
   * run-live-frame.ts, face-tracker.ts); default true. A face that no longer looks like its
   * track's last one (engine face-appearance.ts: a photo held up, another person stepping in)
   * is described at once, and loses the track's name unless it verifies as that person
   * (recognition.ts). False describes every frame from scratch.
   */
  liveTracking: boolean
}

/**
 * Fills in defaults and checks ranges.
 * Throws a RangeError for a threshold outside (0, 2] (a sanity bound around the reference 0.6),
 * a negative or infinite cooldown, a confirmation count that is not a whole number from 1 to
 * 10, or a confirmation window that is not a finite number > 0.
 */
export function resolveServiceConfig(config: Partial<ServiceConfig> = {}): ServiceConfig {
  const resolved: ServiceConfig = {
    threshold: config.threshold ?? DEFAULT_THRESHOLD,
    cooldownMs: config.cooldownMs ?? DEFAULT_COOLDOWN_MS,
    confirmFrames: config.confirmFrames ?? DEFAULT_CONFIRM_FRAMES,
    confirmWindowMs: config.confirmWindowMs ?? DEFAULT_CONFIRM_WINDOW_MS,
    kioskId: config.kioskId ?? hostname(),
    timeZone: config.timeZone ?? systemTimeZone(),
    now: config.now ?? (() => new Date()),
    warn: config.warn ?? (() => undefined),
    liveTracking: config.liveTracking ?? true
  }
  if (!(resolved.threshold > 0 && resolved.threshold <= 2)) {
    throw new RangeError(`threshold must be in (0, 2], got ${resolved.threshold}`)
  }
  if (!(resolved.cooldownMs >= 0) || !Number.isFinite(resolved.cooldownMs)) {
    throw new RangeError(`cooldownMs must be a finite number ≥ 0, got ${resolved.cooldownMs}`)
  }
  if (!Number.isInteger(resolved.confirmFrames) || resolved.confirmFrames < 1 || resolved.confirmFrames > 10) {
    throw new RangeError(`confirmFrames must be a whole number from 1 to 10, got ${resolved.confirmFrames}`)
  }
  if (!(resolved.confirmWindowMs > 0) || !Number.isFinite(resolved.confirmWindowMs)) {
    throw new RangeError(`confirmWindowMs must be a finite number > 0, got ${resolved.confirmWindowMs}`)
  }
  return resolved
}
