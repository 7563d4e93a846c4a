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
 * Raises `unauthorized` ("not recognised", no distance; nothing recorded) when the face
 * matches no employee, or for a wrong code or PIN; `locked-out`, `busy` (PIN checks);
 * `no-face`, `multiple-faces`, `unreadable-image`, `unsupported-image`, `too-large`,
 * `engine-unavailable`, `store-error`, `read-only`.
 */
export async function punchFromApi(deps: PunchFromApiDeps, request: ValidatedRequest<'punchFromApi'>, ctx: CallContext): Promise<Punch> {
  if (!('image' in request)) return deps.pinPunch.punch(request, ctx)
  const face = await describeSingleFace(deps.engine, request.image, false)
  const { match } = await deps.identifier.identify(face.descriptor)
  if (!match) throw new ClockfaceError('unauthorized', 'The face was not recognised; nothing was recorded.')
  return deps.attendance.punch(match, await deps.kiosks.station(ctx))
}
