/**
 * Leak check: the live tensor count of the engine worker must not grow with the number of
 * frames processed (every input and intermediate tensor disposed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PixelImage } from '../../src/shared/contract'
import { createEngine } from '../../src/main/engine/create-engine'
import type { DetectOptions, FaceEngine } from '../../src/main/engine/engine-types'
import { deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, rgbaFrame, workerPath } from './engine-harness'

const kiosk: DetectOptions = { detector: 'tiny-face-detector', withDescriptors: true }

describe.skipIf(!hasDeepfaceUnit)(`face engine memory${hasDeepfaceUnit ? '' : ` (skipped: ${missingDatasetsReason})`}`, () => {
  let engine: FaceEngine
  let frame: PixelImage

  beforeAll(async () => {
    ensureEngineBuilt()
    engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
    frame = await rgbaFrame(deepfaceUnit('img1.jpg'), 320, 240)
    await engine.ready()
  })
  afterAll(() => engine?.close())

  it('holds as many tensors after 1,000 frames as after 10', { timeout: 600_000 }, async () => {
    // Each call moves its buffer to the worker, so send a fresh copy every time.
    const send = async (): Promise<number> => (await engine.detect({ ...frame, data: frame.data.slice() }, kiosk)).faces.length
    for (let i = 0; i < 10; i++) expect(await send()).toBe(1)
    const after10 = await engine.memory()
    for (let i = 10; i < 1000; i++) await send()
    const after1000 = await engine.memory()
    expect(after1000.numTensors).toBe(after10.numTensors)
    expect(after1000.numBytes).toBe(after10.numBytes)
    // Only the model weights remain: no input or intermediate tensor survives a call.
    expect(after10.numTensors).toBeGreaterThan(0)
  })
})
