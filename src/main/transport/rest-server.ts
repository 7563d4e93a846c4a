/**
 * The integration REST API, `/api/v1`: a fastify server of its own (the browser-mode UI
 * server stays on loopback with its cookies), one route per contract operation that has a
 * `rest` entry, API keys as the only credential, OpenAPI document and docs served from local
 * files. Every call goes through the core's dispatch like IPC and browser mode, so
 * authorisation (the key's scopes), validation, audit and error mapping are the same.
 */
import { randomUUID } from 'node:crypto'
import { createServer as createPlainServer, type RequestListener, type Server } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import { isIPv6, type AddressInfo } from 'node:net'
import fastifyMultipart from '@fastify/multipart'
import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { isLoopbackHost } from '../../shared/api-host'
import type { OperationName } from '../../shared/contract'
import { ClockfaceError, toFailure, type Result } from '../../shared/errors'
import type { ApiKeyPrincipal } from '../../shared/models'
import { createCallContext } from '../dispatch/call-context'
import type { Dispatch } from '../dispatch/dispatch'
import type { ApiKeyService } from '../services/api/api-keys'
import { encodeBody } from './http-codec'
import { MAX_REQUEST_BODY_BYTES, registerHttpLimits, retryAfterHeaders, type HttpLimits } from './http-limits'
import { CSV_OPERATIONS, CSV_TYPE, toCsv } from './rest-csv'
import type { RestErrorLog } from './rest-error-log'
import { REST_STATUS, restErrorBody, restErrorOf, type RestErrorBody, type RestErrorCode } from './rest-errors'
import { MULTIPART_LIMITS, readMultipartFields } from './rest-multipart'
import { openApiDocument } from './rest-openapi'
import { buildRestRequest, REST_PREFIX, restOperations, type RestOperation } from './rest-routes'

/** Requests per key (or per address, for requests without a valid key) and window: 120 a minute. */
export const DEFAULT_RATE_LIMIT = { max: 120, timeWindowMs: 60_000 } as const

/** Path of the browsable API docs. */
export const DOCS_PATH = `${REST_PREFIX}/docs`
/** Path of the OpenAPI document. */
export const OPENAPI_PATH = `${REST_PREFIX}/openapi.json`

/**
 * Content-Security-Policy of the API's JSON answers: nothing may load, nothing may frame them.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

/**
 * Content-Security-Policy of the docs page (swagger-ui, served from this server's own files):
 * its scripts and styles from here only, the inline style attributes its React components set,
 * data: images of its icons and logo, requests ("Try it out") to this server only; no
 * inline scripts, no eval, no framing, no other origin.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

/** The docs page's top-bar logo: a clock face and the name, white on swagger-ui's dark bar. */
const DOCS_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" width="190" height="40" viewBox="0 0 190 40"><circle cx="20" cy="20" r="16" fill="none" stroke="#fff" stroke-width="3"/>' +
  '<path d="M20 10v10l7 5" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round"/>' +
  '<text x="44" y="28" font-family="sans-serif" font-size="22" font-weight="bold" fill="#fff">Clockface API</text></svg>'

/** Headers of every REST answer besides its CSP. */
const REST_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store'
}

/** Options of {@link createRestServer}. */
export interface RestServerOptions {
  /** The core's dispatch (audit, authorisation, validation, handler). */
  dispatch: Dispatch
  /** Resolves a presented API key to its principal (null: unknown, revoked, malformed). */
  apiKeys: Pick<ApiKeyService, 'authenticate'>
  /** A pino logger for the request log and server errors; omitted: silent. */
  logger?: FastifyBaseLogger
  /** Where server errors (5xx) are also written (rest-error-log.ts); omitted: the logger only. */
  errorLog?: Pick<RestErrorLog, 'write'>
  /** Rate limit per key; default {@link DEFAULT_RATE_LIMIT}. */
  rateLimit?: { max?: number; timeWindowMs?: number }
  /** Body limits (http-limits.ts); defaults as in browser mode. */
  limits?: Partial<HttpLimits>
}

