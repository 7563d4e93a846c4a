/**
 * The face engine on real photos, through the built worker (out/main/engine-worker.js).
 */
import { readFileSync } from 'node:fs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import type { DetectOptions, EngineFace, FaceEngine } from '../../src/main/engine/engine-types'
import { deepfaceUnit, hasDeepfaceUnit, hasLfw, lfwImage, masterPairs, missingDatasetsReason } from '../helpers/datasets'
import { ensureEngineBuilt, euclidean, modelsDir, rgbaFrame, rgbaPhoto, workerPath } from './engine-harness'

const photo: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true }
const encoded = (file: string): { kind: 'encoded'; data: Uint8Array } => ({
  kind: 'encoded',
  data: new Uint8Array(readFileSync(deepfaceUnit(file)))
})

/**
 * Box inside the image; 68 landmarks inside it too, give or take `margin` (fraction of the
 * face box): landmarks are estimates and run past the edge where the edge cuts the face.
 */
function expectInside(face: EngineFace, width: number, height: number, margin = 0): void {
  expect(face.landmarks).toHaveLength(68)
  const dx = face.box.width * margin
  const dy = face.box.height * margin
  for (const p of face.landmarks) {
    expect(p.x).toBeGreaterThanOrEqual(-dx)
    expect(p.x).toBeLessThanOrEqual(width + dx)
    expect(p.y).toBeGreaterThanOrEqual(-dy)
    expect(p.y).toBeLessThanOrEqual(height + dy)
  }
  expect(face.box.x).toBeGreaterThanOrEqual(0)
  expect(face.box.y).toBeGreaterThanOrEqual(0)
  expect(face.box.x + face.box.width).toBeLessThanOrEqual(width + 1e-6)
  expect(face.box.y + face.box.height).toBeLessThanOrEqual(height + 1e-6)
}

