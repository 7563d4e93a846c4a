/**
 * The thresholds of the enrolment quality gates, and where each comes from. Two sets:
 * {@link CAMERA_GATES} for live captures, where the person can be asked to move, and the
 * looser {@link FILE_GATES} for photo files and imports, which cannot be retaken and are
 * often older, smaller pictures. The guided capture steps narrow the pose further
 * (enrolment-steps.ts).
 *
 * "Measured" below means on the shared evaluation data with face-api's SSD detector and
 * 68-point landmarks (the photo detector of enrolment): the 57 single-face photos of
 * deepface-unit (good enrolment photos, 400–2500 px), one image of every 40th person of LFW
 * (144 images at 150 × 150, faces far smaller than an enrolment wants), and 80 frames of the
 * two talking-head videos as the end-to-end fake camera shows them (5 frames/s, 480 × 480
 * in a 640 × 480 frame). Sharpness and exposure are taken on the 64 px inner-face crop
 * (face-measures.ts), so they compare across image sizes. Checked again with the detector
 * that looks a second time on a padded canvas: all 61 single-face photos of deepface-unit
 * pass the file gates, and all but two (49 and 50 px between the eyes) the camera gates.
 */
import type { TemplateSource } from '../models'

/** One set of gate thresholds. Angles in degrees, sizes in image pixels, luminance in 8-bit grey levels. */
export interface QualityGates {
  /** Smallest distance between the eye centres, px. */
  minInterocularPx: number
  /** Darkest mean luminance of the inner face, 0..255. */
  minMeanLuminance: number
  /** Brightest mean luminance of the inner face, 0..255. */
  maxMeanLuminance: number
  /** Largest fraction (0..1) of the inner face crushed to black. */
  maxDarkFraction: number
  /** Largest fraction (0..1) of the inner face burnt out to white. */
  maxBrightFraction: number
  /** Smallest variance of the Laplacian of the 64 px inner face, squared grey levels. */
  minSharpness: number
  /** Smallest mean eye aspect ratio (unitless). */
  minEyeAspectRatio: number
  /** Largest in-plane head tilt, degrees either way. */
  maxAbsRoll: number
  /** Allowed yaw, [low, high] degrees; positive is the person's own left (see headPose). */
  yaw: readonly [number, number]
  /** Allowed pitch, [low, high] degrees; positive is the face tilted down. */
  pitch: readonly [number, number]
}

/**
 * Eyes closed below this mean eye aspect ratio: the threshold Soukupová and Čech (CVWW 2016)
 * use for a closed eye. Measured: open eyes give 0.26–0.35 on deepface-unit and the videos,
 * and a squinting laugh 0.22 (LFW Malcolm_Glazer_0001), while the screwed-shut eyes of LFW
 * Princess_Maxima_0001 give 0.19.
 */
export const MIN_EYE_ASPECT_RATIO = 0.2

/**
 * Exposure limits, shared by both sets. No standard gives numbers (ICAO 9303 part 3 and
 * ISO/IEC 19794-5 ask only for "no over- or under-exposure" and detail in the face), so they
 * are measured: the inner-face mean of good photos spans 100–190 on deepface-unit, 66–191
 * on LFW and 139–155 on the videos. Darkening a frame or photo to 30 % gives means of 29–47
 * (all refused); brightening it (× 1.8 + 20) burns out 24–70 % of the inner face (refused
 * above 15 %). Crushed or burnt-out pixels stay under 1 % of the inner face on every good
 * deepface-unit photo and video frame, under 9 % (dark) and 5 % (bright) on LFW.
 */
const EXPOSURE = {
  minMeanLuminance: 55,
  maxMeanLuminance: 215,
  maxDarkFraction: 0.2,
  maxBrightFraction: 0.15
} as const

/**
 * Live camera captures.
 * - Face size: 60 px between the eye centres, the interocular distance of the "token
 *   frontal" image type of ISO/IEC 19794-5 (the standard's smallest face image meant for
 *   recognition; its full-frontal type asks 90 px, which a 640 × 480 webcam at arm's
 *   length does not reach). The videos give 97–118 px.
 * - Sharpness: 300. Measured on the videos: every frame scores 890–3490; a Gaussian blur
 *   of σ = 2 px on the 640 × 480 frame gives 336–977 (soft, still recognisable) and of
 *   σ = 3 px 135–378 (refused in 37 of 38 frames tried). The measure also falls with
 *   contrast, so a dim face scores low too; 300 leaves a dim but usable face (about half
 *   the videos' brightness) above it.
 * - Roll: ±20°. ISO/IEC 19794-5 allows ±8° for a passport photo, but the enrolment
 *   pipeline aligns the face with a similarity transform that removes roll, so only a
 *   tilt the landmarks follow badly is refused; deepface-unit's good photos reach 16°.
 * - Yaw: ±35°, the widest turn a guided step asks for (enrolment-steps.ts); ISO/IEC 19794-5
 *   and ICAO allow ±5° for a frontal image, which the straight step approximates.
 * - Pitch: −20° … +30°. The estimate reads about +9° on a level face (median of
 *   deepface-unit; the ratio it starts from is the mean of the iBUG shapes, not a camera
 *   model), and good photos span −10° … +26°.
 */
export const CAMERA_GATES: QualityGates = {
  minInterocularPx: 60,
  ...EXPOSURE,
  minSharpness: 300,
  minEyeAspectRatio: MIN_EYE_ASPECT_RATIO,
  maxAbsRoll: 20,
  yaw: [-35, 35],
  pitch: [-20, 30]
}

/**
 * Photo files and command-line imports: the same exposure, eyes and pose limits, but
 * - Face size: 40 px between the eye centres. The descriptor networks look at an aligned
 *   chip of 112–150 px in which the eyes are about 40–50 px apart, so a smaller face is
 *   enlarged and loses detail the template needs. Measured: the smallest good face of
 *   deepface-unit has 49 px; LFW's 150 px copies (18–29 px) fail, as they should.
 * - Sharpness: 150. Files are often downscaled or recompressed pictures that still
 *   recognise well: deepface-unit's good photos score 364–2880 and 99 % of LFW over 144,
 *   while a σ = 2 px blur takes 4 of the 6 softest deepface-unit photos to 86–141.
 */
export const FILE_GATES: QualityGates = {
  ...CAMERA_GATES,
  minInterocularPx: 40,
  minSharpness: 150
}

/** The gates a submitted enrolment photo must pass: {@link CAMERA_GATES} for a live capture, else {@link FILE_GATES}. */
export function gatesForSource(source: TemplateSource): QualityGates {
  return source === 'camera' ? CAMERA_GATES : FILE_GATES
}
