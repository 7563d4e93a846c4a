/**
 * The engine's live helper thread (live-helper.ts) on real talking-head clips fed at 25
 * frames/s of real time, as a kiosk's camera would: the helper's periodic detection brings a
 * second person who steps in into the tracks without disturbing the first one's track, its
 * descriptors reach the right track (never the other person's), a change of person in a
 * track's place never gets the person before's descriptor, and no tensors are left behind in
 * either thread.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import type { DetectOptions, EngineFace, FaceEngine } from '../../src/main/engine/engine-types'
import { blankRightOf, clipFrames, hasClips, pixelsOf, twoPeopleFrames } from '../helpers/clip-frames'
import { ensureEngineBuilt, euclidean, modelsDir, workerPath } from './engine-harness'

/** Camera frame interval, ms (the clips' 25 frames/s). */
const FRAME_MS = 40
/** The shipped 1:1 threshold (Euclidean distance of unit descriptors): above it, two descriptors are of different people. */
const DIFFERENT_PEOPLE = 1.05

/** Sends `frames` one after another, each no sooner than FRAME_MS after the previous was sent, as a kiosk that never stacks requests does. */
async function feed(engine: FaceEngine, frames: readonly Uint8Array[], options: DetectOptions): Promise<EngineFace[][]> {
  const results: EngineFace[][] = []
  for (const frame of frames) {
    const sent = performance.now()
    results.push((await engine.detect(pixelsOf(frame), options)).faces)
    const left = FRAME_MS - (performance.now() - sent)
    if (left > 0) await sleep(left)
  }
  return results
}

/** The delivered descriptors of track `trackId` across `results`. */
const descriptorsOf = (results: readonly EngineFace[][], trackId: string | undefined): number[][] => results.flat().flatMap((f) => (f.trackId === trackId && f.descriptor ? [f.descriptor] : []))

describe.skipIf(!hasClips)('live tracking with the helper thread', () => {
  let engine: FaceEngine
  const live: DetectOptions = { detector: 'tiny-face-detector', withDescriptors: true, track: { stream: 'helper-kiosk' } }

  beforeAll(async () => {
    ensureEngineBuilt()
    engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
    await engine.ready()
  }, 120_000)
  afterAll(() => engine?.close())

  it('adds a person who steps in beside a tracked one, and describes each on its own track', async () => {
    const both = twoPeopleFrames(100)
    expect(both).toHaveLength(100)
    const alone = both.slice(0, 60).map((frame) => blankRightOf(frame, 320))
    const engineOnly = (await engine.memory()).numTensors
    // 2.4 s of the left person alone: long enough for the helper to load and take over.
    const first = await feed(engine, alone, live)
    expect(first.every((faces) => faces.length === 1)).toBe(true)
    const left = first.at(-1)?.[0]?.trackId
    expect(new Set(first.flat().map((f) => f.trackId)).size).toBe(1)
    // The helper answered: its own tensors (its models) now count in the engine's memory.
    const withHelper = (await engine.memory()).numTensors
    expect(withHelper).toBeGreaterThan(engineOnly)

    const second = await feed(engine, both.slice(60), live)
    const joined = second.findIndex((faces) => faces.length === 2)
    // Within two detection periods and the helper's own time for one detection.
    expect(joined).toBeGreaterThanOrEqual(0)
    expect(joined).toBeLessThan(30)
    const after = second.slice(joined)
    expect(after.every((faces) => faces.length === 2 && faces.some((f) => f.trackId === left))).toBe(true)
    const right = after[0]?.find((f) => f.trackId !== left)?.trackId
    expect(new Set(after.flat().map((f) => f.trackId))).toEqual(new Set([left, right]))

    const leftDescriptors = descriptorsOf([...first, ...second], left)
    const rightDescriptors = descriptorsOf(second, right)
    expect(leftDescriptors.length).toBeGreaterThanOrEqual(3)
    expect(rightDescriptors.length).toBeGreaterThanOrEqual(2)
    for (const r of rightDescriptors) for (const l of leftDescriptors) expect(euclidean(r, l)).toBeGreaterThan(DIFFERENT_PEOPLE)
    for (const r of rightDescriptors.slice(1)) expect(euclidean(r, rightDescriptors[0] as number[])).toBeLessThan(0.8)

    // Nothing left behind in either thread once the same frames are seen again.
    await feed(engine, both.slice(60, 80), live)
    const steady = (await engine.memory()).numTensors
    await feed(engine, both.slice(60, 80), live)
    expect((await engine.memory()).numTensors).toBe(steady)
  }, 300_000)

  it('never gives a track the person before’s descriptor after another person takes its place', async () => {
    const a = clipFrames('aoc', 60)
    const b = clipFrames('khill', 40)
    const options: DetectOptions = { ...live, track: { stream: 'swap-kiosk' } }
    const before = await feed(engine, a, options)
    const track = before.at(-1)?.[0]?.trackId
    const aDescriptors = descriptorsOf(before, track)
    expect(aDescriptors.length).toBeGreaterThanOrEqual(3)
    const after = await feed(engine, b, options)
    // The other person is described in the very frame they appear, on whichever track they get.
    expect(after[0]?.[0]?.descriptor).toHaveLength(192)
    const bDescriptors = after.flat().flatMap((f) => (f.descriptor ? [f.descriptor] : []))
    expect(bDescriptors.length).toBeGreaterThanOrEqual(2)
    for (const d of bDescriptors) for (const x of aDescriptors) expect(euclidean(d, x)).toBeGreaterThan(DIFFERENT_PEOPLE)
  }, 300_000)
})
