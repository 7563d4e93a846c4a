/**
 * The enrolment quality gates on real photos and video frames: good deepface-unit photos
 * pass the file gates, and each gate refuses a real picture (or a real picture darkened,
 * brightened or blurred) with its reason. Landmarks were found once by the engine's photo
 * detector, SSD without the padded second look, which in img31.jpg finds only a face in the
 * background (test/helpers/face-quality-landmarks.json), so these tests need no engine.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { greyOfEncoded, type ScaledGrey } from '../../src/main/services/enrolment-quality'
import {
  assessFace,
  CAMERA_GATES,
  describeIssues,
  ENROLMENT_STEPS,
  exposureOf,
  FILE_GATES,
  greyFromPixels,
  laplacianVariance,
  measureFace,
  resampleRegion,
  type EnrolmentStepId,
  type QualityGates
} from '../../src/shared/face-quality'
import type { LandmarkPoint } from '../../src/shared/face-geometry/landmark-geometry'
import { datasetsDir, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'

if (!hasDeepfaceUnit) console.warn(`face-quality-gates: real-image cases skipped, ${missingDatasetsReason}`)

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'helpers', 'face-quality-landmarks.json'), 'utf8')) as Record<string, { faces: [number, number][][] }>

function facesOf(key: string): LandmarkPoint[][] {
  const entry = fixture[key]
  if (!entry) throw new Error(`no landmarks for ${key}`)
  return entry.faces.map((face) => face.map(([x, y]) => ({ x, y })))
}

async function greyOf(buffer: Buffer): Promise<ScaledGrey> {
  return greyOfEncoded(new Uint8Array(buffer))
}

/** Judges the picture `bytes` with the landmarks stored for `key` (scaled into the grey copy as main does). */
async function judge(key: string, gates: QualityGates, bytes?: Buffer) {
  const faces = facesOf(key)
  const { grey, scale } = await greyOf(bytes ?? readFileSync(join(datasetsDir, key)))
  const landmarks = faces[0]?.map((p) => ({ x: p.x / scale, y: p.y / scale }))
  return assessFace({ faceCount: faces.length, landmarks, grey, scale, gates })
}

const stepGates = (id: EnrolmentStepId): QualityGates => {
  const step = ENROLMENT_STEPS.find((s) => s.id === id)
  if (!step) throw new Error(id)
  return step.gates
}

describe('face-quality measures (pure)', () => {
  it('converts RGBA to BT.601 luminance and gives a flat image zero Laplacian variance', () => {
    const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255])
    expect(Array.from(greyFromPixels(rgba, 2, 2, 4).data)).toEqual([76, 150, 29, 255])
    const flat = { width: 8, height: 8, data: new Uint8Array(64).fill(120) }
    expect(laplacianVariance(flat)).toBe(0)
    expect(exposureOf(flat)).toEqual({ mean: 120, darkFraction: 0, brightFraction: 0 })
  })

  it('resamples a region by area averaging', () => {
    const image = { width: 4, height: 4, data: new Uint8Array([0, 0, 200, 200, 0, 0, 200, 200, 100, 100, 50, 50, 100, 100, 50, 50]) }
    expect(Array.from(resampleRegion(image, { x: 0, y: 0, width: 4, height: 4 }, 2).data)).toEqual([0, 200, 100, 50])
  })

  it('reports no face and several faces before measuring anything', () => {
    expect(assessFace({ faceCount: 0, gates: FILE_GATES })).toEqual({ passed: false, issues: ['no-face'], measures: null })
    expect(assessFace({ faceCount: 3, landmarks: facesOf('deepface-unit/img1.jpg')[0], gates: FILE_GATES }).issues).toEqual(['multiple-faces'])
  })
})

