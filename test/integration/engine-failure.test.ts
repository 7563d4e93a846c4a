/**
 * The engine when it cannot work: damaged installs and a dead worker turn into status
 * `error` and `engine-unavailable` rejections, never a hang or an unnamed failure.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import type { DetectOptions } from '../../src/main/engine/engine-types'
import { deepfaceUnit, hasDeepfaceUnit } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, workerPath } from './engine-harness'

const photo: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true }
const tinyImage = { kind: 'pixels' as const, format: 'rgb' as const, width: 2, height: 2, data: new Uint8Array(12) }

describe('face engine failures', () => {
  let damaged: string

  beforeAll(() => {
    ensureEngineBuilt()
    damaged = mkdtempSync(join(tmpdir(), 'clockface-models-'))
    cpSync(modelsDir, damaged, { recursive: true })
    unlinkSync(join(damaged, 'face_landmark_68_model.bin'))
  })
  afterAll(() => rmSync(damaged, { recursive: true, force: true }))

  it('a missing model file: status error naming the file, calls reject engine-unavailable', async () => {
    const engine = createEngine({ workerPath, modelsDir: damaged, backend: 'wasm' })
    try {
      const missing = join(damaged, 'face_landmark_68_model.bin')
      await expect(engine.ready()).rejects.toMatchObject({ code: 'engine-unavailable', message: expect.stringContaining(missing) })
      const status = engine.status()
      expect(status.state).toBe('error')
      expect(status.error).toContain(missing)
      await expect(engine.detect(tinyImage, photo)).rejects.toMatchObject({ name: 'ClockfaceError', code: 'engine-unavailable' })
      await expect(engine.memory()).rejects.toMatchObject({ code: 'engine-unavailable' })
    } finally {
      await engine.close()
    }
  })

  it('missing wasm binaries: status error naming the file, calls reject engine-unavailable', async () => {
    const emptyDir = mkdtempSync(join(tmpdir(), 'clockface-wasm-'))
    const engine = createEngine({ workerPath, modelsDir, wasmDir: emptyDir, backend: 'wasm' })
    try {
      await expect(engine.ready()).rejects.toMatchObject({ code: 'engine-unavailable' })
      expect(engine.status().state).toBe('error')
      expect(engine.status().error).toContain(join(emptyDir, 'tfjs-backend-wasm-simd.wasm'))
      await expect(engine.detect(tinyImage, photo)).rejects.toMatchObject({ code: 'engine-unavailable' })
    } finally {
      await engine.close()
      rmSync(emptyDir, { recursive: true, force: true })
    }
  })

  it('a worker script that does not exist: status error, calls reject engine-unavailable', async () => {
    const engine = createEngine({ workerPath: join(damaged, 'no-such-worker.js'), modelsDir })
    try {
      await expect(engine.detect(tinyImage, photo)).rejects.toMatchObject({ code: 'engine-unavailable' })
      expect(engine.status().state).toBe('error')
    } finally {
      await engine.close()
    }
  })

  it.skipIf(!hasDeepfaceUnit)('requests pending when the worker goes away reject with engine-unavailable', async () => {
    const engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
    await engine.ready()
    const pending = engine.detect({ kind: 'encoded', data: new Uint8Array(readFileSync(deepfaceUnit('couple.jpg'))) }, photo)
    await engine.close()
    await expect(pending).rejects.toMatchObject({ code: 'engine-unavailable' })
    expect(engine.status()).toMatchObject({ state: 'error', error: 'the face engine was closed' })
    await expect(engine.memory()).rejects.toMatchObject({ code: 'engine-unavailable' })
  })
})
