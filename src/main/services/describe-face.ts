import type { ImageInput } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { DetectorName, EngineFace, FaceEngine } from '../engine/engine-types'

/**
 * Detector for photos (enrolment, previews, 1:1 verification, 1:N identification of a photo):
 * slower than the kiosk's but finds smaller and turned faces (measured times in
 * DetectOptions.detector, engine-types.ts). The default threshold was measured with it.
 */
export const PHOTO_DETECTOR: DetectorName = 'ssd-mobilenetv1'

/** The one face of a photo, with its descriptor (and thumbnail when asked). */
export interface DescribedFace extends EngineFace {
  /** MobileFaceNet descriptor (192 numbers, unit length); compared by Euclidean distance. */
  descriptor: number[]
}

/**
 * Finds the single face of an enrolment or verification photo with the SSD detector and
 * computes its descriptor (and the list thumbnail and stored aligned face when `withThumbnail`).
 *
 * Raises ClockfaceError `no-face` (none found), `multiple-faces` (details `{ faces: n }`),
 * `unreadable-image` (bytes do not decode; from the engine), `engine-unavailable`, or
 * `internal` when the engine leaves out the descriptor or the thumbnail it was asked for.
 */
export async function describeSingleFace(
  engine: FaceEngine,
  image: ImageInput,
  withThumbnail: boolean
): Promise<DescribedFace> {
  const detection = await engine.detect(image, {
    detector: PHOTO_DETECTOR,
    withDescriptors: true,
    withThumbnails: withThumbnail
  })
  const { faces } = detection
  if (faces.length === 0) {
    throw new ClockfaceError('no-face', 'No face was found in the image; use a well-lit, frontal photo.')
  }
  if (faces.length > 1) {
    throw new ClockfaceError(
      'multiple-faces',
      `The image shows ${faces.length} faces; it must show exactly one person.`,
      { faces: faces.length }
    )
  }
  const face = faces[0] as EngineFace
  if (!face.descriptor) throw new ClockfaceError('internal', 'The engine returned a face without a descriptor.')
  if (withThumbnail && !face.thumbnail) throw new ClockfaceError('internal', 'The engine returned a face without a thumbnail.')
  return face as DescribedFace
}
