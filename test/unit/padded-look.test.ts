import { describe, expect, it } from 'vitest'
import { keepPaddedLook, LARGE_FACE_SHARE, needsPaddedLook, SMALL_FACE_SHARE } from '../../src/main/engine/run-detection'

const box = (side: number, x = 0) => ({ x, y: 0, width: side, height: side })

describe('when a photo is looked at again on the padded canvas', () => {
  it('looks again for no face, a face filling the frame, or only tiny faces', () => {
    expect(needsPaddedLook([], 150, 150)).toBe(true)
    expect(needsPaddedLook([box(LARGE_FACE_SHARE * 150)], 150, 150)).toBe(true)
    expect(needsPaddedLook([box(11), box(15, 100)], 150, 150)).toBe(true) // LFW Lech_Walesa_0002's background faces
    expect(needsPaddedLook([box(SMALL_FACE_SHARE * 150), box(11)], 150, 150)).toBe(false)
    // The shorter side counts: a 60 px face in a 2000 × 300 panorama is 20% of it.
    expect(needsPaddedLook([box(60)], 2000, 300)).toBe(false)
    expect(needsPaddedLook([box(40)], 2000, 300)).toBe(true)
  })

  it('keeps the padded look when it finds as many faces, or the face in front the first look missed', () => {
    expect(keepPaddedLook([], [box(60)], 150, 150)).toBe(true)
    expect(keepPaddedLook([box(70), box(30)], [box(70)], 150, 150)).toBe(false) // a group photo keeps its small faces
    expect(keepPaddedLook([box(11), box(15)], [box(57)], 150, 150)).toBe(true)
    expect(keepPaddedLook([box(11), box(15)], [box(16)], 150, 150)).toBe(false)
  })
})
