/**
 * A kiosk's presentation-attack policy (anti-spoofing): which checks must pass before a
 * recognised face punches, and their thresholds. Shared by the contract (validation), main
 * (the checks) and the admin screens.
 *
 * - `off`: no check.
 * - `passive`: the texture detector's attack score of the face (0 bona fide … 1 attack),
 *   averaged over that person's frames of the last 2 s (PASSIVE_WINDOW_MS), must stay under
 *   `attackThreshold` when the face punches.
 * - `active`: within the last `windowSeconds`, the same person must have blinked (the eye
 *   aspect ratio fell under `blinkEar` and rose again) or moved the head by at least
 *   `movementDegrees` (range of yaw, pitch or roll).
 * - `both`: passive and active.
 */
import { z } from 'zod'

export const livenessModeSchema = z.enum(['off', 'passive', 'active', 'both'])
/** See {@link livenessModeSchema}. */
export type LivenessMode = z.infer<typeof livenessModeSchema>

export const livenessPolicySchema = z.object({
  mode: livenessModeSchema,
  attackThreshold: z.number().min(0.01).max(0.99),
  blinkEar: z.number().min(0.05).max(0.35),
  movementDegrees: z.number().min(0.5).max(30),
  windowSeconds: z.number().int().min(2).max(60)
})
/** See {@link livenessPolicySchema}. */
export type LivenessPolicy = z.infer<typeof livenessPolicySchema>

/**
 * Defaults. `attackThreshold` is the texture detector's operating point chosen on NUAA's
 * training rows (TEXTURE_OPERATING_THRESHOLD in src/main/engine/pad/texture-weights.ts: the
 * lowest threshold keeping BPCER within 5% on 5-fold out-of-fold scores of the training faces;
 * `npm run bench:pad -- --train` recomputes both). It suits a webcam like NUAA's; a softer or
 * more compressed camera scores live faces higher (the replay videos' webcam needs about 0.4,
 * bench/results/pad.md), so a kiosk's threshold is best set from frames of its own camera
 * (`npm run bench:pad -- --data DIR`). `blinkEar` 0.2 is where
 * Soukupová & Čech (CVWW 2016) place a closed eye; 8° of head movement is above the landmark
 * head pose's jitter for a person holding still on a 640×480 webcam frame (a range of about
 * 5° over 1.5 s in the replay videos) and within what a person does while walking up; 8 s
 * covers the approach. Off by default: an owner turns the check on per kiosk (updateKiosk).
 */
export const DEFAULT_LIVENESS_POLICY: LivenessPolicy = {
  mode: 'off',
  attackThreshold: 0.1538,
  blinkEar: 0.2,
  movementDegrees: 8,
  windowSeconds: 8
}

/** What the kiosk asks a person to do when the check did not pass (the kiosk shows it in its language). */
export const livenessInstructionSchema = z.enum(['look-and-blink'])

/**
 * The presentation-attack check of one face in a kiosk frame: `passed`, or `suspected`
 * (never punched; the person is asked to `instruction`), with the passive `attackScore` when
 * it was computed.
 */
export const livenessVerdictSchema = z.object({
  passed: z.boolean(),
  reason: z.enum(['off', 'bona-fide', 'attack-score', 'no-blink-or-movement']),
  attackScore: z.number().nullable(),
  instruction: livenessInstructionSchema.nullable()
})
/** See {@link livenessVerdictSchema}. */
export type LivenessVerdict = z.infer<typeof livenessVerdictSchema>