/** Where and how {@link RestServer.listen} listens. */
export interface RestListenOptions {
  /** Address to bind: a loopback address, or any other (all interfaces `0.0.0.0`) with `tls`. */
  host: string
  /** TCP port (0: any free one). */
  port: number
  /** PEM certificate (chain) and private key: the API then speaks HTTPS. Required off loopback. */
  tls?: { cert: string | Buffer; key: string | Buffer }
}

/** A REST API server, not yet listening. */
export interface RestServer {
  /** The fastify instance (tests use `inject`). */
  app: FastifyInstance
  /**
   * Starts listening. Resolves to the API's base URL (`http://127.0.0.1:5781/api/v1`), its
   * docs URL and the bound port. Rejects with ClockfaceError `invalid-input` when `host` is not a loopback address
   * and no `tls` is given (an API key must never cross a network in clear text), or when the
   * port is taken (`EADDRINUSE`).
   */
  listen(options: RestListenOptions): Promise<{ url: string; docsUrl: string; port: number }>
  /** Stops accepting connections and waits for requests in flight. */
  close(): Promise<void>
}

/** True for a loopback address or name (127.0.0.0/8, ::1, localhost): see shared/api-host.ts. */
export { isLoopbackHost }

/** What the REST server knows about the caller of one request. */
interface Caller {
  /** The caller sent a key (valid or not). */
  presented: boolean
  apiKey: ApiKeyPrincipal | null
}

/** The key a request presents: `Authorization: Bearer <key>`, else `X-API-Key: <key>`. */
function presentedKey(request: FastifyRequest): string | undefined {
  const authorization = request.headers.authorization
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    return match ? match[1] : authorization
  }
  const header = request.headers['x-api-key']
  return Array.isArray(header) ? header[0] : header
}

const operationOf = (request: FastifyRequest): string | undefined => (request.routeOptions.config as { operation?: string } | undefined)?.operation

/** An Error carrying a REST code, raised by hooks and plugins and answered by the error handler. */
class RestHttpError extends Error {
  constructor(
    readonly restCode: RestErrorCode,
    message: string
  ) {
    super(message)
  }
}

/**
 * Builds the REST API server (see the README's "Integration API"): for each contract operation
 * with a `rest` entry, `<method> /api/v1<path>`; the request is the query string (GET, DELETE;
 * values coerced per schema), or the JSON body, or a multipart/form-data body with the image
 * as a file part, plus the path parameters; the answer is the bare value with the contract's
 * success status, or `{ error: { code, message, requestId } }` with the status of the code
 * (rest-errors.ts). Callers authenticate with an API key (`Authorization: Bearer`, or
 * `X-API-Key`); session cookies are ignored. Public operations (health, JWKS) need no key.
 * Each key (without a valid key, each address) is rate-limited; bodies are limited as in browser
 * mode (http-limits.ts); every request is logged with its key id and no body; server errors also
 * go to `errorLog`. `/api/v1/openapi.json` and `/api/v1/docs` describe it all.
 */
