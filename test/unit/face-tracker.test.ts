/**
 * The face tracker's bookkeeping (engine face-tracker.ts) on synthetic boxes: a face continues
 * a track where it overlaps it; one that no longer looks like it is described at once; between
 * detections a face is followed by its landmarks until it no longer looks like its track.
 */
import { describe, expect, it } from 'vitest'
import { APPEARANCE_MIN_SIMILARITY, appearanceSimilarity } from '../../src/main/engine/face-appearance'
import { createFaceTracker, DESCRIBE_FIRST_FRAMES, DETECT_EVERY_FRAMES, FOLLOW_MAX_SCALE_CHANGE, type TrackedFace } from '../../src/main/engine/face-tracker'

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
    expect(last.changed).toBe(false)
    const swapped = tracker.update([face(b)], false, false, 400)[0]!
    expect(swapped.trackId).toBe(last.trackId)
    expect(swapped.describe).toBe(true)
    expect(swapped.changed).toBe(true)
    expect(swapped.described).toBe(DESCRIBE_FIRST_FRAMES + 1)
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

describe('following landmarks between detections', () => {
  const shifted = (dx: number, k = 1) => landmarks.map((p) => ({ x: 100 + (p.x - 100) * k + dx, y: 100 + (p.y - 100) * k }))

  it('looks for each tracked face in a square around its last landmarks', () => {
    const tracker = createFaceTracker('t')
    tracker.update([face(signature(1))], true, false, 0)
    const [square] = tracker.squares()
    // The landmarks span 110 × 125 px centred on (155, 162.5): a 1.5 × 125 px square, lifted by 5% of its side.
    expect(square!.side).toBeCloseTo(187.5)
    expect(square!.x + square!.side / 2).toBeCloseTo(155)
    expect(square!.y + square!.side / 2).toBeCloseTo(162.5 - 0.05 * 187.5)
  })

  it('follows a face that moved, with the box placed as the detector placed it around the landmarks', () => {
    const tracker = createFaceTracker('t')
    const a = signature(1)
    tracker.update([face(a)], true, false, 0)
    const followed = tracker.follow([shifted(12)], [a])
    expect(followed).not.toBeNull()
    const placed = followed![0]!.box
    expect([placed.x, placed.y, placed.width, placed.height].map((v) => Math.round(v * 1000) / 1000)).toEqual([box.x + 12, box.y, box.width, box.height])
    expect(followed![0]!.score).toBe(0.9)
    // Followed faces continue the track, without a new descriptor past the first frames.
    const ids = new Set([tracker.update(followed!, false, false, 40)[0]!.trackId])
    expect(ids.size).toBe(1)
  })

  it('gives up (the frame needs the detector) when the face no longer looks like its track, jumps in size or collapses', () => {
    const tracker = createFaceTracker('t')
    const a = signature(1)
    tracker.update([face(a)], true, false, 0)
    expect(tracker.follow([shifted(0)], [signature(2)])).toBeNull()
    expect(tracker.follow([shifted(0, FOLLOW_MAX_SCALE_CHANGE * 1.05)], [a])).toBeNull()
    expect(tracker.follow([shifted(0, 1 / (FOLLOW_MAX_SCALE_CHANGE * 1.05))], [a])).toBeNull()
    expect(tracker.follow([shifted(0, 0.01)], [a])).toBeNull()
    expect(tracker.follow([shifted(0, 1.1)], [a])).not.toBeNull()
    expect(tracker.follow([], [])).toBeNull()
  })

  it('counts a detection started elsewhere, and anchors only the faces a merged detection saw', () => {
    const tracker = createFaceTracker('t')
    const a = signature(1)
    expect(tracker.canFollow(640, 480)).toBe(false) // nothing tracked yet
    tracker.update([face(a)], true, false, 0)
    for (let frame = 1; frame < DETECT_EVERY_FRAMES; frame++) tracker.update([face(a)], false, false, frame * 40)
    expect(tracker.detectionDue()).toBe(true)
    expect(tracker.canFollow(640, 480)).toBe(true)
    tracker.detectionStarted()
    expect(tracker.detectionDue()).toBe(false)
    // A merged detection's faces take its box and score; the frame is not a detection frame.
    const detected = { ...face(a), score: 0.5, box: { ...box, x: box.x - 10, width: box.width + 20 } }
    tracker.update([detected], [true], false, 500)
    const followed = tracker.follow([landmarks], [a])
    expect(followed?.[0]?.score).toBe(0.5)
    expect(followed?.[0]?.box.width).toBeCloseTo(box.width + 20)
    for (let frame = 0; frame < DETECT_EVERY_FRAMES - 1; frame++) tracker.update([face(a)], [false], false, 540 + frame * 40)
    expect(tracker.detectionDue()).toBe(true)
    // Another frame size forgets every track.
    expect(tracker.canFollow(320, 240)).toBe(false)
  })
})
