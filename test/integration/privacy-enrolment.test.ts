/**
 * Biometric privacy on real photos (deepface-unit) through dispatch: consent at enrolment,
 * erasure of a deleted employee's face data from the data files themselves, the access-request
 * export, and what a kiosk learns about a face nobody matched.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { localOperator } from '../../src/main/app-core'
import { createCallContext } from '../../src/main/dispatch/call-context'
import type { TemplateDoc } from '../../src/main/store/store-types'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { rgbaFrame } from './engine-harness'
import { photo, startTestCore, value, type TestCore } from './services-fixture'
import { DEFAULT_THRESHOLD } from '../../src/main/services/service-config'

if (!hasDeepfaceUnit) console.warn(`privacy-enrolment: skipped, ${missingDatasetsReason}`)

const consent = { textVersion: CONSENT_TEXT_VERSION }

/** The non-empty lines of a data file as they are on disk. */
function rawLines(dataDir: string, file: string): string[] {
  return readFileSync(join(dataDir, file), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
}

describe.skipIf(!hasDeepfaceUnit)('biometric privacy with the real engine', () => {
  let t: TestCore
  let clock = new Date('2024-03-04T08:00:00.000Z')
  let person: string[] = []
  let other: string[] = []
  let third: string[] = []

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock })
    const clusters = identityClusters()
    ;[person, other, third] = [clusters[0]!, clusters[1]!, clusters[2]!]
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('refuses to enrol a face without consent or with another text version, and stores nothing', async () => {
    const refused = await t.call('createEmployee', { code: 'C1', name: 'No Consent', photo: photo(person[0]!) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    if (!refused.ok) expect(refused.error.message).toMatch(/consent/)
    const stale = await t.call('createEmployee', { code: 'C1', name: 'Old Text', photo: photo(person[0]!), consent: { textVersion: 'old' } })
    expect(stale).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await t.call('getEmployee', { code: 'C1' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await t.core.store.templates.count({})).toBe(0)

    // Without a photo there is nothing biometric, so no consent is needed (and none recorded).
    const plain = value(await t.call('createEmployee', { code: 'C0', name: 'No Photo' }))
    expect(plain.employee.consent).toBeUndefined()
    expect(await t.call('enrolFace', { code: 'C0', image: photo(person[0]!) })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await t.core.store.templates.count({})).toBe(0)
    value(await t.call('deleteEmployee', { code: 'C0' }))

    const log = value(await t.call('listAuditLog', {}))
    expect(log).toContainEqual(expect.objectContaining({ action: 'createEmployee', outcome: 'invalid-input', employeeCode: 'C1', summary: expect.stringMatching(/\(consent\)$/) }))
    expect(log).toContainEqual(expect.objectContaining({ action: 'enrolFace', outcome: 'invalid-input', employeeCode: 'C0' }))
  })

  it('records who confirmed consent, when and to which text, at creation and at each enrolment', async () => {
    const { employee } = value(await t.call('createEmployee', { code: 'E1', name: 'Erased Later', photo: photo(person[0]!), consent }))
    expect(employee.consent).toEqual({ recordedBy: localOperator().username, recordedAt: clock.toISOString(), textVersion: CONSENT_TEXT_VERSION })

    clock = new Date('2024-03-05T09:00:00.000Z')
    const manager = createCallContext({ channel: 'browser', admin: { kind: 'account', accountId: 'm1', username: 'mia', role: 'manager' } })
    value(await t.callAs(manager, 'enrolFace', { code: 'E1', image: photo(person[1]!), consent }))
    expect(value(await t.call('getEmployee', { code: 'E1' })).consent).toEqual({
      recordedBy: 'mia',
      recordedAt: clock.toISOString(),
      textVersion: CONSENT_TEXT_VERSION
    })
    const [newest] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(newest).toMatchObject({ action: 'enrolFace', actor: 'mia', summary: expect.stringContaining(`consent recorded: text version "${CONSENT_TEXT_VERSION}"`) })
  })

  it('erases a deleted employee’s descriptors and thumbnails from templates.db itself', async () => {
    value(await t.call('createEmployee', { code: 'K1', name: 'Kept', photo: photo(other[0]!), consent }))
    const e1 = value(await t.call('getEmployee', { code: 'E1' }))
    const docs: TemplateDoc[] = await t.core.repos.templates.fullOfEmployee(e1.id)
    expect(docs).toHaveLength(2)
    const secrets = docs.flatMap((d) => [d.thumbnail, ...d.descriptor.slice(0, 16).map((x) => JSON.stringify(x))])

    const before = rawLines(t.dataDir, 'templates.db')
    const beforeText = before.join('\n')
    const encrypted = before.every((line) => line.startsWith('cf1:'))
    if (!encrypted) {
      // NeDB's file is an append-only log: this is what a plain delete would leave behind.
      for (const secret of secrets) expect(beforeText).toContain(secret)
    }

    const deleted = value(await t.call('deleteEmployee', { code: 'E1' }))
    expect(deleted).toEqual({ deletedTemplates: 2, erasedFromFiles: true })

    const after = rawLines(t.dataDir, 'templates.db')
    const afterText = after.join('\n')
    for (const secret of secrets) expect(afterText).not.toContain(secret)
    expect(afterText).not.toContain(e1.id)
    // Compacted: one line per live template (K1's) plus index lines, no deletion markers.
    expect(after.length).toBeLessThan(before.length)
    expect(afterText).not.toContain('$$deleted')
    const remaining = await t.core.store.templates.find({})
    expect(remaining.map((d) => d.employeeId)).not.toContain(e1.id)
    expect(remaining).toHaveLength(1)

    const employeesText = rawLines(t.dataDir, 'employees.db').join('\n')
    expect(employeesText).not.toContain(e1.id)
    if (!encrypted) expect(employeesText).not.toContain('Erased Later')

    const [entry] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'deleteEmployee', employeeCode: 'E1', summary: expect.stringContaining('erased from the data files') })
    // The gallery forgot them too: their photo identifies nobody now.
    const faces = value(await t.call('identifyFaces', { image: photo(person[2]!) }))
    expect(faces[0]!.match).toBeNull()
  })

  it('exports everything stored about one person, images and descriptors included, and no hash', async () => {
    clock = new Date('2024-03-06T08:00:00.000Z')
    value(await t.call('createEmployee', { code: 'X1', name: 'Export Me', department: 'Sales', photo: photo(third[0]!), consent, pin: '4711' }))
    value(await t.call('updateEmployee', { code: 'X1', changes: { department: 'Support' } }))
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'k1' } })
    value(await t.callAs(kiosk, 'punchWithPin', { code: 'X1', pin: '4711' }))

    const data = value(await t.call('exportPersonData', { code: 'X1' }))
    expect(data).toMatchObject({ code: 'X1', exportedBy: localOperator().username, exportedAt: clock.toISOString() })
    expect(data.employee).toMatchObject({ code: 'X1', name: 'Export Me', department: 'Support', hasPin: true, templateCount: 1 })
    expect(data.consent).toMatchObject({ textVersion: CONSENT_TEXT_VERSION })
    expect(data.templates).toHaveLength(1)
    const [template] = data.templates
    expect(template!.descriptor).toHaveLength(192)
    expect(template!.descriptor.every((x) => typeof x === 'number' && Number.isFinite(x))).toBe(true)
    const jpeg = Buffer.from(template!.thumbnail.replace(/^data:image\/jpeg;base64,/, ''), 'base64')
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg')
    expect(data.attendance).toEqual([expect.objectContaining({ employeeCode: 'X1', type: 'check-in', source: 'pin', distance: null, kioskId: 'k1' })])
    expect(data.auditEntries.map((e) => e.action)).toEqual(['updateEmployee', 'createEmployee'])
    expect(template!.model).toBeTruthy()
    expect((await sharp(Buffer.from(template!.alignedFace!.replace(/^data:image\/jpeg;base64,/, ''), 'base64')).metadata()).width).toBe(224)
    // The PIN appears nowhere, leaving aside the base64 of the face images and the descriptor's
    // decimals (which may spell anything).
    const json = JSON.stringify(data)
      .replace(/data:image\/jpeg;base64,[A-Za-z0-9+/=]+/g, '')
      .replace(/-?\d+\.\d+(e-?\d+)?/g, '')
    expect(json).not.toMatch(/pinHash|scrypt\$|4711/)

    const [entry] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'exportPersonData', employeeCode: 'X1', outcome: 'ok' })
    expect(entry!.summary).toBe('exported the personal data of X1: 1 face template, 1 punch, 2 audit entries')
  })

  it('exports what is still stored under a deleted employee’s code, and refuses an unknown code', async () => {
    const data = value(await t.call('exportPersonData', { code: 'E1' }))
    expect(data.employee).toBeNull()
    expect(data.templates).toEqual([])
    expect(data.auditEntries.map((e) => e.action)).toContain('deleteEmployee')
    expect(await t.call('exportPersonData', { code: 'NOBODY' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('tells only admins how close a face nobody matched came; kiosks get null', async () => {
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'k1' } })
    // person's photos identify nobody since E1 was deleted; K1 and X1 are other people.
    const f = await rgbaFrame(deepfaceUnit(person[2]!), 640, 480)
    const frame = () => ({ ...f, data: new Uint8Array(f.data) })

    const asKiosk = value(await t.callAs(kiosk, 'recogniseFrame', { frame: frame() }))
    expect(asKiosk.faces).toHaveLength(1)
    expect(asKiosk.faces[0]).toMatchObject({ match: null, nearestDistance: null, punch: null })

    const asAdmin = value(await t.call('recogniseFrame', { frame: frame() }))
    expect(asAdmin.faces[0]!.match).toBeNull()
    expect(asAdmin.faces[0]!.nearestDistance).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD)

    // Thumbnails and photo identification are admin operations: a kiosk gets neither.
    expect(await t.callAs(kiosk, 'listTemplates', { code: 'X1' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await t.callAs(kiosk, 'identifyFaces', { image: photo(person[2]!) })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await t.callAs(kiosk, 'exportPersonData', { code: 'X1' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })
})
