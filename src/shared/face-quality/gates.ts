/**
 * The enrolment quality gates: pure decisions on the {@link FaceMeasures} of a face against
 * a {@link QualityGates} set, giving every reason a face fails (as issue codes the screens
 * translate). Thresholds and their sources are in thresholds.ts.
 */
import type { LandmarkPoint } from '../face-geometry/landmark-geometry'
import type { GreyImage } from './grey-image'
import { measureFace, type FaceMeasures } from './face-measures'
import type { QualityGates } from './thresholds'

/**
 * Why a face fails, in the order a person should fix them (framing first, then light and
 * focus, then pose): one person in view, close enough, lit, still, eyes open, then the pose
 * the step asks for.
 */
export const QUALITY_ISSUES = [
  'no-face',
  'multiple-faces',
  'too-small',
  'too-dark',
  'too-bright',
  'blurred',
  'eyes-closed',
  'head-tilted',
  'look-straight',
  'look-level',
  'turn-left-more',
  'turn-right-more',
  'turn-less',
  'look-up-more'
] as const

/** One of {@link QUALITY_ISSUES}. */
export type QualityIssue = (typeof QUALITY_ISSUES)[number]

/** The verdict on one picture. */
export interface QualityAssessment {
  /** True when no gate failed. */
  passed: boolean
  /** Every failed gate, in {@link QUALITY_ISSUES} order (empty when passed). */
  issues: QualityIssue[]
  /** The measures of the face judged; null when there was not exactly one face. */
  measures: FaceMeasures | null
}

/** What {@link assessFace} judges. */
export interface AssessInput {
  /** Faces the detector found in the picture. */
  faceCount: number
  /** 68 landmarks of the face to judge (the only one, or the best when several), in the pixels of `grey`. */
  landmarks?: readonly LandmarkPoint[] | null
  /** The picture as luminance; without it sharpness and exposure are not judged. */
  grey?: GreyImage | null
  /** Pixels of the original picture per pixel of `grey` (default 1); scales the face size back. */
  scale?: number
  /** The thresholds to apply. */
  gates: QualityGates
}

const ORDER = new Map(QUALITY_ISSUES.map((issue, i) => [issue, i]))

/**
 * Judges one picture for enrolment: exactly one face, then each gate of `gates` on that face.
 * Pure; never throws for a face with 68 landmarks (throws for fewer).
 */
export function assessFace(input: AssessInput): QualityAssessment {
  const { faceCount, landmarks, gates } = input
  if (faceCount === 0 || !landmarks) return { passed: false, issues: ['no-face'], measures: null }
  if (faceCount > 1) return { passed: false, issues: ['multiple-faces'], measures: null }
  const raw = measureFace(landmarks, input.grey ?? null)
  const measures = { ...raw, interocularPx: raw.interocularPx * (input.scale ?? 1) }
  const issues = issuesOf(measures, gates)
  return { passed: issues.length === 0, issues, measures }
}

/** Every gate of `gates` that `m` fails, in {@link QUALITY_ISSUES} order. Pure. */
export function issuesOf(m: FaceMeasures, gates: QualityGates): QualityIssue[] {
  const issues: QualityIssue[] = []
  if (m.interocularPx < gates.minInterocularPx) issues.push('too-small')
  if (m.exposure) {
    const e = m.exposure
    if (e.mean < gates.minMeanLuminance || e.darkFraction > gates.maxDarkFraction) issues.push('too-dark')
    if (e.mean > gates.maxMeanLuminance || e.brightFraction > gates.maxBrightFraction) issues.push('too-bright')
  }
  if (m.sharpness !== null && m.sharpness < gates.minSharpness) issues.push('blurred')
  if (m.eyeAspectRatio < gates.minEyeAspectRatio) issues.push('eyes-closed')
  if (Math.abs(m.pose.roll) > gates.maxAbsRoll) issues.push('head-tilted')
  const { yaw, pitch } = m.pose
  const [yawLo, yawHi] = gates.yaw
  if (yaw < yawLo || yaw > yawHi) issues.push(yawIssue(yaw, yawLo, yawHi))
  const [pitchLo, pitchHi] = gates.pitch
  if (pitch < pitchLo || pitch > pitchHi) issues.push(pitchIssue(pitch, pitchLo, pitchHi))
  return [...new Set(issues)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0))
}

/**
 * The advice for a yaw outside [lo, hi]. Yaw is positive when the face turns to the image's
 * right, which is the person's own left in an unmirrored camera picture (the camera faces
 * them), so a range wholly above 0 asks for a turn to their left.
 */
function yawIssue(yaw: number, lo: number, hi: number): QualityIssue {
  if (lo > 0) return yaw < lo ? 'turn-left-more' : 'turn-less'
  if (hi < 0) return yaw > hi ? 'turn-right-more' : 'turn-less'
  return 'look-straight'
}

/** The advice for a pitch outside [lo, hi] (pitch is positive when the face tilts down). */
function pitchIssue(pitch: number, lo: number, hi: number): QualityIssue {
  if (hi < 0 && pitch > hi) return 'look-up-more'
  return 'look-level'
}

/** English sentences for each issue, used in main's error messages and logs (the screens translate the codes). */
export const ISSUE_TEXT: Record<QualityIssue, string> = {
  'no-face': 'no face is in view',
  'multiple-faces': 'more than one person is in view',
  'too-small': 'the face is too small (move closer to the camera or use a larger photo)',
  'too-dark': 'the face is too dark',
  'too-bright': 'the face is over-exposed',
  blurred: 'the face is blurred (hold still, or use a sharper photo)',
  'eyes-closed': 'the eyes are closed',
  'head-tilted': 'the head is tilted to one side',
  'look-straight': 'the face is turned away from the camera',
  'look-level': 'the head is tilted up or down',
  'turn-left-more': 'the face is not turned far enough to the left',
  'turn-right-more': 'the face is not turned far enough to the right',
  'turn-less': 'the face is turned too far',
  'look-up-more': 'the face is not tilted up enough'
}

/** The issues as one English phrase, e.g. "the face is too dark; the eyes are closed". */
export function describeIssues(issues: readonly QualityIssue[]): string {
  return issues.map((issue) => ISSUE_TEXT[issue]).join('; ')
}
