/**
 * punchFromApi: a punch recorded for an integration (a door controller, a time-clock app)
 * exactly as the kiosk records one, from a photo of one enrolled face or from an employee code
 * and PIN.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { Punch } from '../../../shared/models'
import type { CallContext } from '../../dispatch/call-context'
import type { FaceEngine } from '../../engine/engine-types'
import type { AttendanceService } from '../attendance/attendance-service'
import type { KioskSettings } from '../attendance/kiosk-settings'
import { describeSingleFace } from '../describe-face'
import type { Identifier } from '../identification'
import type { PinPunch } from '../privacy/pin-punch'

/** What {@link punchFromApi} needs. */
export interface PunchFromApiDeps {
  engine: FaceEngine
  identifier: Identifier
  attendance: Pick<AttendanceService, 'punch'>
  pinPunch: Pick<PinPunch, 'punch'>
  /** The caller's station: kiosk id recorded with the punch (the registered kiosk, else `api:<key name>`, else config.kioskId) and its zone. */
  kiosks: Pick<KioskSettings, 'station'>
}

/**
 * punchFromApi. With `image`: the single face of the photo (photo detector) is identified 1:N
 * (Euclidean distance under the threshold) and punched through the attendance service with
 * `source` `face` and the match's distance: same cooldown (a repeat within it answers the
 * earlier punch with `repeated` true) and the same check-in/check-out alternation as at the
 * kiosk. With `code` and `pin`: the kiosk's PIN punch, lock-out after repeated wrong PINs
 * included (privacy/pin-punch.ts). The punch records the caller's station (KioskSettings.station:
 * the registered kiosk, else `api:<key name>`, else config.kioskId, with its time zone).
 *
 * A caller whose station has a presentation-attack policy (a registered kiosk with the check
 * on) cannot punch by photo: one still image shows neither a blink nor movement, and a photo
 * upload is exactly what the check exists to refuse; it raises `forbidden` (the PIN still works).
 *
 * Raises `unauthorized` ("not recognised", no distance; nothing recorded) when the face
 * matches no employee, or for a wrong code or PIN; `locked-out`, `busy` (PIN checks);
 * `no-face`, `multiple-faces`, `unreadable-image`, `unsupported-image`, `too-large`,
 * `engine-unavailable`, `store-error`, `read-only`.
 */
export async function punchFromApi(deps: PunchFromApiDeps, request: ValidatedRequest<'punchFromApi'>, ctx: CallContext): Promise<Punch> {
  if (!('image' in request)) return deps.pinPunch.punch(request, ctx)
  const station = await deps.kiosks.station(ctx)
  if ((station.liveness?.mode ?? 'off') !== 'off') {
    throw new ClockfaceError('forbidden', 'This kiosk checks for presentation attacks, so it does not take a face punch from a photo; use its camera or the PIN.')
  }
  const face = await describeSingleFace(deps.engine, request.image, false)
  const { match } = await deps.identifier.identify(face.descriptor)
  if (!match) throw new ClockfaceError('unauthorized', 'The face was not recognised; nothing was recorded.')
  return deps.attendance.punch(match, station)
}
