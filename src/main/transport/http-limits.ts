/**
 * Limits that keep the browser-mode server small and responsive under load. Fastify buffers
 * each request body whole before the handler runs, and decoding a photo-sized JSON body
 * (base64 string, then bytes) holds three to four times its size; fifty 20 MB uploads at once
 * would need gigabytes and stall the event loop for tens of seconds. So, before a body is read:
 * a body larger than any legitimate request is refused (413), and the bodies of the requests
 * in flight may add up to a fixed budget at most; a request that would go past it is answered
 * at once with 503 `busy` and a Retry-After header, and its body is discarded unread. Small
 * requests (status, listings, sign-in) are never counted, so they stay quick while uploads
 * queue. A counted body that has not fully arrived within a time limit loses its connection.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { MAX_IMAGE_BYTES } from '../../shared/contract'
import type { ErrorCode, Result } from '../../shared/errors'
import { encodeBody, encodingOf } from './http-codec'
import { HTTP_STATUS } from './http-status'

/**
 * Largest request body in bytes (≈ 26.7 MB): the largest legitimate request carries one image
 * of MAX_IMAGE_BYTES (20 MB, contract.ts), which as base64 in JSON is 4 × ⌈20 MB / 3⌉ bytes,
 * plus 64 KB for the other fields. MessagePack bodies carry the bytes as they are, and raw
 * frames are bounded by the same MAX_IMAGE_BYTES, so both fit too.
 */
export const MAX_REQUEST_BODY_BYTES = 4 * Math.ceil(MAX_IMAGE_BYTES / 3) + 64 * 1024

/**
 * Bodies up to this size, in bytes, are not counted against {@link MAX_BODY_BYTES_IN_FLIGHT}:
 * 64 KB is far above any request without an image (a status poll, a listing, a sign-in, an
 * employee's fields), so those are never refused as busy.
 */
export const SMALL_BODY_BYTES = 64 * 1024

/**
 * Budget of request bodies in flight at once, in bytes (from the request's arrival to its
 * answer): two of the largest requests (≈ 53 MB), which keeps the engine fed (one photo runs
 * while the next arrives) and the server's memory for bodies near 200 MB at worst, while a
 * kiosk frame (640 × 480 RGBA, 1.2 MB) leaves room for over forty at once.
 */
export const MAX_BODY_BYTES_IN_FLIGHT = 2 * MAX_REQUEST_BODY_BYTES

/**
 * Time in ms a counted body may take to arrive in full: 10 s. The server listens on the
 * loopback interface only, where the largest body arrives in well under a second; a client
 * that trickles one slower than this is holding a share of the budget above, and loses its
 * connection.
 */
export const BODY_TIMEOUT_MS = 10_000

/**
 * Seconds a refused client is told to wait (Retry-After) when the body budget is used up: 2 s,
 * about the time a photo-sized request takes to be received, screened and answered here.
 */
export const BODY_BUSY_RETRY_SECONDS = 2

/**
 * Node's own limits on every request, in ms, as a backstop for what the hooks do not count:
 * headers must arrive within 10 s and the whole request within 30 s (Node checks these every
 * 30 s, so a slow request is cut after 30 to 60 s); the answer is 408 and the connection closes.
 */
export const HEADERS_TIMEOUT_MS = 10_000
/** See {@link HEADERS_TIMEOUT_MS}. */
export const REQUEST_TIMEOUT_MS = 30_000

/** Limits of {@link registerHttpLimits}; each defaults to the constant of the same meaning. */
export interface HttpLimits {
  /** {@link MAX_REQUEST_BODY_BYTES}: should equal the server's `bodyLimit`. */
  maxBodyBytes: number
  /** {@link SMALL_BODY_BYTES}. */
  smallBodyBytes: number
  /** {@link MAX_BODY_BYTES_IN_FLIGHT}. */
  maxBodyBytesInFlight: number
  /** {@link BODY_TIMEOUT_MS}. */
  bodyTimeoutMs: number
}

/** What {@link registerHttpLimits} returns: the budget's current use, for tests and logs. */
export interface HttpLimitsState {
  /** Bytes of counted bodies in flight now. */
  bytesInFlight(): number
}

const MB = 1024 * 1024
const inMegabytes = (bytes: number): string => `${(bytes / MB).toFixed(1)} MB`

function refuse(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, message: string, details: unknown): FastifyReply {
  const result: Result<never> = { ok: false, error: { code, message, details } }
  const { body, contentType } = encodeBody(result, encodingOf(request.headers['content-type']))
  return reply.code(HTTP_STATUS[code]).header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body)
}

