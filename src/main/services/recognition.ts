import type { ValidatedRequest } from '../../shared/contract'
import type { DetectedFace, FrameResult, IdentifiedFace, KioskFace } from '../../shared/models'
import type { CallContext } from '../dispatch/call-context'
import type { DetectorName, EngineFace, FaceEngine } from '../engine/engine-types'
import type { AttendanceService } from './attendance'
import type { MatchConfirmation } from './match-confirmation'
import { PHOTO_DETECTOR } from './describe-face'
import { toDetectedFace } from './detected-face'
import { toIdentifiedFace, type Identifier } from './identification'
import type { ServiceConfig } from './service-config'

/**
 * Detector for live kiosk frames: fast enough to run on every frame on a small CPU (measured
 * times in DetectOptions.detector, engine-types.ts), at the cost of missing some small or
 * turned faces that {@link PHOTO_DETECTOR} finds.
 */
export const FRAME_DETECTOR: DetectorName = 'tiny-face-detector'

/** Dependencies of the recognition operations. */
export interface RecognitionDeps {
  engine: FaceEngine
  identifier: Identifier
  attendance: AttendanceService
  confirmation: MatchConfirmation
  config: Pick<ServiceConfig, 'kioskId' | 'now'>
}

/** 1:N identification of each engine face, one after another; a face without a descriptor identifies nobody. */
async function identifyEach(identifier: Identifier, faces: readonly EngineFace[]): Promise<IdentifiedFace[]> {
  const identified: IdentifiedFace[] = []
  for (const face of faces) {
    const id = face.descriptor ? await identifier.identify(face.descriptor) : { match: null, nearestDistance: null }
    identified.push(toIdentifiedFace(face, id))
  }
  return identified
}

/** detectFaces: faces and landmarks with the photo detector; raises `unreadable-image`, `engine-unavailable`. */
export async function detectFaces(deps: Pick<RecognitionDeps, 'engine'>, { image }: ValidatedRequest<'detectFaces'>): Promise<DetectedFace[]> {
  const detection = await deps.engine.detect(image, { detector: PHOTO_DETECTOR, withDescriptors: false })
  return detection.faces.map(toDetectedFace)
}

/**
 * What a caller outside the admin learns about a face nobody matched: nothing about how close
 * it came. The nearest distance of a non-match tells an attacker how to tune a forged probe,
 * so only admins get it.
 */
export function forCaller<F extends IdentifiedFace>(faces: F[], ctx: CallContext): F[] {
  if (ctx.admin) return faces
  return faces.map((face) => (face.match ? face : { ...face, nearestDistance: null }))
}

/**
 * recogniseFrame: the kiosk loop's step. Detects faces in a raw camera frame with the fast
 * detector, identifies each, and punches every employee whose identification is confirmed
 * by recent frames of the same kiosk (see match-confirmation.ts; AttendanceService.punch for
 * cooldown and check-in/check-out). Punches carry the id of the registered kiosk that sent
 * the frame (never a name the request chooses); an admin calling without a kiosk session
 * punches as config.kioskId. Raises `engine-unavailable`, `store-error`, `read-only`.
 */
export async function recogniseFrame(deps: RecognitionDeps, { frame }: ValidatedRequest<'recogniseFrame'>, ctx: CallContext): Promise<FrameResult> {
  const kiosk = ctx.kiosk?.kioskId ?? deps.config.kioskId
  const detection = await deps.engine.detect(frame, { detector: FRAME_DETECTOR, withDescriptors: true })
  const identified = await identifyEach(deps.identifier, detection.faces)
  const matched = identified.flatMap((face) => (face.match ? [face.match.employeeId] : []))
  const confirmed = deps.confirmation.observe(kiosk, matched, deps.config.now().getTime())
  const faces: KioskFace[] = []
  for (const face of identified) {
    const isConfirmed = face.match !== null && confirmed.has(face.match.employeeId)
    const punch = face.match && isConfirmed ? await deps.attendance.punch(face.match, kiosk) : null
    faces.push({ ...face, confirmed: isConfirmed, punch })
  }
  return { width: detection.width, height: detection.height, faces: forCaller(faces, ctx), inferenceMs: detection.elapsedMs }
}
