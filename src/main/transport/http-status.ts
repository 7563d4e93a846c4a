import type { ErrorCode } from '../../shared/errors'

/**
 * HTTP status of each error code: 400 invalid input, 401 no session, 403 wrong role,
 * 404 unknown employee or template, 409 a duplicate code or face, 413 too large,
 * 415 not an image type Clockface reads, 422 an image that cannot be used, 429 locked out
 * after failed sign-ins, 503 engine busy or not (yet) available (with Retry-After),
 * 504 timed out, 500 store or internal failure.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'duplicate-code': 409,
  'duplicate-face': 409,
  'face-mismatch': 422,
  'too-large': 413,
  'unsupported-image': 415,
  'unreadable-image': 422,
  'no-face': 422,
  'multiple-faces': 422,
  'locked-out': 429,
  busy: 503,
  'engine-unavailable': 503,
  timeout: 504,
  'read-only': 503,
  'store-error': 500,
  internal: 500
}
