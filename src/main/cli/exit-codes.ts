import type { ErrorCode } from '../../shared/errors'

/**
 * Exit status of the CLI for each error code, so scripts can tell failures apart:
 * 0 success, 1 internal, 2 invalid input or usage, 3 not found, 4 duplicate code,
 * 5 image unusable (unreadable, no face, several faces), 6 engine unavailable, 7 store error.
 */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  internal: 1,
  'invalid-input': 2,
  'not-found': 3,
  'duplicate-code': 4,
  'unreadable-image': 5,
  'no-face': 5,
  'multiple-faces': 5,
  'engine-unavailable': 6,
  'store-error': 7
}
