import { cpSync, mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectedByteLength, readModelFiles, REQUIRED_MODELS, verifyModelFiles } from '../../src/main/engine/model-files'
import { modelsDir } from './engine-harness'

describe('model file verification', () => {
  let dir: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clockface-models-'))
    cpSync(modelsDir, dir, { recursive: true })
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('accepts the shipped models and reads weights of exactly the manifest size', () => {
    expect(() => verifyModelFiles(dir)).not.toThrow()
    for (const name of REQUIRED_MODELS) {
      const files = readModelFiles(dir, name)
      expect(files.weights.byteLength).toBe(expectedByteLength(files.specs))
      expect(files.specs.length).toBeGreaterThan(10)
    }
  })

  it('counts quantized weights at their stored dtype, others at their own', () => {
    expect(
      expectedByteLength([
        { name: 'q', shape: [3, 3, 3, 32], dtype: 'float32', quantization: { dtype: 'uint8', scale: 1, min: 0 } },
        { name: 'f', shape: [32], dtype: 'float32' },
        { name: 'h', shape: [2, 5], dtype: 'float32', quantization: { dtype: 'uint16' } }
      ])
    ).toBe(864 + 128 + 20)
  })

  it('names a truncated .bin with both sizes', () => {
    const bin = join(dir, 'ssd_mobilenetv1_model.bin')
    truncateSync(bin, 4_000_000)
    expect(() => verifyModelFiles(dir)).toThrow(`model file ${bin} has 4000000 bytes but its manifest`)
    expect(() => readModelFiles(dir, 'ssd_mobilenetv1_model')).toThrow(bin)
  })

  it('names a missing .bin', () => {
    const bin = join(dir, 'tiny_face_detector_model.bin')
    unlinkSync(bin)
    expect(() => verifyModelFiles(dir)).toThrow(`model file ${bin} is missing`)
  })

  it('names a missing manifest', () => {
    const manifest = join(dir, 'ssd_mobilenetv1_model-weights_manifest.json')
    unlinkSync(manifest)
    expect(() => verifyModelFiles(dir)).toThrow(`model file ${manifest} is missing`)
  })

  it('names a manifest that is not JSON, or not a weights manifest', () => {
    const manifest = join(dir, 'face_landmark_68_model-weights_manifest.json')
    writeFileSync(manifest, '[{"weights": [')
    expect(() => verifyModelFiles(dir)).toThrow(`model file ${manifest} is not valid JSON`)
    writeFileSync(manifest, '{"format": "layers-model"}')
    expect(() => verifyModelFiles(dir)).toThrow(`model file ${manifest} is not a TensorFlow.js weights manifest`)
  })

  it('refuses shard paths that leave the models folder', () => {
    const manifest = join(dir, 'tiny_face_detector_model-weights_manifest.json')
    writeFileSync(manifest, JSON.stringify([{ paths: ['../../etc/passwd'], weights: [] }]))
    expect(() => verifyModelFiles(dir)).toThrow('leaves the models folder')
  })
})
