/**
 * Error answers of the REST API: `{ "error": { "code", "message", "requestId" } }` with the
 * HTTP status of the code, the contract's codes (errors.ts, statuses from http-status.ts) plus
 * two the REST transport raises itself before any operation runs.
 */
import { errorCodes, type ErrorCode, type Result } from '../../shared/errors'
import { HTTP_STATUS } from './http-status'

/** Codes only the REST transport answers: too many requests for the key, a body type it does not read. */
export const REST_ONLY_CODES = ['rate-limited', 'unsupported-media-type'] as const

/** A code of a REST error answer: a contract error code or one of {@link REST_ONLY_CODES}. */
export type RestErrorCode = ErrorCode | (typeof REST_ONLY_CODES)[number]

/** Every code a REST error answer can carry. */
export const REST_ERROR_CODES: readonly RestErrorCode[] = [...errorCodes, ...REST_ONLY_CODES]

/**
 * HTTP status of each REST error code: those of {@link HTTP_STATUS} (400 invalid input, 401 no
 * or invalid key, 403 key lacks the scope, 404, 409, 413, 415, 422, 429, 500, 503, 504), plus
 * 429 `rate-limited` and 415 `unsupported-media-type`.
 */
export const REST_STATUS: Readonly<Record<RestErrorCode, number>> = { ...HTTP_STATUS, 'rate-limited': 429, 'unsupported-media-type': 415 }

/** The body of a REST error answer. */
export interface RestErrorBody {
  error: {
    code: RestErrorCode
    message: string
    /** The request's id, also in the `X-Request-Id` header, the request log and the audit log. */
    requestId: string
    /** Which fields failed validation (`invalid-input` only: zod's issues, paths and messages). */
    details?: unknown
  }
}

/**
 * The REST body of an error: code, message and request id. Details travel only with
 * `invalid-input` (which field was wrong and why); other details (face counts, distances)
 * stay inside, as the contract promises non-admin callers.
 */
export function restErrorBody(code: RestErrorCode, message: string, requestId: string, details?: unknown): RestErrorBody {
  return { error: { code, message, requestId, ...(code === 'invalid-input' && details !== undefined ? { details } : {}) } }
}

/** The REST error body of a failed Result. */
export function restErrorOf(result: Extract<Result<unknown>, { ok: false }>, requestId: string): RestErrorBody {
  return restErrorBody(result.error.code, result.error.message, requestId, result.error.details)
}
