/**
 * Enrolment, templates, deletion and the kiosk path through the services with the real engine
 * and real photos (deepface-unit).
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason, deepfaceUnit } from '../helpers/datasets'
import { rgbaFrame } from './engine-harness'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`services-enrolment: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('services with the real engine', () => {
  let t: TestCore
  let clock = new Date(2024, 0, 15, 8, 30)
  /** The largest identity cluster of master.csv: several photos of one person. */
  let person: string[] = []
  let other: string[] = []
  let grayJpeg: Uint8Array<ArrayBuffer>
  const consent = { textVersion: CONSENT_TEXT_VERSION }

  const counts = async () => ({ employees: await t.core.store.employees.count({}), templates: await t.core.store.templates.count({}) })

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock, cooldownMs: 60_000 })
    const clusters = identityClusters()
    person = clusters[0]!
    other = clusters[1]!
    expect(person.length).toBeGreaterThanOrEqual(4)
    grayJpeg = new Uint8Array(
      await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 128, g: 128, b: 128 } } }).jpeg().toBuffer()
    )
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('refuses photos with several faces, no face or no image, and stores nothing', async () => {
    value(await t.call('createEmployee', { code: 'EMPTY', name: 'No Face Yet' }))
    const before = await counts()
    const cases = [
      { image: photo('couple.jpg'), code: 'multiple-faces', details: { faces: 2 } },
      { image: { kind: 'encoded' as const, data: grayJpeg }, code: 'no-face' },
      // JPEG signature, then bytes no decoder can read.
      { image: { kind: 'encoded' as const, data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode('truncated, not a JPEG body')]) }, code: 'unreadable-image' },
      { image: { kind: 'encoded' as const, data: new TextEncoder().encode('%PDF-1.4 definitely not a photo') }, code: 'unsupported-image' }
    ]
    for (const c of cases) {
      const created = await t.call('createEmployee', { code: 'NEW1', name: 'New Person', photo: c.image, consent })
      expect(created, c.code).toMatchObject({ ok: false, error: { code: c.code, ...(c.details ? { details: c.details } : {}) } })
      const enrolled = await t.call('enrolFace', { code: 'EMPTY', image: c.image, consent })
      expect(enrolled, c.code).toMatchObject({ ok: false, error: { code: c.code } })
      expect(await counts(), c.code).toEqual(before)
    }
    expect(await t.call('getEmployee', { code: 'NEW1' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await t.call('verifyFace', { code: 'EMPTY', image: photo(person[0]!) })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    value(await t.call('deleteEmployee', { code: 'EMPTY' }))
  })

  it('creates an employee with a face, refuses the same code again, and adds templates', async () => {
    const { employee, template } = value(await t.call('createEmployee', { code: 'P1', name: 'Person One', department: 'Film', photo: photo(person[0]!), consent }))
    expect(employee).toMatchObject({ code: 'P1', templateCount: 1 })
    expect(template).toMatchObject({ employeeCode: 'P1', employeeId: employee.id, source: 'file' })
    // The thumbnail is a real JPEG of the face crop.
    const jpeg = Buffer.from(template!.thumbnail.replace(/^data:image\/jpeg;base64,/, ''), 'base64')
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg')

    const before = await counts()
    expect(await t.call('createEmployee', { code: 'P1', name: 'Impostor', photo: photo(other[0]!), consent })).toMatchObject({
      ok: false,
      error: { code: 'duplicate-code' }
    })
    expect(await counts()).toEqual(before)

    value(await t.call('enrolFace', { code: 'P1', image: photo(person[1]!), source: 'camera', consent }))
    const templates = value(await t.call('listTemplates', { code: 'P1' }))
    expect(templates.map((x) => x.source)).toEqual(['file', 'camera'])
    expect(value(await t.call('getEmployee', { code: 'P1' })).templateCount).toBe(2)

    value(await t.call('createEmployee', { code: 'P2', name: 'Person Two', photo: photo(other[0]!), consent }))
    const faces = value(await t.call('identifyFaces', { image: photo(person[2]!) }))
    expect(faces).toHaveLength(1)
    expect(faces[0]!.match).toMatchObject({ code: 'P1', name: 'Person One', department: 'Film', })
    expect(faces[0]!.landmarks).toHaveLength(68)

    const v = value(await t.call('verifyFace', { code: 'P2', image: photo(person[2]!) }))
    expect(v.verified).toBe(false)
  })

  it('finds both faces of a group photo', async () => {
    const faces = value(await t.call('detectFaces', { image: photo('couple.jpg') }))
    expect(faces).toHaveLength(2)
    for (const f of faces) expect(f.landmarks).toHaveLength(68)
  })

  it('punches a recognised face once two frames agree: check-in, repeat within the cooldown, then check-out', async () => {
    const frame = async () => {
      const f = await rgbaFrame(deepfaceUnit(person[3]!), 640, 480)
      return { ...f, data: new Uint8Array(f.data) }
    }
    /**
     * Two frames half a second apart from one kiosk; returns both results. Without a kiosk id
     * the local operator calls (the configured kiosk); with one, a registered kiosk of that id.
     */
    const twoFrames = async (at: Date, kioskId?: string) => {
      const recognise = async () =>
        value(
          kioskId
            ? await t.callAs(createCallContext({ channel: 'browser', kiosk: { kioskId } }), 'recogniseFrame', { frame: await frame() })
            : await t.call('recogniseFrame', { frame: await frame() })
        )
      clock = at
      const a = await recognise()
      clock = new Date(at.getTime() + 500)
      const b = await recognise()
      return [a, b] as const
    }

    const [first, second] = await twoFrames(new Date(2024, 0, 15, 8, 30))
    expect(first).toMatchObject({ width: 640, height: 480 })
    expect(first.faces).toHaveLength(1)
    // One frame identifies but does not name: no punch until a second frame agrees.
    expect(first.faces[0]!.match?.code).toBe('P1')
    expect(first.faces[0]).toMatchObject({ confirmed: false, punch: null })
    expect(second.faces[0]).toMatchObject({ confirmed: true })
    expect(second.faces[0]!.punch).toMatchObject({ type: 'check-in', repeated: false, employeeCode: 'P1', kioskId: 'test-kiosk' })

    const [, again] = await twoFrames(new Date(2024, 0, 15, 8, 30, 20), 'door-2')
    expect(again.faces[0]!.punch).toMatchObject({ type: 'check-in', repeated: true, id: second.faces[0]!.punch!.id })

    const [, out] = await twoFrames(new Date(2024, 0, 15, 17, 5), 'door-2')
    expect(out.faces[0]!.punch).toMatchObject({ type: 'check-out', repeated: false, kioskId: 'door-2' })

    const today = value(await t.call('listAttendance', {}))
    expect(today.map((e) => [e.employeeCode, e.type])).toEqual([
      ['P1', 'check-out'],
      ['P1', 'check-in']
    ])
  })

  it('keeps the gallery on disk across a restart', async () => {
    await t.restart()
    const faces = value(await t.call('identifyFaces', { image: photo(person[2]!) }))
    expect(faces[0]!.match?.code).toBe('P1')
  })

  it('deletes templates and employees from disk and gallery, keeping attendance', async () => {
    const [firstTemplate] = value(await t.call('listTemplates', { code: 'P1' }))
    expect(value(await t.call('deleteTemplate', { id: firstTemplate!.id }))).toEqual({ deleted: true })
    expect(await t.call('deleteTemplate', { id: firstTemplate!.id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(value(await t.call('getEmployee', { code: 'P1' })).templateCount).toBe(1)

    const p1 = value(await t.call('getEmployee', { code: 'P1' }))
    expect(value(await t.call('deleteEmployee', { code: 'P1' }))).toEqual({ deletedTemplates: 1, erasedFromFiles: true })
    expect(await t.core.store.templates.count({ employeeId: p1.id })).toBe(0)
    const faces = value(await t.call('identifyFaces', { image: photo(person[2]!) }))
    expect(faces[0]!.match?.code).not.toBe('P1')
    expect(value(await t.call('listAttendance', { code: 'P1' }))).toHaveLength(2)
  })
})
