/**
 * Browser mode end to end at the protocol level: the built out/main/server.js on a free port
 * with a temporary data folder, the real engine, JSON and MessagePack clients, first-run set-up
 * with the printed code, a registered kiosk, clean shutdown with the data encrypted at rest.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, encode } from '@msgpack/msgpack'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { Result } from '../../src/shared/errors'
import type { AuditEntry, FrameResult } from '../../src/shared/models'
import { defaultKeyFile } from '../../src/main/store/key-provider'
import { openStore } from '../../src/main/store/open-store'
import { LOCK_FILE } from '../../src/main/store/store-lock'
import { testBrowser, type TestBrowser } from '../helpers/http-client'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { projectRoot, rgbaFrame } from './engine-harness'
import { ensureBundle } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`transport-server: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('npm run serve (out/main/server.js)', () => {
  let data: string
  let child: ChildProcess
  let url = ''
  let output = ''
  let admin: TestBrowser
  const exited = () => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))))

  beforeAll(async () => {
    const serverPath = ensureBundle('server')
    data = mkdtempSync(join(tmpdir(), 'clockface-serve-'))
    child = spawn(process.execPath, [serverPath, '--port', '0', '--data', data, '--kiosk-id', 'front-door', '--cooldown', '30'], {
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
    for (let i = 0; i < 600 && !url; i++) {
      url = /Clockface is running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1] ?? ''
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`)
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(url, output).not.toBe('')
    const setupCode = /the set-up code is (\d{8})/.exec(output)?.[1]
    expect(setupCode, output).toBeDefined()
    admin = testBrowser(url)
    expect((await admin.post('setupOwner', { username: 'olivia', password: 'correct horse', setupCode })).result.ok).toBe(true)
  })

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(data, { recursive: true, force: true })
    rmSync(defaultKeyFile(data), { force: true })
  })

  /** A JSON call as the signed-in owner. */
  async function json<T>(operation: string, request: unknown): Promise<Result<T>> {
    return (await admin.post<T>(operation, request)).result
  }

  it('serves the renderer at / when it is built', async () => {
    const res = await fetch(url)
    if (existsSync(join(projectRoot, 'out', 'renderer', 'index.html'))) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
    }
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('enrols over JSON (base64 photo) and recognises a raw frame over MessagePack', async () => {
    const cluster = identityClusters()[0]!
    const enrolled = await json('createEmployee', {
      code: 'A1',
      name: 'Alice',
      photo: { kind: 'encoded', data: readFileSync(deepfaceUnit(cluster[0]!)).toString('base64') },
      consent: { textVersion: CONSENT_TEXT_VERSION }
    })
    expect(enrolled).toMatchObject({ ok: true, value: { employee: { code: 'A1', templateCount: 1 } } })

    // Kiosk frames go through the fast detector, whose crops give slightly larger distances
    // than enrolment photos; this probe is one the services test also recognises.
    const frame = await rgbaFrame(deepfaceUnit(cluster[3]!), 640, 480)
    // This browser becomes the kiosk "front-door"; its punches carry that id.
    const kiosk = testBrowser(url)
    expect((await kiosk.post('login', { username: 'olivia', password: 'correct horse' })).result.ok).toBe(true)
    expect((await kiosk.post('registerKiosk', { kioskId: 'front-door' })).result.ok).toBe(true)
    await kiosk.post('logout')
    const recognise = async (): Promise<Result<FrameResult>> => {
      const res = await fetch(`${url}api/recogniseFrame`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/msgpack', cookie: [...kiosk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        body: encode({ frame })
      })
      expect(res.status).toBe(200)
      return decode(new Uint8Array(await res.arrayBuffer())) as Result<FrameResult>
    }
    // The first frame identifies; the second confirms it and punches.
    const first = await recognise()
    expect(first.ok && first.value.faces[0]).toMatchObject({ confirmed: false, punch: null })
    const result = await recognise()
    expect(result.ok).toBe(true)
    const face = result.ok ? result.value.faces[0] : undefined
    expect(face?.match?.code).toBe('A1')
    expect(face?.confirmed).toBe(true)
    expect(face?.punch).toMatchObject({ type: 'check-in', kioskId: 'front-door', repeated: false })

    // Browser mode sends its frames as JPEG: the same face, recognised alike.
    const post = async (frameInput: unknown): Promise<Result<FrameResult>> => {
      const res = await fetch(`${url}api/recogniseFrame`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/msgpack', cookie: [...kiosk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        body: encode({ frame: frameInput })
      })
      return decode(new Uint8Array(await res.arrayBuffer())) as Result<FrameResult>
    }
    const jpeg = await sharp(Buffer.from(frame.data), { raw: { width: frame.width, height: frame.height, channels: 4 } })
      .jpeg({ quality: 92 })
      .toBuffer()
    expect(jpeg.byteLength).toBeLessThan(frame.data.byteLength / 10)
    const fromJpeg = await post({ kind: 'encoded', data: new Uint8Array(jpeg) })
    expect(fromJpeg.ok && fromJpeg.value).toMatchObject({ width: 640, height: 480 })
    expect(fromJpeg.ok && fromJpeg.value.faces[0]?.match?.code).toBe('A1')
    // A frame that is not an image is refused with a reason, and nothing is punched.
    const broken = await post({ kind: 'encoded', data: new Uint8Array(jpeg.subarray(0, 200)) })
    expect(broken.ok ? null : broken.error.code).toBe('unreadable-image')
  })

  it('serves the audit log: who set up, enrolled and registered the kiosk, over the browser, and no punch', async () => {
    const log = await json<AuditEntry[]>('listAuditLog', { limit: 10 })
    expect(log.ok && log.value.map((e) => [e.action, e.actor, e.channel, e.outcome]).reverse()).toEqual([
      ['setupOwner', 'olivia', 'browser', 'ok'],
      ['createEmployee', 'olivia', 'browser', 'ok'],
      ['login', 'olivia', 'browser', 'ok'],
      ['registerKiosk', 'olivia', 'browser', 'ok'],
      ['logout', 'olivia', 'browser', 'ok']
    ])
    const refused = await json('deleteEmployee', { code: 'NOPE' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(`${url}api/listAuditLog`, { method: 'POST', headers: { 'Content-Type': 'application/msgpack', cookie }, body: encode({ limit: 1 }) })
    expect(res.status).toBe(200)
    expect(decode(new Uint8Array(await res.arrayBuffer()))).toMatchObject({
      ok: true,
      value: [{ action: 'deleteEmployee', channel: 'browser', actor: 'olivia', employeeCode: 'NOPE', outcome: 'not-found', summary: 'refused to delete employee NOPE: not-found' }]
    })
  })

  it('shuts down cleanly on SIGTERM, releasing the data folder', async () => {
    child.kill('SIGTERM')
    expect(await exited()).toBe(0)
    expect(existsSync(join(data, LOCK_FILE))).toBe(false)
    // Encrypted at rest: nothing readable in the file, everything there with the key.
    const raw = readFileSync(join(data, 'employees.db'), 'utf8')
    expect(raw).not.toContain('"code":"A1"')
    expect(raw).not.toContain('Alice')
    const store = await openStore(data, { key: { kind: 'file', path: defaultKeyFile(data) } })
    try {
      expect(await store.employees.findOne({ code: 'A1' })).toMatchObject({ name: 'Alice' })
      expect(await store.audit.count({ channel: 'browser' })).toBeGreaterThan(0)
    } finally {
      await store.close()
    }
  })
})
