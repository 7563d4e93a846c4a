/**
 * Browser mode end to end at the protocol level: the built out/main/server.js on a free port
 * with a temporary data folder, the real engine, JSON and MessagePack clients, clean shutdown.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode, encode } from '@msgpack/msgpack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../src/shared/errors'
import type { AuditEntry, FrameResult } from '../../src/shared/models'
import { LOCK_FILE } from '../../src/main/store/store-lock'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { projectRoot, rgbaFrame } from './engine-harness'
import { ensureBundle } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`transport-server: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('npm run serve (out/main/server.js)', () => {
  let data: string
  let child: ChildProcess
  let url = ''
  let output = ''
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
  })

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(data, { recursive: true, force: true })
  })

  async function json<T>(operation: string, request: unknown): Promise<Result<T>> {
    const res = await fetch(`${url}api/${operation}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) })
    return (await res.json()) as Result<T>
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
      photo: { kind: 'encoded', data: readFileSync(deepfaceUnit(cluster[0]!)).toString('base64') }
    })
    expect(enrolled).toMatchObject({ ok: true, value: { employee: { code: 'A1', templateCount: 1 } } })

    // Kiosk frames go through the fast detector, whose crops give slightly larger distances
    // than enrolment photos; this probe is one the services test also recognises.
    const frame = await rgbaFrame(deepfaceUnit(cluster[3]!), 640, 480)
    const recognise = async (): Promise<Result<FrameResult>> => {
      const res = await fetch(`${url}api/recogniseFrame`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/msgpack' },
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
  })

  it('serves the audit log: the enrolment above, stamped as coming from the browser, and no punch', async () => {
    const log = await json<AuditEntry[]>('listAuditLog', { limit: 10 })
    expect(log).toMatchObject({ ok: true, value: [{ action: 'createEmployee', channel: 'browser', employeeCode: 'A1', outcome: 'ok' }] })
    expect(log.ok && log.value).toHaveLength(1)
    const refused = await json('deleteEmployee', { code: 'NOPE' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const res = await fetch(`${url}api/listAuditLog`, { method: 'POST', headers: { 'Content-Type': 'application/msgpack' }, body: encode({ limit: 1 }) })
    expect(res.status).toBe(200)
    expect(decode(new Uint8Array(await res.arrayBuffer()))).toMatchObject({
      ok: true,
      value: [{ action: 'deleteEmployee', channel: 'browser', employeeCode: 'NOPE', outcome: 'not-found', summary: 'refused to delete employee NOPE: not-found' }]
    })
  })

  it('shuts down cleanly on SIGTERM, releasing the data folder', async () => {
    child.kill('SIGTERM')
    expect(await exited()).toBe(0)
    expect(existsSync(join(data, LOCK_FILE))).toBe(false)
    expect(readFileSync(join(data, 'employees.db'), 'utf8')).toContain('"code":"A1"')
    expect(readFileSync(join(data, 'audit.db'), 'utf8')).toContain('"channel":"browser"')
  })
})
