/**
 * Every number the quality gates judge one face by, from its 68 landmarks and the
 * greyscale picture it was found in.
 */
import { headPose, interocularDistance, meanEyeAspectRatio, type HeadPose, type LandmarkPoint } from '../face-geometry/landmark-geometry'
import { innerFaceRegion, resampleRegion, type GreyImage } from './grey-image'
import { exposureOf, laplacianVariance, type Exposure } from './measures'

/**
 * Side, in pixels, of the square the inner face is resampled to before sharpness and
 * exposure are measured. The inner face (brows to mouth) spans about 2 interocular
 * distances, so 64 px is about the scale of a face with a 32 px interocular distance: below
 * every face the size gate lets through, so the crop is always shrunk (averaged), never
 * enlarged, and the measures compare across cameras and photo sizes.
 */
export const QUALITY_CROP_SIZE = 64

/** The measures of one face. */
export interface FaceMeasures {
  /** Distance between the eye centres, in pixels of the image. */
  interocularPx: number
  /** Rough head pose in degrees (see headPose in landmark-geometry.ts). */
  pose: HeadPose
  /** Mean eye aspect ratio of both eyes (unitless). */
  eyeAspectRatio: number
  /** Variance of the Laplacian of the inner face at {@link QUALITY_CROP_SIZE} px, squared grey levels; null without pixels. */
  sharpness: number | null
  /** Exposure of the inner face; null without pixels. */
  exposure: Exposure | null
}

/**
 * Measures one face: geometry from its `landmarks` (68 points, image pixels), sharpness and
 * exposure from `grey` (the same image as luminance; optional, since a caller with only
 * landmarks still gets the geometric gates). Throws for fewer than 68 landmarks.
 */
export function measureFace(landmarks: readonly LandmarkPoint[], grey: GreyImage | null): FaceMeasures {
  const geometry = {
    interocularPx: interocularDistance(landmarks),
    pose: headPose(landmarks),
    eyeAspectRatio: meanEyeAspectRatio(landmarks)
  }
  if (!grey) return { ...geometry, sharpness: null, exposure: null }
  const crop = resampleRegion(grey, innerFaceRegion(landmarks, grey.width, grey.height), QUALITY_CROP_SIZE)
  return { ...geometry, sharpness: laplacianVariance(crop), exposure: exposureOf(crop) }
}
