/**
 * Main re-checks the enrolment quality gates on every photo, whatever the client checked:
 * through the services with the real engine, a dark, a blurred or a too-small photo is
 * refused with `invalid-input` naming the reason and nothing is stored; a live capture is
 * held to the stricter camera gates; good photos and video frames enrol.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { datasetsDir, deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`enrolment-quality: skipped, ${missingDatasetsReason}`)
const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0

describe.skipIf(!hasDeepfaceUnit || !hasFfmpeg)('enrolment quality gates in main', () => {
  let t: TestCore
  let dir = ''
  const consent = { textVersion: CONSENT_TEXT_VERSION }
  const encoded = (data: Buffer) => ({ kind: 'encoded' as const, data: new Uint8Array(data) })
  /** A picture (file path or encoded bytes) as the raw RGBA pixels a camera capture sends. */
  const pixels = async (input: string | Buffer) => {
    const { data, info } = await sharp(input).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return { kind: 'pixels' as const, format: 'rgba' as const, width: info.width, height: info.height, data: new Uint8Array(data) }
  }
  const counts = async () => ({ employees: await t.core.store.employees.count({}), templates: await t.core.store.templates.count({}) })

  beforeAll(async () => {
    t = await startTestCore()
    dir = mkdtempSync(join(tmpdir(), 'clockface-quality-it-'))
    // Three frames of the talking-head video as the fake camera shows them: straight, turned to his right, to his left.
    execFileSync('ffmpeg', ['-v', 'error', '-i', join(datasetsDir, 'video', 'talking-head-khill.mp4'), '-vf', 'fps=5,scale=480:480,pad=640:480:80:0', '-frames:v', '40', join(dir, 'f%03d.png')])
  })

  afterAll(async () => {
    await t?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('refuses a dark or blurred file photo for a new employee with the reason, storing nothing', async () => {
    const before = await counts()
    const dark = encoded(await sharp(deepfaceUnit('img1.jpg')).linear(0.3, 0).jpeg().toBuffer())
    const refused = await t.call('createEmployee', { code: 'Q1', name: 'Quality One', photo: dark, consent })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { quality: expect.arrayContaining(['too-dark']) } } })
    expect(refused.ok ? '' : refused.error.message).toMatch(/too dark/)
    // σ = 10 px on img1's 500 px face scores 86, well under the file gate's 150; σ = 8 sits at
    // the gate (148–151 depending on where the landmarks put the inner face).
    const blurred = encoded(await sharp(deepfaceUnit('img1.jpg')).blur(10).jpeg().toBuffer())
    const blurry = await t.call('createEmployee', { code: 'Q1', name: 'Quality One', photo: blurred, consent })
    expect(blurry).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { quality: ['blurred'] } } })
    expect(await counts()).toEqual(before)
    expect(await t.call('getEmployee', { code: 'Q1' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('keeps the other checks first: several faces are still multiple-faces', async () => {
    expect(await t.call('createEmployee', { code: 'Q2', name: 'Two', photo: photo('couple.jpg'), consent })).toMatchObject({
      ok: false,
      error: { code: 'multiple-faces' }
    })
  })

  it('holds a camera capture to the camera gates and a file to the looser file gates', async () => {
    // img27.jpg: a good photo whose eyes are 49 px apart: enough for a file, too small for a live capture.
    const small = await pixels(deepfaceUnit('img27.jpg'))
    const asCamera = await t.call('createEmployee', { code: 'Q3', name: 'Small Face', photo: small, source: 'camera', consent })
    expect(asCamera).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { quality: ['too-small'] } } })
    const asFile = value(await t.call('createEmployee', { code: 'Q3', name: 'Small Face', photo: photo('img27.jpg'), source: 'file', consent }))
    expect(asFile.template?.source).toBe('file')
  })

  it('enrols three guided camera captures of one person, and refuses a blurred fourth while keeping the employee', async () => {
    const frame = async (name: string) => pixels(join(dir, name))
    const created = value(await t.call('createEmployee', { code: 'Q4', name: 'Guided', department: 'Film', photo: await frame('f001.png'), source: 'camera', consent }))
    expect(created.template?.source).toBe('camera')
    value(await t.call('enrolFace', { code: 'Q4', image: await frame('f036.png'), source: 'camera', consent }))
    value(await t.call('enrolFace', { code: 'Q4', image: await frame('f009.png'), source: 'camera', consent }))
    const image = await pixels(await sharp(join(dir, 'f001.png')).blur(4).png().toBuffer())
    const refused = await t.call('enrolFace', { code: 'Q4', image, source: 'camera', consent })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { quality: ['blurred'] } } })
    expect(value(await t.call('listTemplates', { code: 'Q4' }))).toHaveLength(3)
    expect(value(await t.call('getEmployee', { code: 'Q4' }))).toMatchObject({ name: 'Guided', department: 'Film' })
  })
})
