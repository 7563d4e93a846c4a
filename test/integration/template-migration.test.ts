/**
 * Templates made by an earlier recognition model are recomputed at start from the face they
 * keep (the aligned face, or for the oldest templates the list thumbnail), join the gallery,
 * and identify their owner again; a template whose stored face shows no face is counted as
 * failed and stays out of the gallery. Real engine, real store, deepface-unit photos.
 */
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import { hasDeepfaceUnit } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

const consent = { textVersion: CONSENT_TEXT_VERSION }

describe.skipIf(!hasDeepfaceUnit)('template migration to the current recognition model', () => {
  let t: TestCore

  beforeAll(async () => {
    t = await startTestCore()
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('recomputes legacy templates at start from their stored face, with progress, and identifies their owners again', async () => {
    value(await t.call('createEmployee', { code: 'A1', name: 'Angelina', photo: photo('img1.jpg'), consent }))
    value(await t.call('createEmployee', { code: 'B1', name: 'Other', photo: photo('img17.jpg'), consent }))
    value(await t.call('createEmployee', { code: 'C1', name: 'Blank', photo: photo('img8.jpg'), consent }))
    const [a, b, c] = await Promise.all(['A1', 'B1', 'C1'].map(async (code) => (await t.core.repos.employees.byCode(code))!))
    const [ta] = await t.core.repos.templates.fullOfEmployee(a!._id)
    const [tb] = await t.core.repos.templates.fullOfEmployee(b!._id)
    const [tc] = await t.core.repos.templates.fullOfEmployee(c!._id)
    expect(ta).toMatchObject({ model: RECOGNITION_MODEL_ID })
    expect(ta!.descriptor).toHaveLength(192)
    // The stored aligned face is a 224 px JPEG.
    const aligned = await sharp(Buffer.from(ta!.alignedFace!, 'base64')).metadata()
    expect([aligned.format, aligned.width, aligned.height]).toEqual(['jpeg', 224, 224])

    // Make them look like templates of the first model: a 128-D descriptor and no model id;
    // B1 loses its aligned face too (only the list thumbnail is left), C1's thumbnail shows no face.
    const legacy = { descriptor: Array.from({ length: 128 }, () => 0.01) }
    const grey = (await sharp({ create: { width: 150, height: 150, channels: 3, background: { r: 120, g: 120, b: 120 } } }).jpeg().toBuffer()).toString('base64')
    await t.core.store.templates.update({ _id: ta!._id }, { $set: legacy, $unset: { model: true } }, {})
    await t.core.store.templates.update({ _id: tb!._id }, { $set: legacy, $unset: { model: true, alignedFace: true } }, {})
    await t.core.store.templates.update({ _id: tc!._id }, { $set: { ...legacy, thumbnail: grey }, $unset: { model: true, alignedFace: true } }, {})

    await t.restart()
    let report = value(await t.call('getRecognitionReport', {}))
    for (let i = 0; i < 200 && (report.migration.state === 'running' || report.migration.state === 'idle'); i++) {
      await new Promise((r) => setTimeout(r, 100))
      report = value(await t.call('getRecognitionReport', {}))
    }
    expect(report.migration).toMatchObject({ state: 'done', total: 3, done: 2, failed: 1 })
    expect(report.galleryPersons).toBe(2)

    const [ma] = await t.core.repos.templates.fullOfEmployee(a!._id)
    const [mb] = await t.core.repos.templates.fullOfEmployee(b!._id)
    const [mc] = await t.core.repos.templates.fullOfEmployee(c!._id)
    expect(ma).toMatchObject({ model: RECOGNITION_MODEL_ID })
    expect(mb).toMatchObject({ model: RECOGNITION_MODEL_ID })
    expect(mb!.alignedFace).toBeTruthy()
    expect(ma!.descriptor).toHaveLength(192)
    expect(mc!.model).toBeUndefined()
    // Recomputed from the stored aligned face, the descriptor is close to the one enrolment made.
    const distance = Math.hypot(...ma!.descriptor.map((v, i) => v - ta!.descriptor[i]!))
    console.log(`descriptor recomputed from the stored aligned face: Euclidean distance ${distance.toFixed(3)} from the enrolment's`)
    expect(distance).toBeLessThan(0.5)

    // Another photo of the same person is identified as A1 through the migrated template.
    const [face] = value(await t.call('identifyFaces', { image: photo('img2.jpg') }))
    expect(face!.match?.code).toBe('A1')
  })
})
