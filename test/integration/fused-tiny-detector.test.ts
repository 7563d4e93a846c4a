/**
 * face-api's tiny face detector run with fused kernels (engine fused-tiny-detector.ts): the
 * same raw network output and the same faces as face-api's own layers, on real photos, with
 * the wasm backend the engine uses.
 */
import type { Tensor3D, Tensor4D } from '@tensorflow/tfjs'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import { loadFaceApi, type LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { runFusedTinyMobilenet, useFusedTinyDetector, type TinyMobilenetParams } from '../../src/main/engine/fused-tiny-detector'
import { readModelFiles } from '../../src/main/engine/model-files'
import type { TfNamespace } from '../../src/main/engine/tflite/tflite-runner'
import { deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'

if (!hasDeepfaceUnit) console.warn(`fused-tiny-detector: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('fused tiny face detector', () => {
  let api: LoadedFaceApi
  let restore = (): void => {}

  beforeAll(async () => {
    const paths = defaultEnginePaths()
    api = await loadFaceApi({ backend: 'wasm', wasmDir: paths.wasmDir })
    const files = readModelFiles(paths.modelsDir, 'tiny_face_detector_model')
    api.faceapi.nets.tinyFaceDetector.loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
  })

  afterAll(() => restore())

  /** A real photo as an int32 [h, w, 3] tensor. */
  async function photo(file: string): Promise<ReturnType<LoadedFaceApi['tf']['tensor3d']>> {
    const { data, info } = await sharp(deepfaceUnit(file)).removeAlpha().raw().toBuffer({ resolveWithObject: true })
    return api.tf.tensor3d(Int32Array.from(data), [info.height, info.width, 3], 'int32')
  }

  it('computes face-api’s raw network output', async () => {
    const tf = api.tf as unknown as TfNamespace
    const net = api.faceapi.nets.tinyFaceDetector as unknown as { params: TinyMobilenetParams; runMobilenet: (x: unknown, p: TinyMobilenetParams) => ReturnType<typeof tf.tensor4d> }
    const own = Object.getPrototypeOf(net).runMobilenet as typeof net.runMobilenet
    for (const file of ['img1.jpg', 'couple.jpg']) {
      const image = (await photo(file)) as unknown as Tensor3D
      const x = tf.tidy(() => tf.image.resizeBilinear(image, [416, 416]).toFloat().div(255).expandDims(0) as Tensor4D)
      const expected = own.call(net, x, net.params)
      const actual = runFusedTinyMobilenet(tf, x, net.params, true)
      expect(actual.shape).toEqual(expected.shape)
      const a = actual.dataSync()
      const e = expected.dataSync()
      let diff = 0
      let norm = 0
      for (let i = 0; i < e.length; i++) {
        diff += ((a[i] as number) - (e[i] as number)) ** 2
        norm += (e[i] as number) ** 2
      }
      expect(Math.sqrt(diff / norm), file).toBeLessThan(1e-5)
      for (const t of [image, x, expected, actual]) t.dispose()
    }
  })

  it('finds the same faces through face-api’s detectAllFaces', async () => {
    const { faceapi } = api
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 })
    for (const file of ['img1.jpg', 'couple.jpg']) {
      const image = await photo(file)
      const before = await faceapi.detectAllFaces(image as never, options)
      restore = useFusedTinyDetector(api)
      const after = await faceapi.detectAllFaces(image as never, options)
      restore()
      expect(after.length, file).toBe(before.length)
      expect(after.length, file).toBeGreaterThan(0)
      after.forEach((d, i) => {
        expect(d.score).toBeCloseTo(before[i]!.score, 4)
        expect(d.box.x).toBeCloseTo(before[i]!.box.x, 2)
        expect(d.box.width).toBeCloseTo(before[i]!.box.width, 2)
      })
      image.dispose()
    }
  })
})
