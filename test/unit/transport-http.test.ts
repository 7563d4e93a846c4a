import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, encode } from '@msgpack/msgpack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClockfaceError } from '../../src/shared/errors'
import type { EngineStatus } from '../../src/shared/models'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { createHttpServer, type HttpServer } from '../../src/main/transport/http-server'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'
import { CONTENT_SECURITY_POLICY } from '../../src/main/transport/security-headers'

function loadingEngine(): FaceEngine {
  const status: EngineStatus = { state: 'loading', progress: 0.25, backend: null, models: [], error: null }
  const down = () => Promise.reject(new ClockfaceError('engine-unavailable', 'still loading'))
  return { ready: down, status: () => status, onStatus: () => () => undefined, detect: down, analyse: down, memory: down, close: async () => undefined }
}

let dir: string
let core: UnitCore
let server: HttpServer
let base: string
let port: number

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clockface-http-'))
  const renderer = join(dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Clockface</title><div id="app"></div>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log("app")')
  core = await openUnitCore({}, { engine: loadingEngine() })
  server = await createHttpServer({ dispatch: core.dispatch, auth: core.auth, rendererDir: renderer })
  ;({ url: base, port } = await server.listen(0))
})

afterAll(async () => {
  await server.close()
  await core.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A raw request with chosen Host/Origin headers (fetch would not let us forge Host). */
function raw(path: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const postJson = (name: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body })

describe('HTTP server', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(base).toBe(`http://127.0.0.1:${port}/`)
  })

  it('serves the renderer with its security headers and falls back to index.html for client routes', async () => {
    for (const path of ['', 'kiosk', 'employees/E1']) {
      const res = await fetch(base + path)
      expect(res.status, path).toBe(200)
      expect(await res.text()).toContain('<title>Clockface</title>')
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    }
    const asset = await fetch(`${base}assets/app.js`)
    expect(asset.headers.get('content-type')).toContain('javascript')
    expect((await fetch(`${base}assets/missing.js`)).status).toBe(404)
  })

  it('sends the CSP with its required directives', () => {
    for (const directive of [
      "default-src 'self'",
      "img-src 'self' data: blob:",
      "media-src 'self' blob: mediastream:",
      "script-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'"
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive)
    }
  })

  it('answers an operation with a JSON Result and the protocol status', async () => {
    const ok = await postJson('getEngineStatus', '{}')
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await ok.json()).toEqual({ ok: true, value: { state: 'loading', progress: 0.25, backend: null, models: [], error: null } })
    const empty = await fetch(`${base}api/getSession`, { method: 'POST' })
    expect(await empty.json()).toEqual({ ok: true, value: { setupRequired: true, admin: null, kiosk: null, idleMinutes: 10, language: 'en' } })
    const noSession = await fetch(`${base}api/listEmployees`, { method: 'POST' })
    expect(noSession.status).toBe(401)
    expect(await noSession.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })

  it('answers MessagePack with MessagePack and accepts binary fields as bin', async () => {
    const res = await fetch(`${base}api/enrolFace`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/msgpack' },
      body: encode({ code: 'NOPE', image: { kind: 'encoded', data: new Uint8Array([1, 2, 3]) } })
    })
    // No admin session: refused before the request is even validated.
    expect(res.status).toBe(401)
    expect(res.headers.get('content-type')).toBe('application/msgpack')
    expect(decode(new Uint8Array(await res.arrayBuffer()))).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })

  it('turns malformed bodies, unknown operations and wrong methods into failed Results', async () => {
    const badJson = await postJson('listEmployees', '{not json')
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

    const badPack = await fetch(`${base}api/listEmployees`, { method: 'POST', headers: { 'Content-Type': 'application/msgpack' }, body: new Uint8Array([0xc1]) })
    expect(badPack.status).toBe(400)
    expect(decode(new Uint8Array(await badPack.arrayBuffer()))).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

    const unknown = await postJson('dropDatabase', '{}')
    expect(unknown.status).toBe(400)
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('unknown operation') } })

    const proto = await postJson('__proto__', '{}')
    expect(proto.status).toBe(400)

    const text = await fetch(`${base}api/listEmployees`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' })
    expect(text.status).toBe(415)
    expect(await text.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

    const get = await fetch(`${base}api/listEmployees`)
    expect(get.status).toBe(405)
    expect(await get.json()).toMatchObject({ ok: false })
  })

  it('describes its operations at GET /api', async () => {
    const res = await fetch(`${base}api`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { operations: { name: string; summary: string; errors: string[] }[]; errorCodes: string[] }
    expect(body.operations.map((o) => o.name)).toContain('verifyFace')
    expect(body.operations.find((o) => o.name === 'enrolFace')).toMatchObject({ errors: expect.arrayContaining(['no-face', 'multiple-faces']) })
    expect(body.errorCodes).toContain('duplicate-code')
  })

  it('refuses requests whose Host or Origin is not this loopback server (DNS rebinding, cross-site)', async () => {
    const body = '{}'
    const json = { 'Content-Type': 'application/json' }
    expect((await raw('/', { Host: `127.0.0.1:${port}` })).status).toBe(200)
    expect((await raw('/', { Host: `localhost:${port}` })).status).toBe(200)
    expect((await raw('/', { Host: `evil.example:${port}` })).status).toBe(403)
    expect((await raw('/', { Host: `127.0.0.1:${port + 1}` })).status).toBe(403)
    expect((await raw('/api/listEmployees', { ...json, Host: `attacker.test:${port}` }, 'POST', body)).status).toBe(403)
    expect((await raw('/api/listEmployees', { ...json, Host: `127.0.0.1:${port}`, Origin: 'https://evil.example' }, 'POST', body)).status).toBe(403)
    expect((await raw('/api/listEmployees', { ...json, Host: `127.0.0.1:${port}`, Origin: 'null' }, 'POST', body)).status).toBe(403)
    const same = await raw('/api/getEngineStatus', { ...json, Host: `127.0.0.1:${port}`, Origin: `http://127.0.0.1:${port}` }, 'POST', body)
    expect(same.status).toBe(200)
    expect(JSON.parse(same.body)).toMatchObject({ ok: true, value: { state: 'loading' } })
  })
})
