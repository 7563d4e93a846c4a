/**
 * The TFLite runner's fusion of spelled-out PReLUs into the convolution before them
 * (engine tflite/tflite-fusion.ts): MobileFaceNet gives the same descriptors fused and
 * operator by operator, on real faces, with the wasm backend the engine uses.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import { loadFaceApi, type LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { MOBILEFACENET_FILE } from '../../src/main/engine/mobilefacenet'
import { findPreluFusions } from '../../src/main/engine/tflite/tflite-fusion'
import { loadTfliteModel, type TfliteModel, type TfNamespace } from '../../src/main/engine/tflite/tflite-runner'
import { Op, readTfliteGraph } from '../../src/main/engine/tflite/tflite-schema'
import { hasLfw, lfwImage, missingDatasetsReason } from '../helpers/datasets'

if (!hasLfw) console.warn(`tflite-fusion: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasLfw)('TFLite PReLU fusion', () => {
  const paths = defaultEnginePaths()
  const bytes = new Uint8Array(readFileSync(join(paths.modelsDir, MOBILEFACENET_FILE)))
  let api: LoadedFaceApi
  let fused: TfliteModel
  let plain: TfliteModel

  beforeAll(async () => {
    api = await loadFaceApi({ backend: 'wasm', wasmDir: paths.wasmDir })
    fused = loadTfliteModel(api.tf as unknown as TfNamespace, bytes)
    plain = loadTfliteModel(api.tf as unknown as TfNamespace, bytes, { fuse: false })
  })

  afterAll(() => {
    fused?.dispose()
    plain?.dispose()
  })

  it('finds a PReLU after each of MobileFaceNet’s activated convolutions', () => {
    const graph = readTfliteGraph(bytes)
    const constants = new Set(graph.tensors.flatMap((t, i) => (t.data && t.data.length > 0 ? [i] : [])))
    const { fused: found, skipped } = findPreluFusions(graph, (i) => constants.has(i))
    const relus = graph.operators.filter((op) => op.code === Op.RELU).length
    expect(found.size).toBe(relus)
    expect(found.size).toBeGreaterThan(30)
    expect(skipped.size).toBe(5 * found.size)
  })

  it('gives the descriptors of the operator-by-operator run on real faces', async () => {
    const tf = api.tf as unknown as TfNamespace
    for (const [person, i] of [['Aaron_Peirsol', 1], ['Gerald_Calabrese', 1], ['Thabo_Mbeki', 4]] as const) {
      // The middle 112 px of a 150 px LFW image: a real face, roughly centred.
      const rgb = await sharp(lfwImage(person, i)).extract({ left: 19, top: 19, width: 112, height: 112 }).removeAlpha().raw().toBuffer()
      const x = tf.tensor4d(Float32Array.from(rgb), [1, 112, 112, 3]).sub(127.5).div(128)
      const batch = tf.concat([x, tf.reverse(x, 2)], 0)
      const [a] = fused.run([batch])
      const [b] = plain.run([batch])
      const va = a!.dataSync()
      const vb = b!.dataSync()
      let diff = 0
      let norm = 0
      for (let k = 0; k < vb.length; k++) {
        diff += ((va[k] as number) - (vb[k] as number)) ** 2
        norm += (vb[k] as number) ** 2
      }
      expect(va).toHaveLength(2 * 192)
      expect(Math.sqrt(diff / norm), person).toBeLessThan(1e-5)
      for (const t of [x, batch, a!, b!]) t.dispose()
    }
  })
})
