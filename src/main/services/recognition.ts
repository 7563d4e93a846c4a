import type { ValidatedRequest } from '../../shared/contract'
import type { DetectedFace, FrameResult, IdentifiedFace, KioskFace } from '../../shared/models'
import type { DetectorName, FaceEngine } from '../engine/engine-types'
import type { AttendanceService } from './attendance'
import { PHOTO_DETECTOR } from './describe-face'
import { toDetectedFace } from './detected-face'
import { toIdentifiedFace, type Identifier } from './identification'
import type { ServiceConfig } from './service-config'

/** Detector for live kiosk frames: fast enough to run on every frame on a small CPU. */
export const FRAME_DETECTOR: DetectorName = 'tiny-face-detector'

/** Dependencies of the recognition operations. */
export interface RecognitionDeps {
  engine: FaceEngine
  identifier: Identifier
  attendance: AttendanceService
  config: Pick<ServiceConfig, 'kioskId'>
}

/** detectFaces: faces and landmarks with the photo detector; raises `unreadable-image`, `engine-unavailable`. */
export async function detectFaces(deps: Pick<RecognitionDeps, 'engine'>, { image }: ValidatedRequest<'detectFaces'>): Promise<DetectedFace[]> {
  const detection = await deps.engine.detect(image, { detector: PHOTO_DETECTOR, withDescriptors: false })
  return detection.faces.map(toDetectedFace)
}

/**
 * identifyFaces: 1:N identification of every face of a photo (photo detector).
 * Raises `unreadable-image`, `engine-unavailable`, `store-error`.
 */
export async function identifyFaces(
  deps: Pick<RecognitionDeps, 'engine' | 'identifier'>,
  { image }: ValidatedRequest<'identifyFaces'>
): Promise<IdentifiedFace[]> {
  const detection = await deps.engine.detect(image, { detector: PHOTO_DETECTOR, withDescriptors: true })
  const faces: IdentifiedFace[] = []
  for (const face of detection.faces) {
    const id = face.descriptor ? await deps.identifier.identify(face.descriptor) : { match: null, nearestDistance: null }
    faces.push(toIdentifiedFace(face, id))
  }
  return faces
}

/**
 * recogniseFrame: the kiosk loop's step. Detects faces in a raw camera frame with the fast
 * detector, identifies each, and punches every recognised employee (see AttendanceService.punch
 * for cooldown and check-in/check-out). Raises `engine-unavailable`, `store-error`.
 */
export async function recogniseFrame(deps: RecognitionDeps, { frame, kioskId }: ValidatedRequest<'recogniseFrame'>): Promise<FrameResult> {
  const detection = await deps.engine.detect(frame, { detector: FRAME_DETECTOR, withDescriptors: true })
  const faces: KioskFace[] = []
  for (const face of detection.faces) {
    const id = face.descriptor ? await deps.identifier.identify(face.descriptor) : { match: null, nearestDistance: null }
    const punch = id.match ? await deps.attendance.punch(id.match, kioskId ?? deps.config.kioskId) : null
    faces.push({ ...toIdentifiedFace(face, id), punch })
  }
  return { width: detection.width, height: detection.height, faces, inferenceMs: detection.elapsedMs }
}
