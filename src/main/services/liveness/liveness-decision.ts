/**
 * The presentation-attack decision for one recognised face about to punch, from the kiosk's
 * policy, the passive attack score and the active evidence. Pure.
 */
import type { LivenessPolicy, LivenessVerdict } from '../../../shared/liveness-policy'
import type { SignalEvidence } from './active-signals'

/** Whether the policy needs the engine's passive attack score. */
export const needsPassive = (policy: LivenessPolicy): boolean => policy.mode === 'passive' || policy.mode === 'both'
/** Whether the policy needs blink / movement evidence. */
export const needsActive = (policy: LivenessPolicy): boolean => policy.mode === 'active' || policy.mode === 'both'

/**
 * The verdict: `off` passes; a passive attack score at or above `attackThreshold` (or missing
 * when the policy needs it: the check fails closed) is a suspected attack; under an active
 * policy, no blink and no movement in the window is too. A failed check asks the person to
 * look at the camera and blink.
 */
export function decideLiveness(policy: LivenessPolicy, attackScore: number | null, evidence: SignalEvidence | null): LivenessVerdict {
  if (policy.mode === 'off') return { passed: true, reason: 'off', attackScore, instruction: null }
  if (needsPassive(policy) && (attackScore === null || attackScore >= policy.attackThreshold)) {
    return { passed: false, reason: 'attack-score', attackScore, instruction: 'look-and-blink' }
  }
  if (needsActive(policy) && !(evidence && (evidence.blinked || evidence.moved))) {
    return { passed: false, reason: 'no-blink-or-movement', attackScore, instruction: 'look-and-blink' }
  }
  return { passed: true, reason: 'bona-fide', attackScore, instruction: null }
}
