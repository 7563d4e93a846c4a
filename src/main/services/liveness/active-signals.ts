/**
 * Active liveness signals of faces seen over several kiosk frames: eye blinks (eye aspect
 * ratio over time) and small natural head movement (change of the landmark head pose between
 * frames). A printed photo does not blink and, held still, does not turn; a person standing
 * in front of the kiosk does both within seconds. Pure bookkeeping in memory, per key (the
 * kiosk and the person it recognised), with samples older than the window dropped.
 */
import { headPose, meanEyeAspectRatio, type LandmarkPoint } from '../../../shared/face-geometry/landmark-geometry'

/** One frame's measurement of a face. */
export interface SignalSample {
  /** Frame time, ms since the epoch. */
  t: number
  /** Mean eye aspect ratio of both eyes (unitless). */
  ear: number
  /** Head pose, degrees. */
  yaw: number
  pitch: number
  roll: number
  /** Passive attack score of the face on this frame (0 bona fide … 1 attack), or null when not computed. */
  attack: number | null
}

/** What the window shows: a blink, a head movement, and how many frames it holds. */
export interface SignalEvidence {
  blinked: boolean
  moved: boolean
  frames: number
}

/** Thresholds of {@link evidenceOf}; see livenessPolicySchema for their meaning and defaults. */
export interface SignalThresholds {
  blinkEar: number
  movementDegrees: number
}

/**
 * Margin above `blinkEar` an eye must reach before and after a closed frame for that to count
 * as a blink (0.05 EAR: a little under the spread between open, ≈0.3, and closed, <0.2, eyes
 * in Soukupová & Čech), so landmark jitter around the threshold is not a blink.
 */
export const BLINK_OPEN_MARGIN = 0.05

/** The sample of one face from its 68 landmarks and passive score. Throws for fewer than 68 points. */
export function sampleOf(t: number, landmarks: readonly LandmarkPoint[], attack: number | null = null): SignalSample {
  const pose = headPose(landmarks)
  return { t, ear: meanEyeAspectRatio(landmarks), yaw: pose.yaw, pitch: pose.pitch, roll: pose.roll, attack }
}

/**
 * How far back the passive score is averaged, ms: a single frame's score varies with blur and
 * light, for a live face and for a photo alike, so a person is judged on about the last 2 s
 * (several kiosk frames); longer would let the first frames of an approach (often blurred)
 * hold a live person back for the whole active window.
 */
export const PASSIVE_WINDOW_MS = 2000

/**
 * Mean passive attack score of the samples that have one within {@link PASSIVE_WINDOW_MS}
 * before `now` (ms since the epoch), or null when none has.
 */
export function meanAttackScore(samples: readonly SignalSample[], now: number): number | null {
  const scores = samples.flatMap((s) => (s.attack === null || s.t <= now - PASSIVE_WINDOW_MS || s.t > now ? [] : [s.attack]))
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length
}

/**
 * The evidence in `samples` (time order): a blink is an open eye (EAR ≥ blinkEar + margin),
 * then a closed one (EAR < blinkEar), then open again; movement is a range of yaw, pitch or
 * roll of at least `movementDegrees`.
 */
export function evidenceOf(samples: readonly SignalSample[], thresholds: SignalThresholds): SignalEvidence {
  const open = thresholds.blinkEar + BLINK_OPEN_MARGIN
  let phase: 'start' | 'open' | 'closed' = 'start'
  let blinked = false
  for (const s of samples) {
    if (phase === 'start' && s.ear >= open) phase = 'open'
    else if (phase === 'open' && s.ear < thresholds.blinkEar) phase = 'closed'
    else if (phase === 'closed' && s.ear >= open) {
      blinked = true
      break
    }
  }
  const range = (key: 'yaw' | 'pitch' | 'roll'): number => {
    const values = samples.map((s) => s[key])
    return values.length === 0 ? 0 : Math.max(...values) - Math.min(...values)
  }
  const moved = Math.max(range('yaw'), range('pitch'), range('roll')) >= thresholds.movementDegrees
  return { blinked, moved, frames: samples.length }
}

/** Most keys tracked at once; the least recently seen goes first (bounds memory whatever comes in). */
export const MAX_TRACKED = 256

/** Per-key sample windows; see the module comment. */
export interface ActiveSignals {
  /** Adds a sample under `key` and drops that key's samples older than `windowMs` before `sample.t`. */
  observe(key: string, sample: SignalSample, windowMs: number): void
  /** Samples of `key` within `windowMs` before `now` (ms since the epoch), oldest first. */
  samples(key: string, now: number, windowMs: number): SignalSample[]
  /** Forgets `key` (after a punch, so the next punch needs new evidence). */
  forget(key: string): void
}

/** Creates an empty tracker. */
export function createActiveSignals(): ActiveSignals {
  const windows = new Map<string, SignalSample[]>()
  return {
    observe(key, sample, windowMs) {
      const kept = (windows.get(key) ?? []).filter((s) => s.t > sample.t - windowMs && s.t <= sample.t)
      kept.push(sample)
      windows.delete(key)
      windows.set(key, kept)
      while (windows.size > MAX_TRACKED) windows.delete(windows.keys().next().value as string)
    },
    samples: (key, now, windowMs) => (windows.get(key) ?? []).filter((s) => s.t > now - windowMs && s.t <= now),
    forget: (key) => void windows.delete(key)
  }
}
