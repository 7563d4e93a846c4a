/**
 * The guided camera enrolment: a few captures with the head in different poses, so the
 * employee's templates cover how the kiosk will see them (people rarely face a kiosk camera
 * squarely). Each step narrows the camera gates' pose to what it asks for.
 */
import { CAMERA_GATES, type QualityGates } from './thresholds'

/** The poses the guided enrolment asks for. */
export type EnrolmentStepId = 'straight' | 'left' | 'right' | 'up'

/** One guided capture. */
export interface EnrolmentStep {
  id: EnrolmentStepId
  /** The gates a frame must pass to be taken for this step. */
  gates: QualityGates
  /** True when the step may be skipped (the enrolment is complete without it). */
  optional: boolean
}

/**
 * Smallest turn, in degrees of yaw, a "turn slightly" step accepts. Measured: the straight
 * frames of the videos read within ±6° and deepface-unit's frontal photos within ±12°,
 * while the turns in the talking-head videos reach 12–27°; 10° is a turn the estimate
 * tells apart from a frontal face yet every test video makes both ways.
 */
export const MIN_TURN_YAW = 10
/**
 * Largest yaw a straight capture accepts, degrees either way. ISO/IEC 19794-5 and ICAO 9303
 * ask ±5° of a frontal photo; the landmark estimate is good to a few degrees only, so
 * the measured spread of deepface-unit's frontal photos (90 % within ±11°) sets it.
 */
export const MAX_STRAIGHT_YAW = 10
/** Largest yaw of a guided turn, degrees: where face-api's 68 landmarks still follow the far eye and jaw. */
export const MAX_TURN_YAW = 35
/**
 * Pitch, in degrees, below which a face counts as looking up. The estimate reads about
 * +9° on a level face (see CAMERA_GATES), so −5° is about 15° above level; the videos reach
 * −6° (aoc) and −18° (khill).
 */
export const MAX_UP_PITCH = -5

/**
 * The guided steps in order: straight, slightly left, slightly right (the three required
 * captures), then slightly up (optional).
 */
export const ENROLMENT_STEPS: readonly EnrolmentStep[] = [
  { id: 'straight', optional: false, gates: { ...CAMERA_GATES, yaw: [-MAX_STRAIGHT_YAW, MAX_STRAIGHT_YAW] } },
  { id: 'left', optional: false, gates: { ...CAMERA_GATES, yaw: [MIN_TURN_YAW, MAX_TURN_YAW] } },
  { id: 'right', optional: false, gates: { ...CAMERA_GATES, yaw: [-MAX_TURN_YAW, -MIN_TURN_YAW] } },
  {
    id: 'up',
    optional: true,
    gates: { ...CAMERA_GATES, yaw: [-MAX_STRAIGHT_YAW - 5, MAX_STRAIGHT_YAW + 5], pitch: [CAMERA_GATES.pitch[0], MAX_UP_PITCH] }
  }
]
