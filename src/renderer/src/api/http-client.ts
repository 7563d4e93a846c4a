/**
 * The browser-mode transport: one method per operation of the contract, each a
 * `POST /api/<operation>` with a MessagePack body, answered by a MessagePack Result.
 */
import { operationNames, type ClockfaceApi, type OperationName } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { MSGPACK_TYPE, UNREACHABLE, decodeResponse, encodeRequest } from './msgpack-codec'

/** Options of {@link createHttpClient}. */
export interface HttpClientOptions {
  /** Prefix before `/api/…`; empty means the page's own origin (the server that served it). */
  baseUrl?: string
}

/**
 * Builds a {@link ClockfaceApi} over HTTP from `operationNames`, so a new operation in the
 * contract needs no change here. Never rejects: a network failure resolves to an
 * `engine-unavailable` failure ("Cannot reach the Clockface service").
 */
export function createHttpClient(options: HttpClientOptions = {}): ClockfaceApi {
  const base = options.baseUrl ?? ''
  async function call(name: OperationName, request: unknown): Promise<Result<unknown>> {
    let response: Response
    try {
      response = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        // The session cookies (HttpOnly, SameSite=Strict) travel with same-origin requests
        // only; said explicitly so a change of default or of baseUrl cannot drop them silently.
        credentials: 'same-origin',
        headers: { 'Content-Type': MSGPACK_TYPE, Accept: MSGPACK_TYPE },
        body: encodeRequest(request)
      })
    } catch {
      return UNREACHABLE
    }
    let body: Uint8Array
    try {
      body = new Uint8Array(await response.arrayBuffer())
    } catch {
      return UNREACHABLE
    }
    return decodeResponse(body, response.status)
  }
  const api = Object.fromEntries(operationNames.map((name) => [name, (request: unknown) => call(name, request)]))
  return api as ClockfaceApi
}
