/**
 * Message keys (enrolment.issues.*) of the quality issues, so every screen and language
 * words them the same way.
 */
import type { QualityIssue } from '../../../shared/face-quality'

const KEYS: Record<QualityIssue, string> = {
  'no-face': 'noFace',
  'multiple-faces': 'multipleFaces',
  'too-small': 'tooSmall',
  'too-dark': 'tooDark',
  'too-bright': 'tooBright',
  blurred: 'blurred',
  'eyes-closed': 'eyesClosed',
  'head-tilted': 'headTilted',
  'look-straight': 'lookStraight',
  'look-level': 'lookLevel',
  'turn-left-more': 'turnLeftMore',
  'turn-right-more': 'turnRightMore',
  'turn-less': 'turnLess',
  'look-up-more': 'lookUpMore'
}

/** The key under enrolment.issues of one issue. */
export function issueMessageKey(issue: QualityIssue): string {
  return KEYS[issue]
}

/**
 * The quality issues of a refused enrolment photo (main's `invalid-input` with details
 * `{ quality: [...] }`), or null when the error is about something else.
 */
export function qualityIssuesOf(error: { code: string; details?: unknown }): QualityIssue[] | null {
  if (error.code !== 'invalid-input') return null
  const details = error.details as { quality?: unknown } | undefined
  if (!Array.isArray(details?.quality)) return null
  const issues = details.quality.filter((q): q is QualityIssue => typeof q === 'string' && q in KEYS)
  return issues.length > 0 ? issues : null
}
