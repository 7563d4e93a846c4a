/**
 * A live stream's bookkeeping of the helper's late results (engine live-stream.ts) and the
 * merge of a detection made a few frames earlier into followed faces (merge-detection.ts),
 * on synthetic faces: descriptors reach their track one per frame and never a track whose face
 * changed since they were asked for; a detection re-anchors the faces it saw and ends the ones
 * it missed twice in a row.
 */
import { describe, expect, it } from 'vitest'
import type { LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import type { TrackedFace } from '../../src/main/engine/face-tracker'
import { createLiveStream, faceChanged, forgetEndedTracks, keepDescriptor, takeDescriptor } from '../../src/main/engine/live-stream'
import { MAX_MISSED_DETECTIONS, mergeDetection } from '../../src/main/engine/merge-detection'

const pixels = { width: 640, height: 480, channels: 4 as const, data: new Uint8Array(640 * 480 * 4) }
/** 68 points on a grid inside (x, y)–(x + 110, y + 125). */
const points = (x: number, y: number) => Array.from({ length: 68 }, (_, i) => ({ x: x + (i % 12) * 10, y: y + Math.floor(i / 12) * 25 }))
const faceAt = (x: number, y: number, score = 0.9): TrackedFace => ({ box: { x: x - 10, y: y - 20, width: 130, height: 160 }, score, landmarks: points(x, y) })
/** Merging with only matched faces never runs a network. */
const noApi = null as unknown as LoadedFaceApi

describe('live stream', () => {
  it('hands out a track’s descriptors oldest first, one per call', () => {
    const stream = createLiveStream('s')
    keepDescriptor(stream, 't1', 0, Float32Array.of(1))
    keepDescriptor(stream, 't1', 0, Float32Array.of(2))
    expect(takeDescriptor(stream, 't1')).toEqual(Float32Array.of(1))
    expect(takeDescriptor(stream, 't1')).toEqual(Float32Array.of(2))
    expect(takeDescriptor(stream, 't1')).toBeNull()
  })

  it('drops descriptors asked for before the face in the track’s place changed, or after the stream closed', () => {
    const stream = createLiveStream('s')
    keepDescriptor(stream, 't1', 0, Float32Array.of(1))
    faceChanged(stream, 't1')
    expect(takeDescriptor(stream, 't1')).toBeNull() // queued before the change
    keepDescriptor(stream, 't1', 0, Float32Array.of(2)) // still computing at the change, arriving after it
    expect(takeDescriptor(stream, 't1')).toBeNull()
    keepDescriptor(stream, 't1', 1, Float32Array.of(3))
    expect(takeDescriptor(stream, 't1')).toEqual(Float32Array.of(3))
    stream.open = false
    keepDescriptor(stream, 't1', 1, Float32Array.of(4))
    expect(takeDescriptor(stream, 't1')).toBeNull()
  })

  it('forgets what it kept for tracks that ended', () => {
    const stream = createLiveStream('s')
    keepDescriptor(stream, 't1', 0, Float32Array.of(1))
    keepDescriptor(stream, 't2', 0, Float32Array.of(2))
    faceChanged(stream, 't2')
    forgetEndedTracks(stream, ['t2'])
    expect(stream.descriptors.has('t1')).toBe(false)
    expect(stream.generations.get('t2')).toBe(1)
  })
})

describe('merging an earlier detection', () => {
  it('re-anchors the followed faces it saw, also one that moved past overlapping, and keeps one it missed for the first time', async () => {
    const still = faceAt(100, 100)
    const moved = faceAt(400, 100)
    const missed = faceAt(250, 300)
    // The detection saw `still` in place (its box wider), and `moved` 60 px to the left of where it is now.
    const detected = [{ ...faceAt(100, 100, 0.6), box: { x: 80, y: 80, width: 160, height: 170 } }, { ...faceAt(340, 100, 0.7), box: { x: 300, y: 80, width: 100, height: 160 } }]
    const merged = await mergeDetection(noApi, pixels, [still, moved, missed], detected)
    expect(merged.faces).toHaveLength(3)
    expect(merged.fromDetector).toEqual([true, true, false])
    const [a, b, c] = merged.faces
    expect(c).toEqual({ ...missed, misses: 1 })
    expect(a?.score).toBe(0.6)
    for (const [key, value] of Object.entries({ x: 80, y: 80, width: 160, height: 170 })) expect(a?.box[key as 'x']).toBeCloseTo(value)
    expect(a?.landmarks).toBe(still.landmarks)
    // The moved face keeps its current landmarks; the detector's box is placed around them.
    expect(b?.score).toBe(0.7)
    expect(b?.landmarks).toBe(moved.landmarks)
    // (Its boxes barely overlap, IoU < 0.1, but the detected face's centre lies in the followed box.)
    expect(b?.box.x).toBeCloseTo(360)
    expect(b?.box.width).toBeCloseTo(100)
  })

  it(`ends a followed face that ${MAX_MISSED_DETECTIONS} detections in a row did not see`, async () => {
    let faces = [faceAt(100, 100)]
    for (let i = 1; i < MAX_MISSED_DETECTIONS; i++) faces = (await mergeDetection(noApi, pixels, faces, [])).faces
    expect(faces).toHaveLength(1)
    expect((await mergeDetection(noApi, pixels, faces, [])).faces).toEqual([])
    // A detection that sees it again resets the count.
    const seen = (await mergeDetection(noApi, pixels, [{ ...faceAt(100, 100), misses: 1 }], [faceAt(100, 100)])).faces
    expect(seen[0]?.misses).toBe(0)
  })
})
