/**
 * The REST server's transport rules over real HTTP, without the engine (a unit core, and
 * dispatch stand-ins where a failure must be forced): TLS required off loopback and served
 * with a certificate, rate limits per key (429 + Retry-After), busy (503 + Retry-After),
 * server errors in the rotating error log without image data, the request log with key ids,
 * and the docs page served from local files under its own CSP.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { get } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dispatch } from '../../src/main/dispatch/dispatch'
import { createApiKeyService } from '../../src/main/services/api/api-keys'
import { restApiOptionsFromSettings, startRestApi } from '../../src/main/transport/rest-api'
import { createRestErrorLog, errorLogPath } from '../../src/main/transport/rest-error-log'
import { createRestServer, DOCS_CSP, isLoopbackHost, type RestServer } from '../../src/main/transport/rest-server'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'
import { encoded, restClient } from './rest-fixture'

/** A marker in an image that must never reach a log. */
const IMAGE_MARKER = Buffer.from('JPEG-BYTES-THAT-MUST-NOT-BE-LOGGED')
const imageWithMarker = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), IMAGE_MARKER]))
const markerBase64 = encoded(imageWithMarker).data

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('REST transport', () => {
  let core: UnitCore
  let key: string
  let otherKey: string
  const servers: RestServer[] = []
  const logLines: string[] = []
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }))

  /** A REST server over the unit core, with `dispatch` in place of the core's where given. */
  async function serve(options: { dispatch?: Dispatch; rateLimit?: { max: number; timeWindowMs?: number }; dataDir?: string } = {}) {
    const errorLog = options.dataDir ? createRestErrorLog(options.dataDir) : undefined
    const server = await createRestServer({
      dispatch: options.dispatch ?? core.dispatch,
      apiKeys: createApiKeyService(core.repos.apiKeys, core.config),
      logger,
      ...(errorLog ? { errorLog } : {}),
      ...(options.rateLimit ? { rateLimit: options.rateLimit } : {})
    })
    servers.push(server)
    const { url } = await server.listen({ host: '127.0.0.1', port: 0 })
    return { url, api: restClient(url), errorLog }
  }

  beforeAll(async () => {
    core = await openUnitCore()
    const created = await core.call('createApiKey', { name: 'transport', scopes: ['admin'] })
    const other = await core.call('createApiKey', { name: 'other', scopes: ['read'] })
    if (!created.ok || !other.ok) throw new Error('could not create API keys')
    key = created.value.key
    otherKey = other.value.key
  })

  afterAll(async () => {
    for (const server of servers) await server.close()
    await core?.close()
  })

  it('refuses to listen off loopback without TLS, and serves HTTPS with a certificate', async () => {
    expect(isLoopbackHost('127.0.0.1') && isLoopbackHost('::1') && isLoopbackHost('localhost')).toBe(true)
    expect(isLoopbackHost('0.0.0.0') || isLoopbackHost('192.168.1.20') || isLoopbackHost('kiosk.local')).toBe(false)
    const server = await createRestServer({ dispatch: core.dispatch, apiKeys: createApiKeyService(core.repos.apiKeys, core.config) })
    servers.push(server)
    await expect(server.listen({ host: '0.0.0.0', port: 0 })).rejects.toThrow(/without TLS.*--tls-cert/)

    const dir = mkdtempSync(join(tmpdir(), 'clockface-tls-'))
    try {
      execFileSync('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')
      ], { stdio: 'pipe' })
      const cert = readFileSync(join(dir, 'cert.pem'))
      // startRestApi reads the PEM files by path, as `--tls-cert FILE --tls-key FILE` gives them.
      const running = await startRestApi(core, { host: '127.0.0.1', port: 0, tls: { cert: join(dir, 'cert.pem'), key: join(dir, 'key.pem') } })
      try {
        expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/)
        const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          get(`${running.url}/employees`, { ca: cert, headers: { authorization: `Bearer ${key}` } }, (response) => {
            let body = ''
            response.on('data', (chunk) => (body += chunk))
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body }))
          }).on('error', reject)
        })
        expect(answer).toEqual({ status: 200, body: '[]' })
      } finally {
        await running.stop()
      }
      await expect(startRestApi(core, { host: '127.0.0.1', port: 0, tls: { cert: join(dir, 'missing.pem'), key: join(dir, 'key.pem') } })).rejects.toThrow(/missing\.pem cannot be read/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('takes the desktop settings: off unless apiEnabled, TLS only with both files', () => {
    expect(restApiOptionsFromSettings({ idleMinutes: 10 })).toBeNull()
    expect(restApiOptionsFromSettings({ apiEnabled: false, apiPort: 6000 })).toBeNull()
    expect(restApiOptionsFromSettings({ apiEnabled: true, apiHost: '0.0.0.0', apiPort: 6000, apiTlsCert: '/c.pem', apiRatePerMinute: 30 })).toEqual({ host: '0.0.0.0', port: 6000, ratePerMinute: 30 })
    expect(restApiOptionsFromSettings({ apiEnabled: true, apiTlsCert: '/c.pem', apiTlsKey: '/k.pem' })).toEqual({ tls: { cert: '/c.pem', key: '/k.pem' } })
  })

  it('rate-limits each key on its own: 429 with Retry-After past the limit', async () => {
    const { api } = await serve({ rateLimit: { max: 3, timeWindowMs: 60_000 } })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await api.call('GET', '/employees', { key })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await api.call('GET', '/employees', { key })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.body).toMatchObject({ error: { code: 'rate-limited', message: expect.stringContaining('at most 3'), requestId: limited.headers.get('x-request-id') } })
    // Another key has its own budget.
    expect((await api.call('GET', '/employees', { key: otherKey })).status).toBe(200)
  })

  it('answers busy with 503 and Retry-After', async () => {
    const busy: Dispatch = async (name, request, ctx) =>
      name === 'identifyFaces' ? { ok: false, error: { code: 'busy', message: 'The engine is busy.', details: { retryAfterMs: 2500 } } } : core.dispatch(name, request, ctx)
    const { api } = await serve({ dispatch: busy })
    const answer = await api.call('POST', '/identify', { key, json: { image: encoded(imageWithMarker) } })
    expect(answer.status).toBe(503)
    expect(answer.headers.get('retry-after')).toBe('3')
    expect(answer.body).toMatchObject({ error: { code: 'busy' } })
  })

  it('writes server errors to the error log file and the console with request id, operation and key id, never image data; logs every request with its key id', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clockface-errlog-'))
    try {
      const failing: Dispatch = async (name, request, ctx) =>
        name === 'identifyFaces' ? { ok: false, error: { code: 'internal', message: 'the engine fell over' } } : core.dispatch(name, request, ctx)
      const { api, errorLog } = await serve({ dispatch: failing, dataDir })
      const failed = await api.call('POST', '/identify', { key, json: { image: encoded(imageWithMarker) } })
      expect(failed.status).toBe(500)
      expect(failed.body).toMatchObject({ error: { code: 'internal', message: 'the engine fell over' } })
      const requestId = failed.headers.get('x-request-id')!
      await api.call('POST', '/identify', { key, form: { image: { file: imageWithMarker, name: 'x.jpg', type: 'image/jpeg' } } })
      await errorLog!.close()

      const file = readFileSync(errorLogPath(dataDir), 'utf8')
      const entries = file.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
      expect(entries).toHaveLength(2)
      const listed = await core.call('listApiKeys', {})
      const keyId = listed.ok ? listed.value.find((k) => k.name === 'transport')?.id : undefined
      expect(keyId).toEqual(expect.any(String))
      expect(entries[0]).toMatchObject({ requestId, keyId, operation: 'identifyFaces', method: 'POST', url: '/api/v1/identify', status: 500, code: 'internal', message: 'the engine fell over' })
      expect(file).not.toContain(markerBase64)
      expect(file).not.toContain(IMAGE_MARKER.toString())

      const console = logLines.join('')
      expect(console).toContain(`"reqId":"${requestId}"`)
      expect(console).toContain('"msg":"api request failed"')
      const requestLines = logLines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['msg'] === 'api request')
      expect(requestLines.length).toBeGreaterThan(5)
      expect(requestLines.filter((line) => line['operation'] === 'identifyFaces').every((line) => line['keyId'] === keyId)).toBe(true)
      expect(console).not.toContain(markerBase64)
      expect(console).not.toContain(IMAGE_MARKER.toString())
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('rotates the error log by size and keeps a few files', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clockface-errlog-'))
    try {
      const log = createRestErrorLog(dataDir, { size: '2K', keep: 2 })
      for (let i = 0; i < 60; i++) {
        log.write({ requestId: `r${i}`, method: 'GET', url: '/api/v1/x', status: 500, code: 'internal', message: 'x'.repeat(100) })
        if (i % 10 === 9) await wait(50)
      }
      await log.close()
      const files = readdirSync(join(dataDir, 'logs')).filter((f) => f.startsWith('api-errors.log'))
      expect(files.sort()).toEqual(['api-errors.log', 'api-errors.log.1', 'api-errors.log.2'])
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('serves the docs page and its assets from local files, under a CSP that allows only this server', async () => {
    const { url, api } = await serve()
    const page = await api.call('GET', '/docs')
    expect(page.status).toBe(200)
    expect(page.contentType).toContain('text/html')
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP)
    expect(page.text).not.toMatch(/(https?:)?\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}/i)
    const assets = [...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!)
    expect(assets).toEqual(expect.arrayContaining([expect.stringContaining('swagger-ui-bundle.js'), expect.stringContaining('swagger-ui.css'), expect.stringContaining('swagger-initializer.js')]))
    const origin = new URL(url).origin
    for (const asset of assets) {
      expect(asset.startsWith('/api/v1/docs/static/'), asset).toBe(true)
      const response = await fetch(`${origin}${asset}`)
      expect(response.status, asset).toBe(200)
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0)
    }
    const initializer = await (await fetch(`${origin}/api/v1/docs/static/swagger-initializer.js`)).text()
    expect(initializer).toContain("resolveUrl('./json')")
    // Its one URL is in a code comment; no code line names another origin.
    const code = initializer.split('\n').filter((line) => !line.trim().startsWith('//'))
    expect(code.join('\n')).not.toMatch(/https?:\/\//)
    const spec = await fetch(`${origin}/api/v1/docs/json`)
    expect(((await spec.json()) as { openapi: string }).openapi).toBe('3.1.0')
    // The JSON answers keep the strict policy; the docs' policy is on the docs only.
    expect((await api.call('GET', '/health')).headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'")
    expect(existsSync(join(require.resolve('@fastify/swagger-ui'), '..', 'static', 'swagger-ui-bundle.js'))).toBe(true)
  })
})
