/**
 * The engine's live path with tracking (DetectOptions.track; run-live-frame.ts) on a real
 * talking-head clip at its own 25 frames/s: one track for the one face, landmarks within a few
 * percent of the face width of full-quality landmarks of the same frame (SSD and the 68-point
 * net on the whole frame), descriptors
 * only on the frames the tracker picks and close to the full path's, the track dropped when the
 * face is gone or another person takes its place, and no tensors left behind. The engine's
 * live helper thread is off here, so every descriptor comes with the frame it was asked for;
 * engine-live-helper.test.ts covers the helper.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import type { DetectOptions, EngineFace, FaceEngine } from '../../src/main/engine/engine-types'
import { DESCRIBE_FIRST_FRAMES, DETECT_EVERY_FRAMES } from '../../src/main/engine/face-tracker'
import type { Point } from '../../src/shared/models'
import { clipFrames as decodeClip, hasClips, pixelsOf as pixels } from '../helpers/clip-frames'
import { ensureEngineBuilt, euclidean, modelsDir, workerPath } from './engine-harness'

const FRAMES = 40
const clipFrames = (who: 'aoc' | 'khill' = 'aoc', count = FRAMES): Uint8Array[] => decodeClip(who, count)
const WIDTH = 640
const HEIGHT = 480

const jawWidth = (l: readonly Point[]): number => Math.hypot((l[0] as Point).x - (l[16] as Point).x, (l[0] as Point).y - (l[16] as Point).y)
const meanError = (a: readonly Point[], b: readonly Point[]): number => a.reduce((sum, p, i) => sum + Math.hypot(p.x - (b[i] as Point).x, p.y - (b[i] as Point).y), 0) / a.length / jawWidth(b)

describe.skipIf(!hasClips)('live tracking on a real clip', () => {
  let engine: FaceEngine
  let frames: Uint8Array[]
  const full: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true }
  const live: DetectOptions = { detector: 'tiny-face-detector', withDescriptors: true, track: { stream: 'test-kiosk' } }

  beforeAll(async () => {
    ensureEngineBuilt()
    frames = clipFrames()
    engine = createEngine({ workerPath, modelsDir, backend: 'wasm', liveHelper: false })
    await engine.ready()
  }, 120_000)
  afterAll(() => engine?.close())

  it('keeps one track, describes only picked frames, and stays within a few percent of full detection', async () => {
    expect(frames).toHaveLength(FRAMES)
    const before = await engine.memory()
    const tracked: EngineFace[] = []
    for (const frame of frames) {
      const detection = await engine.detect(pixels(frame), live)
      expect(detection.faces).toHaveLength(1)
      tracked.push(detection.faces[0] as EngineFace)
    }
    expect(new Set(tracked.map((f) => f.trackId)).size).toBe(1)
    const described = tracked.flatMap((f, i) => (f.descriptor ? [i] : []))
    // The first frames (for confirmation), then only refreshes: far fewer than every frame.
    expect(described.slice(0, DESCRIBE_FIRST_FRAMES)).toEqual([0, 1, 2])
    expect(described.length).toBeLessThan(FRAMES / 3)

    let compared = 0
    for (const [i, frame] of frames.entries()) {
      const reference = (await engine.detect(pixels(frame), full)).faces[0]
      if (!reference) continue
      compared++
      const face = tracked[i] as EngineFace
      expect(meanError(face.landmarks, reference.landmarks)).toBeLessThan(0.06)
      // Same alignment and network: a tracked descriptor is the same person's as the full path's, very close.
      if (face.descriptor && i % DETECT_EVERY_FRAMES !== 0) expect(euclidean(face.descriptor, reference.descriptor as number[])).toBeLessThan(0.35)
    }
    expect(compared).toBeGreaterThan(FRAMES * 0.9)
    const after = await engine.memory()
    expect(after.numTensors).toBe(before.numTensors)
  }, 600_000)

  it('drops the track when the face is gone, and starts a new one when it comes back', async () => {
    const first = (await engine.detect(pixels(frames[0] as Uint8Array), live)).faces[0]?.trackId
    const empty = new Uint8Array(WIDTH * HEIGHT * 4).fill(128)
    expect((await engine.detect(pixels(empty), live)).faces).toHaveLength(0)
    const back = (await engine.detect(pixels(frames[1] as Uint8Array), live)).faces[0]
    expect(back?.trackId).toBeDefined()
    expect(back?.trackId).not.toBe(first)
    expect(back?.descriptor).toHaveLength(192)
  }, 120_000)

  it('describes at once another person who takes the tracked face’s place from one frame to the next', async () => {
    // Both clips frame one head in the middle, so the other face overlaps the tracked box and
    // only its appearance tells the two apart.
    const other = clipFrames('khill', 1)[0] as Uint8Array
    let tracked: EngineFace | undefined
    let described: number[] | undefined
    for (const frame of frames.slice(0, DESCRIBE_FIRST_FRAMES + 2)) {
      tracked = (await engine.detect(pixels(frame), live)).faces[0]
      described = tracked?.descriptor ?? described
    }
    expect(tracked?.descriptor).toBeUndefined() // past its first frames: the track is not described every frame
    const swapped = (await engine.detect(pixels(other), live)).faces
    expect(swapped).toHaveLength(1)
    expect(swapped[0]?.descriptor).toHaveLength(192)
    expect(euclidean(swapped[0]?.descriptor as number[], described as number[])).toBeGreaterThan(1.05) // another person
    // And back: the first person is described again too.
    const back = (await engine.detect(pixels(frames[DESCRIBE_FIRST_FRAMES + 2] as Uint8Array), live)).faces[0]
    expect(back?.descriptor).toHaveLength(192)
  }, 120_000)
})
