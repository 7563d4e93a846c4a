import type { ErrorCode } from '../../shared/errors'

/**
 * HTTP status of each error code, as the browser-mode protocol in the team notes fixes it:
 * 400 invalid input, 404 unknown employee or template, 409 duplicate code, 422 an image that
 * cannot be used, 503 engine not (yet) available, 500 store or internal failure.
 */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  'invalid-input': 400,
  'not-found': 404,
  'duplicate-code': 409,
  'unreadable-image': 422,
  'no-face': 422,
  'multiple-faces': 422,
  'engine-unavailable': 503,
  'store-error': 500,
  internal: 500
}
