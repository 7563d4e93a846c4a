/**
 * How a suspected presentation attack is logged: an audit entry (action `presentation-attack`,
 * outcome `forbidden`, the employee the face was recognised as, the kiosk, the reason and the
 * passive score) and, when the frame was kept, a face snapshot like a punch snapshot, stored
 * under the id `attack:<audit entry id>` and removed by the same retention job.
 */
import type { AuditLog } from '../audit-log'
import { keepPunchPhoto, punchSnapshot } from '../attendance/punch-photos'
import type { PunchPhotoRepository } from '../../store/repositories/punch-photo-repository'
import type { ServiceConfig } from '../service-config'
import type { SuspectedAttack } from './liveness-gate'

/** Audit action of a suspected attack. */
export const ATTACK_ACTION = 'presentation-attack'

/** Snapshot id of the suspected attack logged as audit entry `entryId`. */
export const attackPhotoId = (entryId: string): string => `attack:${entryId}`

/** The gate's `log`: writes the entry and the snapshot; failures are only warned about. */
export function createAttackLog(deps: { audit: Pick<AuditLog, 'record'>; photos: Pick<PunchPhotoRepository, 'insert'>; config: Pick<ServiceConfig, 'warn'> }) {
  return async (attack: SuspectedAttack): Promise<void> => {
    const { verdict } = attack
    const why = verdict.reason === 'attack-score' ? `attack score ${verdict.attackScore === null ? 'unavailable' : verdict.attackScore.toFixed(2)}` : 'no blink or head movement'
    try {
      const entry = await deps.audit.record({
        action: ATTACK_ACTION,
        channel: attack.channel,
        actor: `kiosk:${attack.kioskId}`,
        employeeCode: attack.employeeCode,
        outcome: 'forbidden',
        summary: `Suspected presentation attack at kiosk ${attack.kioskId} recognised as ${attack.employeeCode} (${why}); not punched`
      })
      if (attack.frame) await keepPunchPhoto(deps.photos, attackPhotoId(entry.id), entry.time, await punchSnapshot(attack.frame, attack.box))
    } catch (error) {
      deps.config.warn('could not log a suspected presentation attack', { kioskId: attack.kioskId, reason: error instanceof Error ? error.message : String(error) })
    }
  }
}
