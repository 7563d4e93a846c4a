/**
 * Error codes that cross every transport (IPC, HTTP, CLI exit codes) as a typed result.
 * Each operation in the contract lists the subset it can return; the codes in
 * {@link commonErrorCodes} can come from any operation.
 *
 * - `unsupported-image`: the bytes are not a JPEG, PNG or WebP file (checked by magic bytes).
 * - `too-large`: a file, image or body over its byte or pixel limit (checked before reading or decoding).
 * - `duplicate-face`: the face already identifies as another employee (one person, one code).
 * - `face-mismatch`: a face added to an employee does not match their enrolled templates.
 * - `unauthorized`: no (or an expired) admin or kiosk session; `forbidden`: a session whose
 *   role may not do this; `locked-out`: too many failed sign-ins, try again later.
 * - `busy`: the engine queue is full, retry shortly; `timeout`: the request took too long.
 * - `read-only`: a data file is damaged, the data loaded read-only until an admin decides.
 */
export const errorCodes = [
  'invalid-input',
  'unreadable-image',
  'no-face',
  'multiple-faces',
  'unsupported-image',
  'too-large',
  'duplicate-code',
  'duplicate-face',
  'face-mismatch',
  'not-found',
  'unauthorized',
  'forbidden',
  'locked-out',
  'busy',
  'timeout',
  'engine-unavailable',
  'read-only',
  'store-error',
  'internal'
] as const

/**
 * Codes any operation can raise besides those it lists: bad input, no or insufficient
 * session, a full queue or a time-out, the engine or the store failing.
 */
export const commonErrorCodes = [
  'invalid-input',
  'unauthorized',
  'forbidden',
  'busy',
  'timeout',
  'engine-unavailable',
  'read-only',
  'store-error',
  'internal'
] as const

/** One of {@link errorCodes}. */
export type ErrorCode = (typeof errorCodes)[number]

/** A failure as it crosses a transport: a machine-readable code plus a sentence for people. */
export interface OperationError {
  code: ErrorCode
  message: string
  /** Extra facts, e.g. the number of faces found or the field that failed validation. */
  details?: unknown
}

/** The result of every operation: never a bare thrown message across a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: OperationError }

/**
 * An error a service raises on purpose. Transports turn it into `{ ok: false, error }`;
 * anything else thrown becomes `internal`.
 */
export class ClockfaceError extends Error {
  /** What went wrong, for programs (HTTP status and CLI exit code derive from it). */
  readonly code: ErrorCode
  /** Extra facts for the caller, copied to {@link OperationError.details}. */
  readonly details?: unknown

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message)
    this.name = 'ClockfaceError'
    this.code = code
    this.details = details
  }
}

/** Wraps a value as a successful {@link Result}. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value })

/** Turns anything thrown into a failed {@link Result}, keeping the code of a {@link ClockfaceError}. */
export function toFailure(error: unknown): { ok: false; error: OperationError } {
  if (error instanceof ClockfaceError) {
    return {
      ok: false,
      error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) }
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  return { ok: false, error: { code: 'internal', message } }
}
