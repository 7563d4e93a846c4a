/**
 * Geometry of one face from its 68 landmarks (iBUG 300-W order, as face-api's
 * FaceLandmark68Net returns them, in image pixels): eye openness, a rough head pose and the
 * face's size. Pure arithmetic, shared by the renderer (live guidance) and main (the checks
 * that decide), so both judge a face the same way.
 */

/** A point in image pixels. */
export interface LandmarkPoint {
  x: number
  y: number
}

const dist = (a: LandmarkPoint, b: LandmarkPoint): number => Math.hypot(a.x - b.x, a.y - b.y)

function at(landmarks: readonly LandmarkPoint[], i: number): LandmarkPoint {
  const p = landmarks[i]
  if (!p) throw new Error(`expected 68 landmarks, got ${landmarks.length}`)
  return p
}

/** iBUG indices of the six points of each eye, in the order Soukupová & Čech (2016) number p1…p6. */
export const LEFT_EYE_POINTS = [36, 37, 38, 39, 40, 41] as const
export const RIGHT_EYE_POINTS = [42, 43, 44, 45, 46, 47] as const

/**
 * Eye aspect ratio of one eye, (|p2−p6| + |p3−p5|) / (2·|p1−p4|) (T. Soukupová and J. Čech,
 * "Real-Time Eye Blink Detection using Facial Landmarks", CVWW 2016): about 0.25–0.35 for an
 * open eye, below about 0.2 while it is closed. Unitless. Throws for fewer than 68 points.
 */
export function eyeAspectRatio(landmarks: readonly LandmarkPoint[], eye: readonly number[]): number {
  const [p1, p2, p3, p4, p5, p6] = eye.map((i) => at(landmarks, i)) as [LandmarkPoint, LandmarkPoint, LandmarkPoint, LandmarkPoint, LandmarkPoint, LandmarkPoint]
  const width = dist(p1, p4)
  return width === 0 ? 0 : (dist(p2, p6) + dist(p3, p5)) / (2 * width)
}

/** Mean {@link eyeAspectRatio} of both eyes. */
export function meanEyeAspectRatio(landmarks: readonly LandmarkPoint[]): number {
  return (eyeAspectRatio(landmarks, LEFT_EYE_POINTS) + eyeAspectRatio(landmarks, RIGHT_EYE_POINTS)) / 2
}

function centre(landmarks: readonly LandmarkPoint[], points: readonly number[]): LandmarkPoint {
  const ps = points.map((i) => at(landmarks, i))
  return { x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length }
}

/** Rough head pose in degrees from 2-D landmarks (no camera model): see {@link headPose}. */
export interface HeadPose {
  /** Left/right turn: negative when the face turns to the image's left. About ±45° at the extremes the landmarks still follow. */
  yaw: number
  /** Up/down: positive when the face tilts down (nose tip nearer the mouth than usual). */
  pitch: number
  /** In-plane tilt of the line through the eye centres, degrees (0 = level). */
  roll: number
}

/**
 * Head pose estimated from landmark ratios, good to a few degrees near frontal and monotonic
 * beyond, which is what quality gates and movement checks need (not a metric 3-D pose):
 * - roll: the angle of the line through the eye centres;
 * - yaw: where the nose tip (30) falls between the jaw's outer points (0, 16), measured along
 *   the eye line: the nose tip sits midway on a frontal face and moves towards the side the
 *   face turns to; mapped to degrees with asin on the offset ratio;
 * - pitch: where the nose tip falls between the eye line and the mouth line: about 0.5 of the
 *   way on a frontal face (mean of the iBUG training shapes), mapped with asin as yaw.
 * Throws for fewer than 68 points.
 */
export function headPose(landmarks: readonly LandmarkPoint[]): HeadPose {
  const leftEye = centre(landmarks, LEFT_EYE_POINTS)
  const rightEye = centre(landmarks, RIGHT_EYE_POINTS)
  const roll = (Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x) * 180) / Math.PI
  const ux = (rightEye.x - leftEye.x) / (dist(leftEye, rightEye) || 1)
  const uy = (rightEye.y - leftEye.y) / (dist(leftEye, rightEye) || 1)
  const along = (p: LandmarkPoint): number => p.x * ux + p.y * uy
  const across = (p: LandmarkPoint): number => -p.x * uy + p.y * ux
  const nose = at(landmarks, 30)
  const jawLeft = along(at(landmarks, 0))
  const jawRight = along(at(landmarks, 16))
  const half = (jawRight - jawLeft) / 2 || 1
  const yawRatio = (along(nose) - (jawLeft + jawRight) / 2) / half
  const eyeLine = (across(leftEye) + across(rightEye)) / 2
  const mouthLine = (across(at(landmarks, 48)) + across(at(landmarks, 54))) / 2
  const pitchRatio = ((across(nose) - eyeLine) / (mouthLine - eyeLine || 1) - 0.5) * 2
  const asinDeg = (r: number): number => (Math.asin(Math.max(-1, Math.min(1, r))) * 180) / Math.PI
  return { yaw: asinDeg(yawRatio), pitch: asinDeg(pitchRatio), roll }
}

/** Distance between the two eye centres, in pixels (the usual face-size measure of ISO/IEC 19794-5). */
export function interocularDistance(landmarks: readonly LandmarkPoint[]): number {
  return dist(centre(landmarks, LEFT_EYE_POINTS), centre(landmarks, RIGHT_EYE_POINTS))
}

/** Width of the face from jaw point 0 to jaw point 16, in pixels. */
export function faceWidth(landmarks: readonly LandmarkPoint[]): number {
  return dist(at(landmarks, 0), at(landmarks, 16))
}
