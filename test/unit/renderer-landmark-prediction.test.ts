import { describe, expect, it } from 'vitest'
import { faceVelocities, MAX_PREDICTION_MS, MAX_RESULT_GAP_MS, predictFace } from '../../src/renderer/src/overlay/landmark-prediction'

const face = (x: number) => ({ box: { x, y: 10, width: 100, height: 100 }, landmarks: [{ x: x + 20, y: 40 }, { x: x + 80, y: 40 }] })

describe('landmark prediction', () => {
  it('moves a face on at the speed of its last two results, for at most MAX_PREDICTION_MS', () => {
    // 10 px in 40 ms: 0.25 px/ms to the right.
    const [velocity] = faceVelocities([face(100)], 0, [face(110)], 40)
    expect(velocity?.box.x).toBeCloseTo(0.25)
    expect(predictFace(face(110), velocity ?? null, 40).landmarks[0]?.x).toBeCloseTo(140)
    expect(predictFace(face(110), velocity ?? null, 10_000).box.x).toBeCloseTo(110 + 0.25 * MAX_PREDICTION_MS)
    expect(predictFace(face(110), velocity ?? null, -5)).toEqual(face(110))
  })

  it('predicts nothing for a new face, another face far away, or results too far apart', () => {
    expect(faceVelocities([], 0, [face(100)], 40)).toEqual([null])
    expect(faceVelocities([face(100)], 0, [face(600)], 40)).toEqual([null])
    expect(faceVelocities([face(100)], 0, [face(110)], MAX_RESULT_GAP_MS + 1)).toEqual([null])
    expect(predictFace(face(110), null, 40)).toEqual(face(110))
  })
})
