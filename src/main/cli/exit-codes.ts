import type { ErrorCode } from '../../shared/errors'

/**
 * Exit status of the CLI for each error code, so scripts can tell failures apart:
 * 0 success, 1 internal, 2 invalid input or usage (a file over its size limit included),
 * 3 not found, 4 duplicate (employee code, or a face that is already someone else's),
 * 5 image unusable (unreadable, unsupported type, no face, several faces, face does not match),
 * 6 engine unavailable, busy or timed out, 7 store error (read-only data included),
 * 8 not allowed (no session, wrong role, locked out).
 */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  internal: 1,
  'invalid-input': 2,
  'too-large': 2,
  'not-found': 3,
  'duplicate-code': 4,
  'duplicate-face': 4,
  'unreadable-image': 5,
  'unsupported-image': 5,
  'no-face': 5,
  'multiple-faces': 5,
  'face-mismatch': 5,
  'engine-unavailable': 6,
  busy: 6,
  timeout: 6,
  'store-error': 7,
  'read-only': 7,
  unauthorized: 8,
  forbidden: 8,
  'locked-out': 8
}
