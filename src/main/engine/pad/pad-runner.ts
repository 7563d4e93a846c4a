/**
 * Presentation-attack scores of detected faces inside the engine worker. `texture` (the
 * default, texture-pad.ts) needs no model file; the TensorFlow.js models of pad-models.ts are
 * loaded on first use and kept. Every tensor made here is disposed before returning.
 */
import type * as Tf from '@tensorflow/tfjs'
import type { Box } from '../../../shared/models'
import type { TfNamespace } from '../tflite/tflite-runner'
import type { Pixels } from '../image-input'
import { loadPadModel, type PadModel, type PadModelId as TensorPadModelId } from './pad-models'
import { textureAttackScore } from './texture-pad'

/** Presentation-attack detectors a detect call can ask for. */
export const PAD_DETECTORS = ['texture', 'antispoof', 'liveness', 'fas'] as const
export type PadDetector = (typeof PAD_DETECTORS)[number]

/** Attack scores of one face by detector, 0 (bona fide) … ≈1 (attack). */
export type AttackScores = Partial<Record<PadDetector, number>>

/** Scores faces; see the module comment. */
export interface PadRunner {
  /**
   * Scores of each box (in the pixels of `pixels`) by each detector of `detectors`. Rejects
   * when a model's files are missing or malformed (the next call tries to load it again).
   */
  score(pixels: Pixels, boxes: readonly Box[], detectors: readonly PadDetector[]): Promise<AttackScores[]>
}

/** Creates the runner over face-api's TensorFlow.js and the models folder. */
export function createPadRunner(tf: TfNamespace, modelsDir: string): PadRunner {
  const loaded = new Map<TensorPadModelId, Promise<PadModel>>()
  function model(id: TensorPadModelId): Promise<PadModel> {
    let m = loaded.get(id)
    if (!m) {
      m = loadPadModel(tf, modelsDir, id)
      m.catch(() => loaded.delete(id))
      loaded.set(id, m)
    }
    return m
  }
  return {
    async score(pixels, boxes, detectors) {
      const scores: AttackScores[] = boxes.map(() => ({}))
      if (boxes.length === 0) return scores
      const tensorModels = detectors.filter((d): d is TensorPadModelId => d !== 'texture')
      if (detectors.includes('texture')) boxes.forEach((box, i) => ((scores[i] as AttackScores).texture = textureAttackScore(pixels, box)))
      if (tensorModels.length === 0) return scores
      const image = tf.tidy(() => {
        const t = tf.tensor(pixels.data, [pixels.height, pixels.width, pixels.channels], 'int32')
        const rgb = pixels.channels === 4 ? tf.slice(t, [0, 0, 0], [-1, -1, 3]) : t
        return tf.expandDims(tf.cast(rgb, 'float32'), 0) as Tf.Tensor4D
      })
      try {
        for (const id of tensorModels) {
          const values = await (await model(id)).score(image, boxes)
          values.forEach((v, i) => ((scores[i] as AttackScores)[id] = v))
        }
      } finally {
        image.dispose()
      }
      return scores
    }
  }
}

/**
 * Adds {@link EngineFaceScores.attackScores} to each face of a detect call: boxes are in the
 * pixels of the image as sent, `pixels` may be that image scaled down by `scale`.
 */
export async function addAttackScores(runner: PadRunner, pixels: Pixels, scale: number, faces: EngineFaceScores[], detectors: readonly PadDetector[]): Promise<void> {
  const boxes = faces.map(({ box }) => ({ x: box.x / scale, y: box.y / scale, width: box.width / scale, height: box.height / scale }))
  const scores = await runner.score(pixels, boxes, detectors)
  faces.forEach((face, i) => (face.attackScores = scores[i] ?? {}))
}

/** The part of an engine face {@link addAttackScores} reads and writes. */
export interface EngineFaceScores {
  box: Box
  attackScores?: AttackScores
}
