/**
 * The wire format of the browser-mode HTTP transport:
 * requests and Result responses as MessagePack, binary fields as `bin` (Uint8Array).
 * Pure functions, so they are unit-tested without a server.
 */
import { decode, encode } from '@msgpack/msgpack'
import type { OperationError, Result } from '../../../shared/errors'

/** Media type of MessagePack bodies; one of the types the server accepts (MSGPACK_TYPES in main/transport/http-codec.ts). */
export const MSGPACK_TYPE = 'application/msgpack'

/**
 * The failure every operation returns when the HTTP service cannot be reached: coded
 * `engine-unavailable` because, to the screens, a stopped server means recognition is down
 * and the engine store retries.
 */
export const UNREACHABLE: { ok: false; error: OperationError } = {
  ok: false,
  error: { code: 'engine-unavailable', message: 'Cannot reach the Clockface service' }
}

/**
 * Encodes a request object. Undefined fields are left out rather than sent as nil, because
 * the contract's optional fields accept a missing key but not null.
 */
export function encodeRequest(request: unknown): Uint8Array<ArrayBuffer> {
  return encode(request ?? {}, { ignoreUndefined: true })
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false
  const v = value as { ok: unknown; error?: unknown }
  if (v.ok === true) return 'value' in v
  return v.ok === false && typeof v.error === 'object' && v.error !== null && 'code' in v.error
}

/**
 * Decodes a response body into the Result it carries. Bodies that are not a MessagePack Result
 * (a proxy's error page, a truncated body) become an `internal` failure naming the HTTP status.
 */
export function decodeResponse(body: Uint8Array, status: number): Result<unknown> {
  try {
    const value = decode(body)
    if (isResult(value)) return value
  } catch {
    // Not MessagePack at all (e.g. a proxy's HTML error page): reported as unexpected below.
  }
  return { ok: false, error: { code: 'internal', message: `Unexpected response from the Clockface service (HTTP ${status})` } }
}