/** The declared body length of a request: its Content-Length, `null` for a chunked body of unknown length, 0 for none. */
function declaredLength(request: FastifyRequest): number | null {
  const length = request.headers['content-length']
  if (length !== undefined) {
    const n = Number(length)
    return Number.isFinite(n) && n >= 0 ? n : null
  }
  return request.headers['transfer-encoding'] !== undefined ? null : 0
}

/**
 * Extra response headers for a Result: `Retry-After` in whole seconds for a `busy` failure
 * (its `details.retryAfterMs` rounded up, at least 1 s; 1 s when it gives none), else none.
 */
export function retryAfterHeaders(result: Result<unknown>): Record<string, string> {
  if (result.ok || result.error.code !== 'busy') return {}
  const details = result.error.details as { retryAfterMs?: unknown } | undefined
  const ms = typeof details?.retryAfterMs === 'number' && details.retryAfterMs > 0 ? details.retryAfterMs : 1000
  return { 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) }
}

/**
 * Registers the limits on a fastify `app` (call it once, after the hooks that must run first,
 * such as the loopback guard, and before the routes):
 * - an `onRequest` hook refusing a body declared over `maxBodyBytes` with 413 `too-large`
 *   (and closing the connection rather than reading it), and a request whose body would take
 *   the bodies in flight past `maxBodyBytesInFlight` with 503 `busy`, `Retry-After`
 *   {@link BODY_BUSY_RETRY_SECONDS}, its body discarded unread. Bodies of unknown length
 *   (chunked) are counted as `maxBodyBytes`; bodies up to `smallBodyBytes` are not counted;
 * - for counted bodies, a timer that destroys the connection when the body has not fully
 *   arrived within `bodyTimeoutMs`;
 * - Node's `headersTimeout` and `requestTimeout` ({@link HEADERS_TIMEOUT_MS},
 *   {@link REQUEST_TIMEOUT_MS}) on the app's server.
 * Budget shares are given back when the response ends or the connection closes.
 */
export function registerHttpLimits(app: FastifyInstance, options: Partial<HttpLimits> = {}): HttpLimitsState {
  const limits: HttpLimits = {
    maxBodyBytes: MAX_REQUEST_BODY_BYTES,
    smallBodyBytes: SMALL_BODY_BYTES,
    maxBodyBytesInFlight: MAX_BODY_BYTES_IN_FLIGHT,
    bodyTimeoutMs: BODY_TIMEOUT_MS,
    ...options
  }
  let inFlight = 0

  app.server.headersTimeout = HEADERS_TIMEOUT_MS
  app.server.requestTimeout = REQUEST_TIMEOUT_MS

  app.addHook('onRequest', async (request, reply) => {
    const declared = declaredLength(request)
    if (declared !== null && declared > limits.maxBodyBytes) {
      // Reading a body this size only to throw it away would cost as much as accepting it.
      reply.header('Connection', 'close')
      return refuse(
        request,
        reply,
        'too-large',
        `The request body is ${inMegabytes(declared)}; the largest accepted is ${inMegabytes(limits.maxBodyBytes)} (one 20 MB image sent as base64 JSON).`,
        { bytes: declared, maxBytes: limits.maxBodyBytes }
      )
    }
    const share = declared ?? limits.maxBodyBytes
    if (share <= limits.smallBodyBytes) return
    if (inFlight > 0 && inFlight + share > limits.maxBodyBytesInFlight) {
      // Node discards the unread body after the answer, so the connection stays usable; closing
      // it instead makes clients that are still sending see a broken connection, not the 503.
      reply.header('Retry-After', String(BODY_BUSY_RETRY_SECONDS))
      return refuse(
        request,
        reply,
        'busy',
        `The server is receiving too many large requests at once; try again in ${BODY_BUSY_RETRY_SECONDS} s.`,
        { retryAfterMs: BODY_BUSY_RETRY_SECONDS * 1000 }
      )
    }
    inFlight += share
    let released = false
    const bodyTimer = setTimeout(() => {
      // Destroying the socket ends the half-read body; fastify sees the request aborted.
      request.log.warn({ url: request.url, timeoutMs: limits.bodyTimeoutMs }, 'request body too slow, connection closed')
      request.raw.destroy()
    }, limits.bodyTimeoutMs)
    const release = (): void => {
      clearTimeout(bodyTimer)
      if (released) return
      released = true
      inFlight -= share
    }
    request.raw.once('end', () => clearTimeout(bodyTimer))
    reply.raw.once('close', release)
    request.raw.once('close', () => {
      // A request closed before its body ended was aborted; its answer will never be sent.
      if (!request.raw.complete) release()
    })
  })

  return { bytesInFlight: () => inFlight }
}
