/**
 * The presentation-attack gate of the punch path (recogniseFrame): asks the engine for the
 * passive attack score when the kiosk's policy needs it, keeps the active signals (blink,
 * head movement) of each recognised person per kiosk, decides whether a confirmed face may
 * punch, and logs a suspected attack in the audit log with a snapshot of the face. Because it
 * sits in the service every transport calls, no channel can punch around it.
 */
import type { PixelImage } from '../../../shared/contract'
import type { LivenessPolicy, LivenessVerdict } from '../../../shared/liveness-policy'
import type { AuditChannel, Box, Point } from '../../../shared/models'
import type { DetectOptions, EngineFace } from '../../engine/engine-types'
import { createActiveSignals, evidenceOf, meanAttackScore, sampleOf } from './active-signals'
import { decideLiveness, needsActive, needsPassive } from './liveness-decision'

/** The passive detector the policy's `attackThreshold` applies to (pad-runner.ts). */
export const PASSIVE_DETECTOR = 'texture' as const

/**
 * At most one audit entry per person and kiosk in this many ms: someone holding a photo up
 * makes a suspected attack every frame, and one entry (with one snapshot) per minute says it.
 */
export const ATTACK_LOG_INTERVAL_MS = 60_000

/** A suspected attack as it is logged. */
export interface SuspectedAttack {
  kioskId: string
  channel: AuditChannel
  employeeCode: string
  verdict: LivenessVerdict
  /** JPEG snapshot source: the frame as sent and the face's box in it; null when no copy was kept. */
  frame: PixelImage | null
  box: Box
}

/** What the gate needs from the rest of the services. */
export interface LivenessGateDeps {
  /** Writes the audit entry and keeps the snapshot (never throws: a failed log must not punch either). */
  log(attack: SuspectedAttack): Promise<void>
}

/** A face of a kiosk frame as the gate sees it: engine output plus the person it matched. */
export interface GateFace {
  engine: Pick<EngineFace, 'box' | 'landmarks' | 'attackScores'>
  employeeId: string | null
}

/** The gate; see the module comment. */
export interface LivenessGate {
  /** Detect options the policy needs (the passive detector, or nothing). */
  detectOptions(policy: LivenessPolicy): Pick<DetectOptions, 'presentationAttack'>
  /** Whether a suspected attack under this policy will want a snapshot (any mode but off). */
  wantsFrame(policy: LivenessPolicy): boolean
  /** Records the signals (passive score, eyes, pose) of the frame's recognised faces; call once per frame, before {@link check}. */
  observe(kioskId: string, policy: LivenessPolicy, faces: readonly GateFace[], nowMs: number): void
  /**
   * The verdict for a confirmed face about to punch; a failed check is logged (at most once
   * per {@link ATTACK_LOG_INTERVAL_MS} per person and kiosk). Evidence is not cleared by a
   * pass: it ages out of the window, so the frames right after a punch still pass.
   */
  check(
    context: { kioskId: string; channel: AuditChannel; policy: LivenessPolicy; frame: PixelImage | null; nowMs: number },
    face: GateFace & { employeeCode: string }
  ): Promise<LivenessVerdict>
}

const keyOf = (kioskId: string, employeeId: string): string => `${kioskId}\u0000${employeeId}`

/** Creates the gate with its in-memory signal windows. */
export function createLivenessGate(deps: LivenessGateDeps): LivenessGate {
  const signals = createActiveSignals()
  const lastLogged = new Map<string, number>()
  return {
    detectOptions: (policy) => (needsPassive(policy) ? { presentationAttack: [PASSIVE_DETECTOR] } : {}),
    wantsFrame: (policy) => policy.mode !== 'off',
    observe(kioskId, policy, faces, nowMs) {
      if (policy.mode === 'off') return
      for (const face of faces) {
        if (!face.employeeId || face.engine.landmarks.length < 68) continue
        const sample = sampleOf(nowMs, face.engine.landmarks as Point[], face.engine.attackScores?.[PASSIVE_DETECTOR] ?? null)
        signals.observe(keyOf(kioskId, face.employeeId), sample, policy.windowSeconds * 1000)
      }
    },
    async check({ kioskId, channel, policy, frame, nowMs }, face) {
      const key = keyOf(kioskId, face.employeeId ?? '')
      const window = signals.samples(key, nowMs, policy.windowSeconds * 1000)
      const current = face.engine.attackScores?.[PASSIVE_DETECTOR] ?? null
      // The mean over the recent frames (this one included); this frame's score alone when there are none.
      const score = current === null ? null : (meanAttackScore(window, nowMs) ?? current)
      const verdict = decideLiveness(policy, score, needsActive(policy) ? evidenceOf(window, policy) : null)
      if (verdict.passed) return verdict
      const last = lastLogged.get(key)
      if (last === undefined || nowMs - last >= ATTACK_LOG_INTERVAL_MS) {
        lastLogged.set(key, nowMs)
        if (lastLogged.size > 1024) lastLogged.delete(lastLogged.keys().next().value as string)
        await deps.log({ kioskId, channel, employeeCode: face.employeeCode, verdict, frame, box: face.engine.box })
      }
      return verdict
    }
  }
}