describe.skipIf(!hasDeepfaceUnit)(`face engine on real photos${hasDeepfaceUnit ? '' : ` (skipped: ${missingDatasetsReason})`}`, () => {
  let engine: FaceEngine

  beforeAll(async () => {
    ensureEngineBuilt()
    engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
    const seen: number[] = []
    engine.onStatus((s) => seen.push(s.progress))
    await engine.ready()
    expect(seen.at(-1)).toBe(1)
  })
  afterAll(() => engine?.close())

  it('reports ready with the wasm backend and its four models (not the 128-D recognition net, which only the benchmarks load)', () => {
    expect(engine.status()).toEqual({
      state: 'ready',
      progress: 1,
      backend: 'wasm',
      models: ['tiny_face_detector_model', 'ssd_mobilenetv1_model', 'face_landmark_68_model', 'mobilefacenet'],
      error: null
    })
  })

  it('finds the one face of img1.jpg with 68 landmarks inside the image and a 192-D unit-length descriptor', async () => {
    const result = await engine.detect(encoded('img1.jpg'), { ...photo, withThumbnails: true })
    expect([result.width, result.height]).toEqual([1382, 1868])
    expect(result.faces).toHaveLength(1)
    const face = result.faces[0] as EngineFace
    expect(face.score).toBeGreaterThan(0.9)
    expectInside(face, result.width, result.height)
    expect(face.descriptor).toHaveLength(192)
    expect(Math.hypot(...face.descriptor!)).toBeCloseTo(1, 5)
    expect(face.descriptor?.every(Number.isFinite)).toBe(true)
    expect(result.elapsedMs).toBeGreaterThan(0)

    const thumbnail = face.thumbnail as Uint8Array
    expect(thumbnail).toBeInstanceOf(Uint8Array)
    const meta = await sharp(thumbnail).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 150, 150])
  })

  it('finds both faces in couple.jpg and several in selfie-many-people.jpg', async () => {
    const couple = await engine.detect(encoded('couple.jpg'), photo)
    expect(couple.faces).toHaveLength(2)
    const d = couple.faces.map((f) => f.descriptor as number[])
    expect(euclidean(d[0] as number[], d[1] as number[])).toBeGreaterThan(0.6)

    const selfie = await engine.detect(encoded('selfie-many-people.jpg'), photo)
    expect(selfie.faces.length).toBeGreaterThanOrEqual(4)
    for (const face of selfie.faces) {
      // Faces cut by the photo's edge get landmarks estimated past it; their centre stays inside.
      expect(face.landmarks).toHaveLength(68)
      const cx = face.landmarks.reduce((sum, p) => sum + p.x, 0) / 68
      const cy = face.landmarks.reduce((sum, p) => sum + p.y, 0) / 68
      expect(cx).toBeGreaterThan(0)
      expect(cx).toBeLessThan(selfie.width)
      expect(cy).toBeGreaterThan(0)
      expect(cy).toBeLessThan(selfie.height)
    }
    const scores = selfie.faces.map((f) => f.score)
    expect(scores).toEqual([...scores].sort((a, b) => b - a))
  })

  it('rejects bytes that are not an image with unsupported-image, and a cut-off JPEG with unreadable-image', async () => {
    const csv = { kind: 'encoded' as const, data: new Uint8Array(readFileSync(deepfaceUnit('master.csv'))) }
    await expect(engine.detect(csv, photo)).rejects.toMatchObject({ name: 'ClockfaceError', code: 'unsupported-image' })
    const truncated = encoded('img1.jpg')
    await expect(engine.detect({ kind: 'encoded', data: truncated.data.subarray(0, 20_000) }, photo)).rejects.toMatchObject({
      code: 'unreadable-image'
    })
  })

  it('gives the same descriptor for a photo sent as raw RGBA pixels and as JPEG', async () => {
    const pixels = await rgbaPhoto(deepfaceUnit('img1.jpg'))
    const fromPixels = await engine.detect(pixels, photo)
    const fromJpeg = await engine.detect(encoded('img1.jpg'), photo)
    expect(fromPixels.faces).toHaveLength(1)
    const a = fromPixels.faces[0]?.descriptor as number[]
    const b = fromJpeg.faces[0]?.descriptor as number[]
    expect(euclidean(a, b)).toBeLessThan(0.05)
    // The pixel buffer was moved to the engine thread, not copied.
    expect(pixels.data.byteLength).toBe(0)
  })

  it('accepts RGB pixels as well as RGBA', async () => {
    const { data, info } = await sharp(deepfaceUnit('img1.jpg')).resize(480, 640).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    const result = await engine.detect(
      { kind: 'pixels', format: 'rgb', width: info.width, height: info.height, data: new Uint8Array(data) },
      { detector: 'tiny-face-detector', withDescriptors: true }
    )
    expect(result.faces).toHaveLength(1)
    expectInside(result.faces[0] as EngineFace, 480, 640)
  })

  it('puts a same-identity pair closer than a different-identity pair', async () => {
    const pairs = masterPairs()
    const same = pairs.find((p) => p.same)
    const different = pairs.find((p) => !p.same)
    if (!same || !different) throw new Error('master.csv has no Yes or no No pair')
    const descriptor = async (file: string): Promise<number[]> => {
      const result = await engine.detect(encoded(file), photo)
      const largest = [...result.faces].sort((x, y) => y.box.width * y.box.height - x.box.width * x.box.height)[0]
      return largest?.descriptor as number[]
    }
    const sameDistance = euclidean(await descriptor(same.a), await descriptor(same.b))
    const differentDistance = euclidean(await descriptor(different.a), await descriptor(different.b))
    expect(sameDistance).toBeLessThan(0.55)
    expect(differentDistance).toBeGreaterThan(0.55)
    expect(sameDistance).toBeLessThan(differentDistance)
  })

  it('honours EXIF orientation: a JPEG tagged "rotate 90°" is reported upright', async () => {
    const sideways = await sharp(deepfaceUnit('img1.jpg')).rotate(-90).withMetadata({ orientation: 6 }).jpeg().toBuffer()
    const result = await engine.detect({ kind: 'encoded', data: new Uint8Array(sideways) }, photo)
    expect([result.width, result.height]).toEqual([1382, 1868])
    expect(result.faces).toHaveLength(1)
    expectInside(result.faces[0] as EngineFace, result.width, result.height)
  })

  it('finds the face in a live-size frame with the tiny detector at 416 and 320 px', async () => {
    for (const inputSize of [416, 320]) {
      const frame = await rgbaFrame(deepfaceUnit('img1.jpg'), 640, 480)
      const result = await engine.detect(frame, { detector: 'tiny-face-detector', withDescriptors: false, inputSize })
      expect(result.faces).toHaveLength(1)
      expect(result.faces[0]?.descriptor).toBeUndefined()
      // The 4:3 crop of a portrait photo cuts the brow line, so allow landmarks just past the edge.
      expectInside(result.faces[0] as EngineFace, 640, 480, 0.2)
    }
  })

  it('rejects a tiny detector input size that is not a multiple of 32 with invalid-input', async () => {
    const frame = await rgbaFrame(deepfaceUnit('img1.jpg'), 64, 48)
    await expect(
      engine.detect(frame, { detector: 'tiny-face-detector', withDescriptors: false, inputSize: 300 })
    ).rejects.toMatchObject({ code: 'invalid-input' })
  })

  it.skipIf(!hasLfw)('finds the clear frontal faces SSD misses on both canvases, through the tiny detector fallback', async () => {
    // LFW View 1 test images in which SSD scored below its 0.5 minimum with and without padding.
    for (const [person, index] of [['John_Stallworth', 1], ['Thabo_Mbeki', 4], ['Gerald_Calabrese', 1]] as const) {
      const result = await engine.detect({ kind: 'encoded', data: new Uint8Array(readFileSync(lfwImage(person, index))) }, photo)
      expect(result.faces, person).toHaveLength(1)
      const face = result.faces[0] as EngineFace
      expectInside(face, 150, 150, 0.1)
      // The face is the centred one LFW labels: its box centre lies in the middle third.
      expect(face.box.x + face.box.width / 2).toBeGreaterThan(50)
      expect(face.box.x + face.box.width / 2).toBeLessThan(100)
      expect(face.descriptor).toHaveLength(192)
    }
  })

  it.skipIf(!hasLfw)('finds the face in front when SSD first returns only tiny background faces', async () => {
    // LFW photos in which SSD, on the image as sent, finds only background faces of 10–18 px.
    const descriptors: number[][] = []
    for (const [person, index] of [['Lech_Walesa', 2], ['David_Dewayne_Williams', 1], ['Makiya_Ali_Hassan', 1]] as const) {
      const result = await engine.detect({ kind: 'encoded', data: new Uint8Array(readFileSync(lfwImage(person, index))) }, photo)
      const front = result.faces.find((f) => f.box.x + f.box.width / 2 > 50 && f.box.x + f.box.width / 2 < 100)
      expect(front, person).toBeDefined()
      expect((front as EngineFace).box.width, person).toBeGreaterThan(40)
      descriptors.push((front as EngineFace).descriptor as number[])
    }
    // Now real faces of three different people: their tiny background faces had scored 0.79–0.98.
    const cosine = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0)
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) expect(cosine(descriptors[i] as number[], descriptors[j] as number[])).toBeLessThan(0.4)
    // And the face in front is Lech Wałęsa: it matches another photo of him.
    const other = await engine.detect({ kind: 'encoded', data: new Uint8Array(readFileSync(lfwImage('Lech_Walesa', 1))) }, photo)
    expect(cosine(descriptors[0] as number[], other.faces[0]?.descriptor as number[])).toBeGreaterThan(0.45)
  })

  it('finds no face, and leaks no tensor, in degenerate images', async () => {
    const before = await engine.memory()
    for (const [width, height] of [[1, 1], [2, 2], [1, 500], [33, 17]] as const) {
      for (const detector of ['ssd-mobilenetv1', 'tiny-face-detector'] as const) {
        const grey = { kind: 'pixels' as const, format: 'rgb' as const, width, height, data: new Uint8Array(width * height * 3).fill(100) }
        const result = await engine.detect(grey, { detector, withDescriptors: true, withThumbnails: true })
        expect(result.faces).toEqual([])
      }
    }
    expect(await engine.memory()).toEqual(before)
  })

  it('answers concurrent requests each with its own result', async () => {
    const files = ['couple.jpg', 'img1.jpg', 'couple.jpg', 'img1.jpg']
    const results = await Promise.all(files.map((f) => engine.detect(encoded(f), { ...photo, withDescriptors: false })))
    expect(results.map((r) => r.faces.length)).toEqual([2, 1, 2, 1])
    expect(results.map((r) => r.width)).toEqual([2280, 1382, 2280, 1382])
  })
})
