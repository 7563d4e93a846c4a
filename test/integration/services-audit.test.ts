/**
 * The audit log with the real engine and real photos (deepface-unit), through startClockface
 * as the app runs it: enrolment successes and refusals leave one entry each and nothing else,
 * recognition and reads leave none, and the log survives a restart.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { AuditEntry } from '../../src/shared/models'
import { STORE_FILES } from '../../src/main/store/open-store'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { rgbaFrame } from './engine-harness'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`services-audit: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('audit log with the real engine', () => {
  let t: TestCore
  let clock = new Date('2024-03-04T09:00:00.000Z')
  let person: string[] = []
  let other: string[] = []
  const consent = { textVersion: CONSENT_TEXT_VERSION }

  const counts = async () => ({
    employees: await t.core.store.employees.count({}),
    templates: await t.core.store.templates.count({}),
    attendance: await t.core.store.attendance.count({}),
    audit: await t.core.store.audit.count({})
  })
  /** The newest audit entry. */
  const newest = async (): Promise<AuditEntry> => value(await t.call('listAuditLog', { limit: 1 }))[0]!

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock })
    const clusters = identityClusters()
    person = clusters[0]!
    other = clusters[1]!
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('records a successful createEmployee with a photo, enrolFace and deleteTemplate, each once', async () => {
    const { employee, template } = value(await t.call('createEmployee', { code: 'E001', name: 'Ada Lovelace', photo: photo(person[0]!), consent }))
    expect(await newest()).toMatchObject({
      action: 'createEmployee',
      channel: 'cli',
      employeeCode: 'E001',
      templateId: template!.id,
      outcome: 'ok',
      summary: `added employee E001 "Ada Lovelace" with a face template (consent recorded: text version "${CONSENT_TEXT_VERSION}")`,
      time: '2024-03-04T09:00:00.000Z'
    })

    clock = new Date('2024-03-04T09:01:00.000Z')
    const extra = value(await t.call('enrolFace', { code: 'E001', image: photo(person[1]!), source: 'camera', consent }))
    expect(await newest()).toMatchObject({
      action: 'enrolFace',
      employeeCode: 'E001',
      templateId: extra.id,
      outcome: 'ok',
      summary: `enrolled a face template for E001 (source: camera) (consent recorded: text version "${CONSENT_TEXT_VERSION}")`
    })

    value(await t.call('deleteTemplate', { id: extra.id }))
    expect(await newest()).toMatchObject({ action: 'deleteTemplate', employeeCode: 'E001', templateId: extra.id, outcome: 'ok' })
    expect(value(await t.call('listAuditLog', {})).map((e) => e.action)).toEqual(['deleteTemplate', 'enrolFace', 'createEmployee'])
    expect(employee.templateCount).toBe(1)
  })

  it('records refused enrolments (couple.jpg: multiple-faces) and a duplicate code, storing nothing else', async () => {
    const before = await counts()
    expect(await t.call('createEmployee', { code: 'E002', name: 'Two People', photo: photo('couple.jpg'), consent })).toMatchObject({
      ok: false,
      error: { code: 'multiple-faces' }
    })
    expect(await newest()).toMatchObject({
      action: 'createEmployee',
      employeeCode: 'E002',
      outcome: 'multiple-faces',
      summary: 'refused to add employee E002 "Two People": multiple-faces'
    })
    expect(await t.call('enrolFace', { code: 'E001', image: photo('couple.jpg'), consent })).toMatchObject({ ok: false, error: { code: 'multiple-faces' } })
    expect(await newest()).toMatchObject({ action: 'enrolFace', employeeCode: 'E001', outcome: 'multiple-faces', summary: 'refused enrolment for E001: multiple-faces' })
    expect(await t.call('createEmployee', { code: 'E001', name: 'Impostor', photo: photo(other[0]!), consent })).toMatchObject({
      ok: false,
      error: { code: 'duplicate-code' }
    })
    expect(await newest()).toMatchObject({ action: 'createEmployee', employeeCode: 'E001', outcome: 'duplicate-code' })
    expect(await counts()).toEqual({ ...before, audit: before.audit + 3 })
  })

  it('leaves no entry for recognition, punches and reads', async () => {
    const before = await counts()
    const frame = await rgbaFrame(deepfaceUnit(person[3]!), 640, 480)
    for (let i = 0; i < 2; i++) {
      clock = new Date(clock.getTime() + 500)
      value(await t.call('recogniseFrame', { frame: { ...frame, data: new Uint8Array(frame.data) } }))
    }
    value(await t.call('identifyFaces', { image: photo(person[2]!) }))
    value(await t.call('verifyFace', { code: 'E001', image: photo(person[2]!) }))
    value(await t.call('detectFaces', { image: photo('couple.jpg') }))
    value(await t.call('listAttendance', {}))
    value(await t.call('listEmployees', {}))
    value(await t.call('listTemplates', { code: 'E001' }))
    const after = await counts()
    expect(after.audit).toBe(before.audit)
    // The kiosk did punch: punches belong in the attendance log, not in the audit log.
    expect(after.attendance).toBe(before.attendance + 1)
  })

  it('keeps the audit log across a restart and goes on appending after it', async () => {
    const before = value(await t.call('listAuditLog', {}))
    await t.restart()
    expect(value(await t.call('listAuditLog', {}))).toEqual(before)
    value(await t.call('deleteEmployee', { code: 'E001' }))
    const after = value(await t.call('listAuditLog', {}))
    expect(after).toHaveLength(before.length + 1)
    expect(after[0]).toMatchObject({ action: 'deleteEmployee', employeeCode: 'E001', summary: 'deleted employee E001 "Ada Lovelace" and 1 face template; their face data was erased from the data files' })
    expect(after[0]!.time > before[0]!.time).toBe(true)
  })

  it('writes no descriptor, thumbnail or image into audit.db', async () => {
    await t.restart() // compacts the file: one line per entry
    const text = readFileSync(join(t.dataDir, STORE_FILES.audit), 'utf8')
    expect(text).not.toMatch(/descriptor|thumbnail|data:image|"photo"|"image"/)
    expect(text.length).toBeLessThan(10_000)
  })
})
