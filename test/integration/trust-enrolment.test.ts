/**
 * Who is who cannot be changed by a passer-by, on real photos (deepface-unit) with the real
 * engine, over the browser-mode HTTP transport: a stranger's face added to an existing
 * employee is refused (face-mismatch) unless an owner overrides, audited; a face that already
 * identifies as someone else is refused at enrolment (duplicate-face); a raw frame made from
 * an enrolled person's photo punches nobody without a registered kiosk session, and with one
 * the punch carries the registered kiosk's id, never one the request names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { AttendanceEvent, AuditEntry, FrameResult } from '../../src/shared/models'
import { createHttpServer, type HttpServer } from '../../src/main/transport/http-server'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { testBrowser, type TestBrowser } from '../helpers/http-client'
import { rgbaFrame } from './engine-harness'
import { photo, startTestCore, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`trust-enrolment: skipped, ${missingDatasetsReason}`)

const consent = { textVersion: CONSENT_TEXT_VERSION }

describe.skipIf(!hasDeepfaceUnit)('no face hijack, no punch without a kiosk', () => {
  let t: TestCore
  let server: HttpServer
  let owner: TestBrowser
  let url: string
  let person: string[] = []
  let other: string[] = []
  let stranger: string[] = []

  beforeAll(async () => {
    t = await startTestCore({ confirmFrames: 1 })
    server = await createHttpServer({ dispatch: t.core.dispatch, auth: t.core.auth })
    ;({ url } = await server.listen(0))
    ;[person = [], other = [], stranger = []] = identityClusters()
    owner = testBrowser(url)
    expect((await owner.post('setupOwner', { username: 'olivia', password: 'correct horse' })).result.ok).toBe(true)
    expect((await owner.post('createAccount', { username: 'manny', password: 'manager-pass', role: 'manager' })).result.ok).toBe(true)
    for (const [code, file] of [['P1', person[0]!], ['P2', other[0]!]] as const) {
      const created = await owner.post('createEmployee', { code, name: `Person ${code}`, photo: photo(file), consent })
      expect(created.result, code).toMatchObject({ ok: true, value: { employee: { code, templateCount: 1 } } })
    }
  }, 120_000)

  afterAll(async () => {
    await server?.close()
    await t?.stop()
  })

  it('refuses a stranger’s face added to an existing employee; only an owner can override, and it is audited', async () => {
    const manager = testBrowser(url)
    expect((await manager.post('login', { username: 'manny', password: 'manager-pass' })).result.ok).toBe(true)
    const refused = await manager.post('enrolFace', { code: 'P1', image: photo(stranger[0]!), consent })
    expect(refused.status).toBe(422)
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'face-mismatch', message: expect.stringContaining('does not match the faces enrolled for P1') } })
    expect((await manager.post('enrolFace', { code: 'P1', image: photo(stranger[0]!), consent, override: true })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await owner.post('getEmployee', { code: 'P1' })).result).toMatchObject({ ok: true, value: { templateCount: 1 } })

    // The same person's other photo is accepted.
    expect((await manager.post('enrolFace', { code: 'P1', image: photo(person[1]!), consent })).result).toMatchObject({ ok: true, value: { employeeCode: 'P1' } })

    const overridden = await owner.post('enrolFace', { code: 'P1', image: photo(stranger[0]!), consent, override: true })
    expect(overridden.result).toMatchObject({ ok: true, value: { employeeCode: 'P1' } })
    const log = await owner.post<AuditEntry[]>('listAuditLog', { limit: 10 })
    const entries = log.result.ok ? log.result.value : []
    expect(entries[0]).toMatchObject({ action: 'enrolFace', actor: 'olivia', outcome: 'ok', summary: expect.stringContaining('owner override') })
    expect(entries.find((e) => e.outcome === 'face-mismatch')).toMatchObject({ actor: 'manny', employeeCode: 'P1' })
    // Undo the override so the stranger does not stay enrolled as P1 for the next tests.
    const templates = await owner.post<{ id: string }[]>('listTemplates', { code: 'P1' })
    const last = templates.result.ok ? templates.result.value.at(-1)! : null
    expect((await owner.post('deleteTemplate', { id: last!.id })).result.ok).toBe(true)
  }, 120_000)

  it('refuses a face that already identifies as another employee, under a new code or an existing one', async () => {
    const asNew = await owner.post('createEmployee', { code: 'P3', name: 'Same Face New Code', photo: photo(person[2]!), consent })
    expect(asNew.status).toBe(409)
    expect(asNew.result).toMatchObject({ ok: false, error: { code: 'duplicate-face', details: { code: 'P1' } } })
    expect((await owner.post('getEmployee', { code: 'P3' })).result).toMatchObject({ ok: false, error: { code: 'not-found' } })
    // Not even an owner override lets one person hold two codes.
    const onto = await owner.post('enrolFace', { code: 'P2', image: photo(person[2]!), consent, override: true })
    expect(onto.result).toMatchObject({ ok: false, error: { code: 'duplicate-face', details: { code: 'P1' } } })
  }, 120_000)

  it('punches nobody from a frame posted without a registered kiosk, and only as the registered kiosk', async () => {
    const frame = await rgbaFrame(deepfaceUnit(person[3] ?? person[0]!), 640, 480)
    const attacker = testBrowser(url)
    const refused = await attacker.post('recogniseFrame', { frame, kioskId: 'front-desk' })
    expect([refused.status, refused.result]).toMatchObject([401, { ok: false, error: { code: 'unauthorized' } }])
    const before = await owner.post<AttendanceEvent[]>('listAttendance', {})
    expect(before.result).toEqual({ ok: true, value: [] })

    const kiosk = testBrowser(url)
    expect((await kiosk.post('login', { username: 'olivia', password: 'correct horse' })).result.ok).toBe(true)
    expect((await kiosk.post('registerKiosk', { kioskId: 'lobby' })).result.ok).toBe(true)
    await kiosk.post('logout')
    // A kioskId in the request is refused by the schema: the kiosk's identity comes from its session.
    expect((await kiosk.post('recogniseFrame', { frame, kioskId: 'front-desk' })).status).toBe(400)
    const seen = await kiosk.post<FrameResult>('recogniseFrame', { frame })
    expect(seen.result).toMatchObject({ ok: true, value: { faces: [{ match: { code: 'P1' }, confirmed: true, punch: { kioskId: 'lobby', type: 'check-in' } }] } })
    // The stranger's photos the fast kiosk detector finds a face in (it misses some small ones).
    const unknownFaces = []
    for (const file of stranger) {
      const unknown = await kiosk.post<FrameResult>('recogniseFrame', { frame: await rgbaFrame(deepfaceUnit(file), 640, 480) })
      if (unknown.result.ok) unknownFaces.push(...unknown.result.value.faces)
    }
    expect(unknownFaces.length).toBeGreaterThan(0)
    // Outside the admin, a non-match says nothing about how close it came.
    for (const face of unknownFaces) expect(face).toMatchObject({ match: null, nearestDistance: null, punch: null })
    // An admin (the local operator here) does get the nearest distance of the same kind of frame.
    const asAdmin = await t.call('identifyFaces', { image: photo(stranger[0]!) })
    expect(asAdmin.ok && asAdmin.value[0]!.nearestDistance).toBeGreaterThan(0)
    const after = await owner.post<AttendanceEvent[]>('listAttendance', {})
    expect(after.result.ok && after.result.value.map((e) => [e.employeeCode, e.kioskId])).toEqual([['P1', 'lobby']])
  }, 120_000)
})
