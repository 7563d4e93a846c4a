import { existsSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { contract, isAuditedOperation, operationNames } from '../../shared/contract'
import { errorCodes } from '../../shared/errors'
import { createCallContext } from '../dispatch/call-context'
import type { Dispatch } from '../dispatch/dispatch'
import type { AuthService } from '../services/auth/auth-service'
import type { Result } from '../../shared/errors'
import { decodeBody, encodeBody, encodingOf, JSON_TYPE, MSGPACK_TYPES, type BodyEncoding } from './http-codec'
import { MAX_REQUEST_BODY_BYTES, registerHttpLimits, retryAfterHeaders } from './http-limits'
import { HTTP_STATUS } from './http-status'
import { isLoopbackRequest } from './loopback-guard'
import { SECURITY_HEADERS } from './security-headers'
import { cookieBinding, requestTokens } from './http-session'

/** Largest request body in bytes: one 20 MB image (MAX_IMAGE_BYTES) as base64 JSON, ≈ 26.7 MB (http-limits.ts). */
export const HTTP_BODY_LIMIT = MAX_REQUEST_BODY_BYTES

/** The address the server binds: loopback only, never the network. */
export const HTTP_HOST = '127.0.0.1'

/** Options of {@link createHttpServer}. */
export interface HttpServerOptions {
  /** The core's dispatch (audit, authorisation, validation, handler). */
  dispatch: Dispatch
  /** Resolves the session cookies of each request to the caller's admin and kiosk principals. */
  auth: Pick<AuthService, 'resolve'>
  /** Folder of the built renderer (out/renderer) to serve at `/`; omitted: API only. */
  rendererDir?: string
  /** A pino logger; omitted: silent. */
  logger?: FastifyBaseLogger
}

/** A browser-mode server, not yet listening. */
export interface HttpServer {
  /** The fastify instance (for tests and extra routes). */
  app: FastifyInstance
  /** Starts listening on 127.0.0.1 (`port` 0: any free port). Resolves to the URL, e.g. `http://127.0.0.1:5780/`. */
  listen(port: number): Promise<{ url: string; port: number }>
  /** Stops accepting connections and waits for requests in flight. */
  close(): Promise<void>
}

function sendResult(reply: FastifyReply, status: number, result: Result<unknown>, encoding: BodyEncoding): FastifyReply {
  const { body, contentType } = encodeBody(result, encoding)
  return reply.code(status).headers(retryAfterHeaders(result)).header('Content-Type', contentType).header('Cache-Control', 'no-store').send(body)
}

function failure(code: 'invalid-input' | 'too-large' | 'not-found' | 'internal', message: string): Result<never> {
  return { ok: false, error: { code, message } }
}

/**
 * Builds the browser-mode HTTP server (fastify) over the services:
 * `POST /api/<operation>` with a MessagePack (`application/msgpack`, binary as bin) or JSON
 * (binary as base64) request body, answered with the operation's Result in the same encoding;
 * statuses per {@link HTTP_STATUS}. Each call gets a context (channel `browser`, the admin and
 * kiosk behind its HttpOnly session cookies, its address) and goes through the core's dispatch,
 * where audit, authorisation, validation and error mapping live,
 * exactly as over IPC. `GET /` serves `rendererDir`, with index.html for any other
 * extension-less path. Every response carries {@link SECURITY_HEADERS} (strict CSP, nosniff);
 * requests whose Host or Origin is not this loopback server get 403 (DNS-rebinding guard).
 * Bodies up to {@link HTTP_BODY_LIMIT}.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const { dispatch, auth, rendererDir, logger } = options
  const app = Fastify({
    bodyLimit: HTTP_BODY_LIMIT,
    // Kiosk frames arrive several times a second: per-request logs would drown everything else.
    logController: new LogController({ disableRequestLogging: true }),
    ...(logger ? { loggerInstance: logger } : { logger: false })
  })

  app.addHook('onRequest', async (request, reply) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value)
    if (!isLoopbackRequest(request.headers, request.socket.localPort)) {
      return sendResult(
        reply,
        403,
        failure('invalid-input', 'Clockface answers only pages it serves itself on this computer (host or origin refused).'),
        'json'
      )
    }
  })
  registerHttpLimits(app)

  await app.register(fastifyCookie)
  app.removeAllContentTypeParsers()
  app.addContentTypeParser([JSON_TYPE, ...MSGPACK_TYPES], { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, encodingOf(request.headers['content-type'])))
    } catch (error) {
      const message = `request body is not valid ${encodingOf(request.headers['content-type']) === 'msgpack' ? 'MessagePack' : 'JSON'}: ${(error as Error).message}`
      done(Object.assign(new Error(message), { statusCode: 400 }), undefined)
    }
  })

  app.setErrorHandler((error: { statusCode?: number; message: string }, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500
    if (status === 500) request.log.error({ err: error }, 'request failed')
    return sendResult(
      reply,
      status,
      failure(status === 500 ? 'internal' : status === 413 ? 'too-large' : 'invalid-input', error.message),
      encodingOf(request.headers['content-type'])
    )
  })

  // Lets whoever connects another system discover the API without reading the source.
  app.get('/api', async (_request, reply) =>
    reply.header('Cache-Control', 'no-store').send({
      name: 'Clockface',
      usage: 'POST /api/<operation> with a JSON (images as base64) or MessagePack body; the answer is {ok, value} or {ok, error: {code, message}}',
      operations: operationNames.map((name) => ({
        name,
        summary: contract[name].summary,
        access: contract[name].access,
        errors: contract[name].errors,
        ...(isAuditedOperation(name) ? { audited: true } : {})
      })),
      errorCodes,
      httpStatus: HTTP_STATUS
    })
  )

  app.post<{ Params: { operation: string } }>('/api/:operation', async (request, reply) => {
    const encoding = encodingOf(request.headers['content-type'])
    const principals = await auth.resolve(requestTokens(request), request.params.operation)
    const ctx = createCallContext({ channel: 'browser', ...principals, remoteAddress: request.ip, session: cookieBinding(request, reply) })
    const result = await dispatch(request.params.operation as never, request.body, ctx)
    const status = result.ok ? 200 : HTTP_STATUS[result.error.code]
    if (status >= 500) request.log.error({ operation: request.params.operation, error: !result.ok && result.error }, 'operation failed')
    return sendResult(reply, status, result, encoding)
  })

  const root = rendererDir ? resolve(rendererDir) : undefined
  const hasIndex = root !== undefined && existsSync(join(root, 'index.html'))
  if (root && existsSync(root)) {
    await app.register(fastifyStatic, { root, prefix: '/', index: 'index.html', wildcard: true })
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    if (path.startsWith('/api/')) {
      return sendResult(reply, request.method === 'POST' ? 404 : 405, failure('not-found', `${request.method} ${path} is not an operation; use POST /api/<operation>.`), encodingOf(request.headers['content-type']))
    }
    // A page path typed without the hash (/kiosk) still gets the app; a missing asset stays a 404.
    if ((request.method === 'GET' || request.method === 'HEAD') && hasIndex && extname(path) === '') {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    }
    return reply.code(404).header('Content-Type', 'text/plain; charset=utf-8').send('Not found')
  })

  return {
    app,
    async listen(port) {
      await app.listen({ host: HTTP_HOST, port })
      const bound = (app.server.address() as AddressInfo).port
      return { url: `http://${HTTP_HOST}:${bound}/`, port: bound }
    },
    close: () => app.close()
  }
}