describe.skipIf(!hasDeepfaceUnit)('quality gates on deepface-unit and LFW photos', () => {
  it.each(['img1.jpg', 'img10.jpg', 'img17.jpg', 'img29.jpg', 'img27.jpg'])('good photo %s passes the file gates', async (file) => {
    const verdict = await judge(`deepface-unit/${file}`, FILE_GATES)
    expect(verdict.issues).toEqual([])
    expect(verdict.passed).toBe(true)
  })

  it('the renderer path (RGBA → grey) and the path in main (sharp) measure alike', async () => {
    const file = join(datasetsDir, 'deepface-unit', 'img10.jpg')
    const { data, info } = await sharp(file).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    const landmarks = facesOf('deepface-unit/img10.jpg')[0]!
    const fromRgba = measureFace(landmarks, greyFromPixels(data, info.width, info.height, 4))
    const fromMain = measureFace(landmarks, (await greyOf(readFileSync(file))).grey)
    expect(Math.abs(fromRgba.exposure!.mean - fromMain.exposure!.mean)).toBeLessThan(1)
    expect(Math.abs(fromRgba.sharpness! - fromMain.sharpness!) / fromMain.sharpness!).toBeLessThan(0.05)
  })

  it('a 49 px interocular distance passes for a file but is too small for a live capture', async () => {
    const verdict = await judge('deepface-unit/img27.jpg', CAMERA_GATES)
    expect(verdict.issues).toEqual(['too-small'])
    expect(verdict.measures!.interocularPx).toBeLessThan(CAMERA_GATES.minInterocularPx)
  })

  it('couple.jpg: only one person may be in view', async () => {
    expect((await judge('deepface-unit/couple.jpg', FILE_GATES)).issues).toEqual(['multiple-faces'])
  })

  it('a small out-of-focus face in the background (of img31.jpg) is too small and blurred', async () => {
    const verdict = await judge('deepface-unit/img31.jpg', FILE_GATES)
    expect(verdict.issues).toEqual(expect.arrayContaining(['too-small', 'blurred']))
  })

  it('img1.jpg darkened, brightened and blurred fails with the matching reason', async () => {
    const file = join(datasetsDir, 'deepface-unit', 'img1.jpg')
    const dark = await sharp(file).linear(0.3, 0).jpeg().toBuffer()
    const bright = await sharp(file).linear(1.8, 20).jpeg().toBuffer()
    const blurred = await sharp(file).blur(8).jpeg().toBuffer()
    expect((await judge('deepface-unit/img1.jpg', FILE_GATES, dark)).issues).toContain('too-dark')
    expect((await judge('deepface-unit/img1.jpg', FILE_GATES, bright)).issues).toEqual(['too-bright'])
    expect((await judge('deepface-unit/img1.jpg', FILE_GATES, blurred)).issues).toEqual(['blurred'])
  })

  it('LFW: screwed-shut eyes are closed, a squinting laugh is not; 150 px copies are too small', async () => {
    const shut = await judge('lfw/images/Princess_Maxima/Princess_Maxima_0001.jpg', FILE_GATES)
    expect(shut.issues).toEqual(expect.arrayContaining(['too-small', 'eyes-closed']))
    const laugh = await judge('lfw/images/Malcolm_Glazer/Malcolm_Glazer_0001.jpg', FILE_GATES)
    expect(laugh.issues).toEqual(['too-small'])
    expect(describeIssues(shut.issues)).toContain('the eyes are closed')
  })
})

const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0
const video = join(datasetsDir, 'video', 'talking-head-khill.mp4')

describe.skipIf(!hasFfmpeg || !hasDeepfaceUnit)('guided steps on talking-head video frames', () => {
  let dir = ''
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clockface-quality-'))
    // The frames as the end-to-end fake camera shows them: 5 frames/s, 480 × 480 in 640 × 480.
    execFileSync('ffmpeg', ['-v', 'error', '-i', video, '-vf', 'fps=5,scale=480:480,pad=640:480:80:0', '-frames:v', '40', join(dir, 'f%03d.png')])
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const frame = (name: string, gates: QualityGates) => judge(`video/talking-head-khill/${name}`, gates, readFileSync(join(dir, name)))

  it('a frontal frame passes the camera gates and the straight step, and is asked to turn for the left step', async () => {
    expect((await frame('f001.png', CAMERA_GATES)).passed).toBe(true)
    expect((await frame('f001.png', stepGates('straight'))).issues).toEqual([])
    expect((await frame('f001.png', stepGates('left'))).issues).toEqual(['turn-left-more'])
    expect((await frame('f001.png', stepGates('right'))).issues).toEqual(['turn-right-more'])
  })

  it('a head turned to his left passes the left step and is asked to look straight for the straight step', async () => {
    const left = await frame('f036.png', stepGates('left'))
    expect(left.issues).toEqual([])
    expect(left.measures!.pose.yaw).toBeGreaterThan(10)
    expect((await frame('f036.png', stepGates('straight'))).issues).toEqual(['look-straight'])
  })

  it('a head turned to his right passes the right step; a raised head passes the up step', async () => {
    expect((await frame('f009.png', stepGates('right'))).issues).toEqual([])
    expect((await frame('f007.png', stepGates('up'))).issues).toEqual([])
    expect((await frame('f001.png', stepGates('up'))).issues).toEqual(['look-up-more'])
  })
})
