/**
 * Each kiosk's punch settings: its IANA time zone, how it picks the punch type (automatic or
 * In / Out / Break buttons) and verify mode. Kept on the kiosk's registration; a caller that is
 * not a registered kiosk (an API key, an admin, the command line) punches with the defaults.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import type { KioskConfig } from '../../../shared/attendance-models'
import { ClockfaceError } from '../../../shared/errors'
import { DEFAULT_LIVENESS_POLICY, type LivenessPolicy } from '../../../shared/liveness-policy'
import type { KioskRegistration, PunchChoiceMode, Settings } from '../../../shared/models'
import type { CallContext } from '../../dispatch/call-context'
import type { KioskRepository } from '../../store/repositories/kiosk-repository'
import { toKiosk } from '../auth/auth-service'
import { punchKioskId } from '../kiosk-id'
import type { ServiceConfig } from '../service-config'
import type { PunchPlace } from './attendance-service'

/**
 * Unrecognised attempts (separate episodes of a face seen but not recognised) after which the
 * kiosk offers the PIN. Three: one miss happens to anyone who walks in turned away; three in a
 * row mean recognition is not working for this person today.
 */
export const PIN_AFTER_TRIES = 3

/** Where and how a caller punches: the place recorded with punches plus the kiosk's punch modes. */
export interface KioskStation extends PunchPlace {
  punchChoice: PunchChoiceMode
  verifyMode: boolean
  /** Presentation-attack policy (liveness-policy.ts); absent: DEFAULT_LIVENESS_POLICY. */
  liveness?: LivenessPolicy
}

/** The kiosk settings service. */
export interface KioskSettings {
  /** The caller's station (see the module comment). Raises `store-error`. */
  station(ctx: CallContext): Promise<KioskStation>
  /** getKioskConfig: the caller's station plus language and {@link PIN_AFTER_TRIES}. Raises `store-error`. */
  config(ctx: CallContext): Promise<KioskConfig>
  /** updateKiosk: changes a registration's zone, punch choice, verify mode or presentation-attack policy. Raises `not-found`, `store-error`, `read-only`. */
  update(request: ValidatedRequest<'updateKiosk'>): Promise<KioskRegistration>
}

/** Creates the kiosk settings service over the kiosk registrations. */
export function createKioskSettings(deps: {
  kiosks: Pick<KioskRepository, 'activeByKioskId' | 'byId' | 'update'>
  settings: () => Pick<Settings, 'language'>
  config: Pick<ServiceConfig, 'kioskId' | 'timeZone'>
}): KioskSettings {
  const { kiosks, config } = deps
  async function station(ctx: CallContext): Promise<KioskStation> {
    const kioskId = punchKioskId(ctx, config)
    const doc = ctx.kiosk ? await kiosks.activeByKioskId(ctx.kiosk.kioskId) : null
    return {
      kioskId,
      timeZone: doc?.timeZone ?? config.timeZone,
      punchChoice: doc?.punchChoice ?? 'automatic',
      verifyMode: doc?.verifyMode ?? false,
      liveness: { ...DEFAULT_LIVENESS_POLICY, ...doc?.liveness }
    }
  }
  return {
    station,
    async config(ctx) {
      const s = await station(ctx)
      const { liveness: _policy, ...rest } = s
      return { ...rest, language: deps.settings().language, pinAfterTries: PIN_AFTER_TRIES }
    },
    async update({ id, timeZone, punchChoice, verifyMode, liveness }) {
      const doc = await kiosks.byId(id)
      if (!doc) throw new ClockfaceError('not-found', `No kiosk registration ${id}.`)
      const set = {
        ...(timeZone === undefined ? {} : { timeZone }),
        ...(punchChoice === undefined ? {} : { punchChoice }),
        ...(verifyMode === undefined ? {} : { verifyMode }),
        ...(liveness === undefined ? {} : { liveness: { ...doc.liveness, ...liveness } })
      }
      const updated = Object.keys(set).length > 0 ? await kiosks.update(id, set) : doc
      return toKiosk(updated ?? doc, config.timeZone)
    }
  }
}
