import { describe, expect, it } from 'vitest'
import {
  LANDMARK_CONTOURS,
  LANDMARK_COUNT,
  containFit,
  contourPoints,
  coverFit,
  easeOutCubic,
  lerpFace,
  mapBox,
  mapPoint,
  pairFaces,
  sampleTween,
  startTween,
  type FaceGeometry
} from '../../src/renderer/src/overlay/landmark-geometry'

function face(x: number, y: number, size = 100): FaceGeometry {
  const landmarks = Array.from({ length: LANDMARK_COUNT }, (_, i) => ({ x: x + (i % 10) * (size / 10), y: y + Math.floor(i / 10) * (size / 10) }))
  return { box: { x, y, width: size, height: size }, landmarks }
}

describe('landmark contours', () => {
  it('cover every one of the 68 landmarks exactly once', () => {
    const all = LANDMARK_CONTOURS.flatMap((c) => c.indices).sort((a, b) => a - b)
    expect(all).toEqual(Array.from({ length: 68 }, (_, i) => i))
  })

  it('follow the iBUG 300-W groups, closing eyes and lips only', () => {
    const byName = Object.fromEntries(LANDMARK_CONTOURS.map((c) => [c.name, c]))
    expect(byName.jaw?.indices).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])
    expect(byName['right-brow']?.indices).toEqual([17, 18, 19, 20, 21])
    expect(byName['left-brow']?.indices).toEqual([22, 23, 24, 25, 26])
    expect(byName['nose-bridge']?.indices).toEqual([27, 28, 29, 30])
    expect(byName.nose?.indices).toEqual([31, 32, 33, 34, 35])
    expect(byName['right-eye']?.indices).toEqual([36, 37, 38, 39, 40, 41])
    expect(byName['left-eye']?.indices).toEqual([42, 43, 44, 45, 46, 47])
    expect(byName['outer-lips']?.indices[0]).toBe(48)
    expect(byName['outer-lips']?.indices.at(-1)).toBe(59)
    expect(byName['inner-lips']?.indices).toEqual([60, 61, 62, 63, 64, 65, 66, 67])
    const closed = LANDMARK_CONTOURS.filter((c) => c.closed).map((c) => c.name)
    expect(closed).toEqual(['right-eye', 'left-eye', 'outer-lips', 'inner-lips'])
  })

  it('repeat the first point at the end of a closed contour', () => {
    const points = face(0, 0).landmarks
    const eye = LANDMARK_CONTOURS.find((c) => c.name === 'right-eye')!
    const line = contourPoints(points, eye)
    expect(line).toHaveLength(7)
    expect(line.at(-1)).toEqual(points[36])
    const jaw = LANDMARK_CONTOURS.find((c) => c.name === 'jaw')!
    expect(contourPoints(points, jaw)).toHaveLength(17)
  })

  it('skip indices missing from a short landmark list', () => {
    const jaw = LANDMARK_CONTOURS.find((c) => c.name === 'jaw')!
    expect(contourPoints([{ x: 1, y: 2 }], jaw)).toEqual([{ x: 1, y: 2 }])
  })
})

describe('cover and contain fit', () => {
  it('crops the sides of a 4:3 frame shown in a wider 16:9 view (cover)', () => {
    const t = coverFit({ width: 640, height: 480 }, { width: 1920, height: 1080 })
    expect(t.scale).toBe(3)
    expect(t.offsetX).toBe(0)
    expect(t.offsetY).toBe((1080 - 1440) / 2)
    expect(mapPoint(t, { x: 320, y: 240 })).toEqual({ x: 960, y: 540 })
  })

  it('crops top and bottom when the view is narrower than the frame (cover)', () => {
    const t = coverFit({ width: 640, height: 480 }, { width: 600, height: 900 })
    expect(t.scale).toBeCloseTo(900 / 480)
    expect(t.offsetY).toBe(0)
    expect(t.offsetX).toBeCloseTo((600 - 640 * (900 / 480)) / 2)
    expect(mapPoint(t, { x: 320, y: 240 }).x).toBeCloseTo(300)
  })

  it('letterboxes with contain and is the identity on equal sizes', () => {
    const t = containFit({ width: 640, height: 480 }, { width: 1920, height: 1080 })
    expect(t.scale).toBe(2.25)
    expect(t.offsetX).toBe((1920 - 1440) / 2)
    expect(t.offsetY).toBe(0)
    const identity = containFit({ width: 800, height: 600 }, { width: 800, height: 600 })
    expect(mapPoint(identity, { x: 12, y: 34 })).toEqual({ x: 12, y: 34 })
  })

  it('mirrors points and boxes about the view centre like a selfie video', () => {
    const t = coverFit({ width: 640, height: 480 }, { width: 640, height: 480 }, true)
    expect(mapPoint(t, { x: 100, y: 50 })).toEqual({ x: 540, y: 50 })
    expect(mapBox(t, { x: 100, y: 50, width: 200, height: 100 })).toEqual({ x: 340, y: 50, width: 200, height: 100 })
    const scaled = coverFit({ width: 320, height: 240 }, { width: 640, height: 480 }, true)
    expect(mapBox(scaled, { x: 0, y: 0, width: 10, height: 10 })).toEqual({ x: 620, y: 0, width: 20, height: 20 })
  })

  it('does not divide by zero before the first frame', () => {
    const t = coverFit({ width: 0, height: 0 }, { width: 100, height: 100 })
    expect(Number.isFinite(t.scale)).toBe(true)
  })
})

describe('easing between results', () => {
  it('interpolates boxes and landmarks linearly', () => {
    const mid = lerpFace(face(0, 0), face(100, 40), 0.5)
    expect(mid.box).toEqual({ x: 50, y: 20, width: 100, height: 100 })
    expect(mid.landmarks[0]).toEqual({ x: 50, y: 20 })
    expect(mid.landmarks).toHaveLength(68)
  })

  it('eases out and clamps to 0..1', () => {
    expect(easeOutCubic(-1)).toBe(0)
    expect(easeOutCubic(0)).toBe(0)
    expect(easeOutCubic(0.5)).toBeCloseTo(0.875)
    expect(easeOutCubic(2)).toBe(1)
  })

  it('pairs each new face with the nearest previous face within reach', () => {
    const previous = [face(0, 0), face(500, 0)]
    const next = [face(520, 10), face(30, 5), face(1200, 0)]
    expect(pairFaces(previous, next)).toEqual([1, 0, null])
  })

  it('uses each previous face at most once', () => {
    expect(pairFaces([face(0, 0)], [face(10, 0), face(5, 0)])).toEqual([null, 0])
  })

  it('moves from the shown position to the new result over the smoothing time', () => {
    const tween = startTween([face(0, 0)], [{ ...face(100, 0), recognised: true }], 1000, 100)
    expect(sampleTween(tween, 1000)[0]?.box.x).toBe(0)
    const halfway = sampleTween(tween, 1050)[0]
    expect(halfway?.box.x).toBeCloseTo(87.5)
    expect(halfway?.recognised).toBe(true)
    expect(sampleTween(tween, 1100)[0]?.box.x).toBe(100)
    expect(sampleTween(tween, 5000)[0]?.box.x).toBe(100)
  })

  it('shows a new face at its place at once and drops faces that left', () => {
    const tween = startTween([face(0, 0)], [face(900, 0)], 0, 100)
    expect(sampleTween(tween, 10)[0]?.box.x).toBe(900)
    expect(sampleTween(startTween([face(0, 0)], [], 0), 10)).toEqual([])
  })
})
