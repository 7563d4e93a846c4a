/**
 * The engine's TFLite runner (tflite/tflite-runner.ts, TensorFlow.js ops on wasm) computes
 * what TensorFlow Lite's own interpreter computes for MobileFaceNet: the embeddings of three
 * real faces match those the tflite C library gave for the same input
 * (test/fixtures/mobilefacenet-tflite-reference.json says how they were made). A mistake in
 * an operator, a padding rule or a weight layout would move them far beyond float32 rounding.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import { loadFaceApi, type LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { MOBILEFACENET_DIMENSIONS, MOBILEFACENET_FILE } from '../../src/main/engine/mobilefacenet'
import { loadTfliteModel, type TfliteModel, type TfNamespace } from '../../src/main/engine/tflite/tflite-runner'
import { hasLfw, lfwImage, missingDatasetsReason } from '../helpers/datasets'

interface ReferenceFace {
  person: string
  image: number
  chip: number[]
  mirror: number[]
}

const reference = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'mobilefacenet-tflite-reference.json'), 'utf8')) as { faces: ReferenceFace[] }

/** ‖a − b‖ / ‖b‖. */
function relativeError(a: ArrayLike<number>, b: readonly number[]): number {
  let diff = 0
  let norm = 0
  b.forEach((v, k) => {
    diff += ((a[k] as number) - v) ** 2
    norm += v * v
  })
  return Math.sqrt(diff / norm)
}

if (!hasLfw) console.warn(`tflite-reference: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasLfw)('TFLite runner against TensorFlow Lite', () => {
  const paths = defaultEnginePaths()
  let api: LoadedFaceApi
  let model: TfliteModel

  beforeAll(async () => {
    api = await loadFaceApi({ backend: 'wasm', wasmDir: paths.wasmDir })
    model = loadTfliteModel(api.tf as unknown as TfNamespace, new Uint8Array(readFileSync(join(paths.modelsDir, MOBILEFACENET_FILE))))
  })

  afterAll(() => model?.dispose())

  it('gives TensorFlow Lite’s MobileFaceNet embeddings for real faces and their mirror images', async () => {
    const tf = api.tf as unknown as TfNamespace
    expect(reference.faces).toHaveLength(3)
    for (const face of reference.faces) {
      const rgb = await sharp(lfwImage(face.person, face.image)).extract({ left: 19, top: 19, width: 112, height: 112 }).removeAlpha().raw().toBuffer()
      const x = tf.tensor4d(Float32Array.from(rgb), [1, 112, 112, 3]).sub(127.5).div(128)
      const batch = tf.concat([x, tf.reverse(x, 2)], 0)
      const [out] = model.run([batch])
      const values = out!.dataSync()
      expect(values).toHaveLength(2 * MOBILEFACENET_DIMENSIONS)
      // float32 accumulation order differs between the two runtimes: about 1e-6 relative.
      expect(relativeError(values.subarray(0, MOBILEFACENET_DIMENSIONS), face.chip), face.person).toBeLessThan(1e-4)
      expect(relativeError(values.subarray(MOBILEFACENET_DIMENSIONS), face.mirror), face.person).toBeLessThan(1e-4)
      // The mirror image is a different input: its embedding must differ, or the check above
      // would pass for a runner that ignored half of the batch.
      expect(relativeError(face.chip, face.mirror)).toBeGreaterThan(0.05)
      for (const t of [x, batch, out!]) t.dispose()
    }
  })
})
