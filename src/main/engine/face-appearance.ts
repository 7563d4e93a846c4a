/**
 * A face's appearance signature for tracking: a small grey-level chip aligned like the
 * recognition chip, so two frames of one face can be compared in microseconds where a
 * descriptor costs tens of milliseconds. The face tracker uses it to notice that the face in a
 * track's place may no longer be the same one (face-tracker.ts) and has it described at once,
 * so the earlier face's name is not carried over to another person.
 */
import { ARCFACE_TEMPLATE_112, fivePoints, warpToTemplate, type Point } from './face-chip'
import type { Pixels } from './image-input'

/**
 * Side of the signature chip, pixels: the ArcFace 112 px layout scaled down, about the size
 * of the eyes-to-mouth region of a face 2 m from a 640×480 camera, so no detail is invented.
 */
export const APPEARANCE_SIZE = 32

const TEMPLATE = ARCFACE_TEMPLATE_112.map((p) => ({ x: (p.x * APPEARANCE_SIZE) / 112, y: (p.y * APPEARANCE_SIZE) / 112 }))

/**
 * Smallest {@link appearanceSimilarity} between a tracked face and the face found in its
 * place in the next frame for the two to be taken as one face. Measured (wasm, this
 * signature) on the talking-head clips, faces three frames (120 ms) apart: median 0.88, 5th
 * percentile 0.57, 1st 0.39; on 150 different-person pairs of LFW View 1 `pairsDevTrain.txt`:
 * median 0.24, 95th percentile 0.56, highest 0.66. At 0.5 about 3 in 100 steps of one face
 * cost an extra descriptor, and about 9 in 10 changes of person are caught in the very frame;
 * the rest at the track's next descriptor (at most DESCRIBE_REFRESH_MS later).
 */
export const APPEARANCE_MIN_SIMILARITY = 0.5

/**
 * The signature of a face in `pixels` (RGB or RGBA) from its 68 landmarks (image pixels): the
 * {@link APPEARANCE_SIZE}² grey chip (ITU-R BT.601 luma), mean removed and scaled to unit
 * length, so that {@link appearanceSimilarity} is a normalised cross-correlation, insensitive
 * to brightness and contrast changes. A flat chip gives the zero vector.
 * Throws when fewer than 68 landmarks are given.
 */
export function faceAppearance(pixels: Pixels, landmarks: readonly Point[]): Float32Array {
  const chip = warpToTemplate(pixels, fivePoints(landmarks), TEMPLATE, APPEARANCE_SIZE, pixels.channels)
  const n = APPEARANCE_SIZE * APPEARANCE_SIZE
  const grey = new Float32Array(n)
  let sum = 0
  for (let i = 0, s = 0; i < n; i++, s += 3) {
    const y = 0.299 * (chip.data[s] as number) + 0.587 * (chip.data[s + 1] as number) + 0.114 * (chip.data[s + 2] as number)
    grey[i] = y
    sum += y
  }
  const mean = sum / n
  let norm = 0
  for (let i = 0; i < n; i++) {
    const v = (grey[i] as number) - mean
    grey[i] = v
    norm += v * v
  }
  norm = Math.sqrt(norm)
  if (norm > 0) for (let i = 0; i < n; i++) grey[i] = (grey[i] as number) / norm
  return grey
}

/** Normalised cross-correlation of two signatures, −1..1 (1: the same picture up to brightness and contrast). */
export function appearanceSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number)
  return dot
}
