/**
 * The square the landmark net is run on (engine landmark-square.ts): where it sits around a
 * face's landmarks, and how its pixels are sampled (bilinear, black past the image's edge).
 */
import { describe, expect, it } from 'vitest'
import { LANDMARK_SQUARE_LIFT, LANDMARK_SQUARE_SCALE, landmarkSquare, sampleSquare } from '../../src/main/engine/landmark-square'

/** A w × h RGBA image whose red channel is the column index, green the row index, blue 200. */
function ramp(width: number, height: number): { data: Uint8Array; width: number; height: number; channels: 4 } {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 200, 255], (y * width + x) * 4)
  return { data, width, height, channels: 4 }
}

describe('landmark square', () => {
  it('is 1.5 × the larger side of the landmarks, centred on them and lifted', () => {
    const square = landmarkSquare([{ x: 10, y: 20 }, { x: 90, y: 20 }, { x: 50, y: 120 }])
    expect(square.side).toBe(LANDMARK_SQUARE_SCALE * 100)
    expect(square.x + square.side / 2).toBe(50)
    expect(square.y + square.side / 2).toBeCloseTo(70 - LANDMARK_SQUARE_LIFT * square.side)
  })

  it('samples the square at the requested size, bilinear inside, black outside', () => {
    const image = ramp(64, 48)
    // A 32 px square at (8, 4) sampled at 16 px: each output pixel averages a 2 × 2 block.
    const inside = sampleSquare(image, { x: 8, y: 4, side: 32 }, 16)
    expect(inside).toHaveLength(16 * 16 * 3)
    expect(Array.from(inside.subarray(0, 3))).toEqual([8.5, 4.5, 200])
    const last = (15 * 16 + 15) * 3
    expect(Array.from(inside.subarray(last, last + 3))).toEqual([38.5, 34.5, 200])
    // Half of this square lies left of the image: its left half is black.
    const edge = sampleSquare(image, { x: -16, y: 0, side: 32 }, 16)
    expect(Array.from(edge.subarray(0, 3))).toEqual([0, 0, 0])
    const right = (0 * 16 + 12) * 3
    expect(edge[right + 2]).toBe(200)
  })
})