export async function createRestServer(options: RestServerOptions): Promise<RestServer> {
  const { dispatch, apiKeys, logger, errorLog } = options
  let handler: RequestListener | undefined
  const app = Fastify({
    bodyLimit: MAX_REQUEST_BODY_BYTES,
    genReqId: () => randomUUID(),
    // A client's own request id is not trusted: ours is the one in the logs and the audit log.
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: true }),
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    // The handler is kept so listen() can serve it over HTTPS when given a certificate.
    serverFactory: (listener) => {
      handler = listener as RequestListener
      return createPlainServer(listener as RequestListener)
    }
  })
  const callers = new WeakMap<FastifyRequest, Caller>()

  const sendError = (request: FastifyRequest, reply: FastifyReply, body: RestErrorBody, extraHeaders: Record<string, string> = {}): FastifyReply => {
    const status = REST_STATUS[body.error.code]
    if (status === 401) reply.header('WWW-Authenticate', 'Bearer realm="clockface"')
    if (status >= 500) {
      const keyId = callers.get(request)?.apiKey?.keyId
      const operation = operationOf(request)
      const entry = {
        requestId: request.id,
        ...(operation ? { operation } : {}),
        ...(keyId ? { keyId } : {}),
        method: request.method,
        url: request.url,
        status,
        code: body.error.code,
        message: body.error.message
      }
      request.log.error(entry, 'api request failed')
      errorLog?.write(entry)
    }
    return reply.code(status).headers(extraHeaders).type('application/json; charset=utf-8').send(JSON.stringify(body))
  }

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id).header('Content-Security-Policy', API_CSP).headers(REST_HEADERS)
    const presented = presentedKey(request)
    const apiKey = presented === undefined ? null : await apiKeys.authenticate(presented)
    callers.set(request, { presented: presented !== undefined, apiKey })
  })
  registerHttpLimits(app, options.limits)

  // http-limits.ts answers with the internal Result envelope; the REST API has its own shape.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode < 400 || !String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload
    try {
      const parsed = JSON.parse(payload.toString()) as Partial<Result<unknown>>
      if (parsed.ok === false && parsed.error) return JSON.stringify(restErrorOf(parsed as Extract<Result<unknown>, { ok: false }>, request.id))
    } catch {
      // Not a Result envelope: sent as it is.
    }
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    const caller = callers.get(request)
    request.log.info(
      {
        keyId: caller?.apiKey?.keyId ?? null,
        ...(caller?.presented && !caller.apiKey ? { invalidKey: true } : {}),
        operation: operationOf(request) ?? null,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime)
      },
      'api request'
    )
  })

  const rate = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }
  await app.register(fastifyRateLimit, {
    global: true,
    max: rate.max,
    timeWindow: rate.timeWindowMs,
    keyGenerator: (request) => {
      const keyId = callers.get(request)?.apiKey?.keyId
      return keyId ? `key:${keyId}` : `ip:${request.ip}`
    },
    // The docs page loads a dozen static files; they cost nothing and reveal nothing.
    allowList: (request) => request.url.startsWith(`${DOCS_PATH}/static/`),
    errorResponseBuilder: (_request, context) =>
      new RestHttpError('rate-limited', `Too many requests: at most ${context.max} in ${Math.round(rate.timeWindowMs / 1000)} s for this API key; try again in ${context.after}.`)
  })
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true })
  // JSON and forms only: a text/plain body is refused (415) rather than read as a string.
  app.removeContentTypeParser('text/plain')

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof RestHttpError) return sendError(request, reply, restErrorBody(error.restCode, error.message, request.id))
    if (error instanceof ClockfaceError) return sendError(request, reply, restErrorOf(toFailure(error), request.id))
    const status = error.statusCode ?? 500
    if (status === 415) {
      const message = 'The body must be JSON (Content-Type: application/json) or a form (multipart/form-data).'
      return sendError(request, reply, restErrorBody('unsupported-media-type', message, request.id))
    }
    const code: RestErrorCode =
      status === 413 ? 'too-large' : status === 415 ? 'unsupported-media-type' : status === 429 ? 'rate-limited' : status >= 400 && status < 500 ? 'invalid-input' : 'internal'
    return sendError(request, reply, restErrorBody(code, error.message, request.id))
  })

  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, restErrorBody('not-found', `There is no ${request.method} ${request.url.split('?')[0]}; the routes are listed at ${DOCS_PATH}.`, request.id))
  )

  const document = openApiDocument()
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } })
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PATH,
    staticCSP: DOCS_CSP,
    logo: { type: 'image/svg+xml', content: DOCS_LOGO },
    theme: { title: 'Clockface API docs' },
    uiConfig: { deepLinking: true, displayRequestDuration: true }
  })
  app.get(OPENAPI_PATH, async (_request, reply) => reply.type('application/json; charset=utf-8').send(document))

  for (const op of restOperations()) {
    app.route({ method: op.method, url: op.url, config: { operation: op.name }, handler: (request, reply) => handle(op, request, reply) })
  }

  async function handle(op: RestOperation, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const caller = callers.get(request) ?? { presented: false, apiKey: null }
    if (caller.presented && !caller.apiKey && op.access === 'public') {
      return sendError(request, reply, restErrorBody('unauthorized', 'The API key is not valid (unknown, revoked or malformed).', request.id))
    }
    const query = { ...(request.query as Record<string, unknown>) }
    const csvColumns = CSV_OPERATIONS[op.name]
    let csv = false
    if (csvColumns) {
      const format = query['format']
      delete query['format']
      if (format !== undefined && format !== 'csv' && format !== 'json') {
        return sendError(request, reply, restErrorBody('invalid-input', 'format must be "json" or "csv".', request.id))
      }
      csv = format === 'csv' || (format === undefined && /^text\/csv\b/i.test(request.headers.accept ?? ''))
    }
    const ctx = { ...createCallContext({ channel: 'api', apiKey: caller.apiKey, remoteAddress: request.ip }), requestId: request.id }
    // Without a valid key a protected call is refused before its form is read; dispatch
    // still sees it, so the audit log records the refusal.
    const unauthenticated = !caller.apiKey && op.access !== 'public'
    const body = request.isMultipart() ? (unauthenticated ? {} : await readMultipartFields(request, op)) : request.body
    const result = await dispatch(op.name as OperationName, buildRestRequest(op, { params: request.params as Record<string, string>, query, body }), ctx)
    if (!result.ok) {
      if (result.error.code === 'unauthorized' && !caller.apiKey) {
        const message = caller.presented
          ? 'The API key is not valid (unknown, revoked or malformed).'
          : 'An API key is needed: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".'
        return sendError(request, reply, restErrorBody('unauthorized', message, request.id))
      }
      return sendError(request, reply, restErrorOf(result, request.id), retryAfterHeaders(result))
    }
    if (csv && csvColumns && Array.isArray(result.value)) {
      return reply
        .code(op.status)
        .type(CSV_TYPE)
        .header('Content-Disposition', `attachment; filename="${op.path.split('/')[1] ?? 'export'}.csv"`)
        .send(toCsv(result.value as object[], csvColumns))
    }
    const { body: json, contentType } = encodeBody(result.value, 'json')
    return reply.code(op.status).type(contentType).send(json)
  }

  let secure: Server | undefined
  return {
    app,
    async listen({ host, port, tls }) {
      if (!tls && !isLoopbackHost(host)) {
        throw new ClockfaceError(
          'invalid-input',
          `The REST API would listen on ${host}, which other computers can reach, without TLS: give it a certificate and key (--tls-cert FILE --tls-key FILE) or listen on 127.0.0.1.`
        )
      }
      let bound: AddressInfo
      if (tls) {
        await app.ready()
        if (!handler) throw new Error('the REST server has no request handler')
        const server = createTlsServer({ cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' }, handler)
        server.headersTimeout = app.server.headersTimeout
        server.requestTimeout = app.server.requestTimeout
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject)
          server.listen(port, host, () => {
            server.off('error', reject)
            resolve()
          })
        })
        secure = server
        bound = server.address() as AddressInfo
      } else {
        await app.listen({ host, port })
        bound = app.server.address() as AddressInfo
      }
      const shownHost = isIPv6(host) ? `[${host}]` : host
      const url = `${tls ? 'https' : 'http'}://${shownHost}:${bound.port}${REST_PREFIX}`
      return { url, docsUrl: `${url}/docs`, port: bound.port }
    },
    async close() {
      if (secure) {
        const server = secure
        secure = undefined
        await new Promise<void>((resolve) => {
          server.close(() => resolve())
          server.closeIdleConnections()
        })
      }
      await app.close()
    }
  }
}
