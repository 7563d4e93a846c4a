/**
 * Detector settings: the engine's defaults and their translation into face-api option objects.
 */
import { ClockfaceError } from '../../shared/errors'
import type { FaceApi } from './face-api-loader'
import type { DetectOptions } from './engine-types'

/**
 * Tiny face detector input size for live frames, in pixels (the frame is resized to this square).
 * face-api README (TinyFaceDetectorOptions): "must be divisible by 32, common sizes are 128,
 * 160, 224, 320, 416, 512, 608", default 416. Measured here on the 61 single-face
 * deepface-unit photos shrunk into 640×480 frames (wasm, 2 cores): with the photo at a third
 * of the frame height (face ≈ 80 px, someone ~2 m from the kiosk) 416 finds 50/61 faces and
 * 320 only 43/61; at a quarter, 42/61 against 10/61. 320 saves ≈ 15 ms per frame
 * (bench/engine-bench.ts), not worth losing people who stand back.
 */
export const TINY_INPUT_SIZE = 416

/** Smallest and largest tiny detector input sizes accepted (README's common sizes span 128–608; 1024 caps cost). */
export const TINY_INPUT_SIZE_RANGE = { min: 128, max: 1024 } as const

/** Tiny detector score threshold; face-api README default for TinyFaceDetectorOptions.scoreThreshold. */
export const TINY_SCORE_THRESHOLD = 0.5

/** SSD MobileNet v1 minimum confidence; face-api README default for SsdMobilenetv1Options.minConfidence. */
export const SSD_MIN_CONFIDENCE = 0.5

/** Most faces SSD reports per image; face-api README default for SsdMobilenetv1Options.maxResults. */
export const SSD_MAX_RESULTS = 100

/** face-api options object for one detect call. Throws `invalid-input` for a bad input size or score. */
export function detectorOptions(
  faceapi: FaceApi,
  options: DetectOptions
): InstanceType<FaceApi['TinyFaceDetectorOptions']> | InstanceType<FaceApi['SsdMobilenetv1Options']> {
  const minScore = options.minScore
  if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) {
    throw new ClockfaceError('invalid-input', `minScore must be between 0 and 1, got ${minScore}`)
  }
  if (options.detector === 'ssd-mobilenetv1') {
    return new faceapi.SsdMobilenetv1Options({ minConfidence: minScore ?? SSD_MIN_CONFIDENCE, maxResults: SSD_MAX_RESULTS })
  }
  const inputSize = options.inputSize ?? TINY_INPUT_SIZE
  const { min, max } = TINY_INPUT_SIZE_RANGE
  if (!Number.isInteger(inputSize) || inputSize % 32 !== 0 || inputSize < min || inputSize > max) {
    throw new ClockfaceError('invalid-input', `inputSize must be a multiple of 32 between ${min} and ${max}, got ${inputSize}`)
  }
  return new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: minScore ?? TINY_SCORE_THRESHOLD })
}
