/**
 * The face tracker's bookkeeping (engine face-tracker.ts) on synthetic boxes: a face continues
 * a track where it overlaps it; one that no longer looks like it is described at once.
 */
import { describe, expect, it } from 'vitest'
import { APPEARANCE_MIN_SIMILARITY, appearanceSimilarity } from '../../src/main/engine/face-appearance'
import { createFaceTracker, DESCRIBE_FIRST_FRAMES, type TrackedFace } from '../../src/main/engine/face-tracker'

const box = { x: 100, y: 100, width: 120, height: 150 }
const landmarks = Array.from({ length: 68 }, (_, i) => ({ x: 100 + (i % 12) * 10, y: 100 + Math.floor(i / 12) * 25 }))

/** A unit signature: `base` plus `noise` of a fixed pattern, mean removed, as face-appearance.ts makes them. */
function signature(seed: number): Float32Array {
  const v = new Float32Array(64)
  let x = seed
  for (let i = 0; i < v.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648
    v[i] = x / 2147483648 - 0.5
  }
  const mean = v.reduce((a, b) => a + b, 0) / v.length
  let norm = 0
  for (let i = 0; i < v.length; i++) norm += ((v[i] as number) - mean) ** 2
  return v.map((y) => (y - mean) / Math.sqrt(norm))
}

const face = (appearance?: Float32Array): TrackedFace => ({ box, score: 0.9, landmarks, ...(appearance ? { appearance } : {}) })

describe('face tracker', () => {
  it('keeps one track for one face, describing it on its first frames only', () => {
    const tracker = createFaceTracker('t')
    const a = signature(1)
    const ids = new Set<string>()
    const described: boolean[] = []
    for (let frame = 0; frame < DESCRIBE_FIRST_FRAMES + 3; frame++) {
      const [decision] = tracker.update([face(a)], frame === 0, false, frame * 40)
      ids.add(decision!.trackId)
      described.push(decision!.describe)
    }
    expect(ids.size).toBe(1)
    expect(described).toEqual([...Array(DESCRIBE_FIRST_FRAMES).fill(true), false, false, false])
  })

  it('describes at once a face that does not look like the tracked one in its place', () => {
    const a = signature(1)
    const b = signature(2)
    expect(appearanceSimilarity(a, b)).toBeLessThan(APPEARANCE_MIN_SIMILARITY)
    const tracker = createFaceTracker('t')
    let last = tracker.update([face(a)], true, false, 0)[0]!
    for (let frame = 1; frame <= DESCRIBE_FIRST_FRAMES + 1; frame++) last = tracker.update([face(a)], false, false, frame * 40)[0]!
    expect(last.describe).toBe(false)
    const swapped = tracker.update([face(b)], false, false, 400)[0]!
    expect(swapped.trackId).toBe(last.trackId)
    expect(swapped.describe).toBe(true)
    // The next frame of that face looks like the one before: no further descriptor.
    expect(tracker.update([face(b)], false, false, 440)[0]!.describe).toBe(false)
  })

  it('goes by position and schedule alone when a face carries no signature', () => {
    const tracker = createFaceTracker('t')
    let last = tracker.update([face(signature(1))], true, false, 0)[0]!
    for (let frame = 1; frame <= DESCRIBE_FIRST_FRAMES; frame++) last = tracker.update([face()], false, false, frame * 40)[0]!
    expect(last.describe).toBe(false)
    expect(last.trackId).toBe(tracker.update([face()], false, false, 400)[0]!.trackId)
  })
})
