/**
 * The engine supervises its worker: a worker killed mid-shift is replaced by a new one, the
 * status going `loading` → `ready` by itself, while load failures, `close()` and crashes that
 * keep coming back stop the engine for good. Crashes are real: the test terminates the real
 * built worker (out/main/engine-worker.js) from outside, as an out-of-memory kill would.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { EngineStatus } from '../../src/shared/models'
import { spawnEngineWorker } from '../../src/main/engine/engine-client'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import type { WorkerConfig } from '../../src/main/engine/engine-protocol'
import { superviseEngine, type SupervisorOptions } from '../../src/main/engine/engine-supervisor'
import type { DetectOptions, EngineDetection, FaceEngine } from '../../src/main/engine/engine-types'
import { deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'
import { ensureEngineBuilt, euclidean, modelsDir, workerPath } from './engine-harness'

const photo: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true }
const img1 = (): { kind: 'encoded'; data: Uint8Array } => ({ kind: 'encoded', data: new Uint8Array(readFileSync(deepfaceUnit('img1.jpg'))) })
const needsPhotos = hasDeepfaceUnit ? '' : ` (skipped: ${missingDatasetsReason})`

/** Lets timers and worker events run for `ms`; only used to show that nothing happens. */
const idle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A supervised engine on the real worker, keeping every Worker it starts so the test can kill them. */
interface TrackedEngine {
  engine: FaceEngine
  workers: Worker[]
  /** Every status the engine published, in order. */
  seen: EngineStatus[]
  /** The worker serving now (the last one started). */
  current(): Worker
}

describe('face engine restarts after a worker crash', () => {
  let config: WorkerConfig
  const engines: FaceEngine[] = []

  function trackedEngine(options: SupervisorOptions = {}, overrides: Partial<WorkerConfig> = {}, onSpawn?: (worker: Worker) => void): TrackedEngine {
    const workers: Worker[] = []
    const seen: EngineStatus[] = []
    const engine = superviseEngine(() => {
      const worker = spawnEngineWorker(workerPath, { ...config, ...overrides })
      workers.push(worker)
      onSpawn?.(worker)
      return worker
    }, options)
    engine.onStatus((status) => seen.push(status))
    engines.push(engine)
    return { engine, workers, seen, current: () => workers.at(-1) as Worker }
  }

  beforeAll(() => {
    ensureEngineBuilt()
    config = { modelsDir, wasmDir: defaultEnginePaths().wasmDir, backend: 'wasm' }
  })
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
  })

  it.skipIf(!hasDeepfaceUnit)(`comes back by itself and detects img1.jpg as before${needsPhotos}`, async () => {
    const { engine, workers, seen, current } = trackedEngine()
    await engine.ready()
    const before = await engine.detect(img1(), photo)
    expect(before.faces).toHaveLength(1)

    // terminate() resolves after the 'exit' event, which the engine has handled by then.
    await current().terminate()
    const restarting = engine.status()
    expect(restarting).toMatchObject({ state: 'loading', progress: 0, restarts: 1 })
    expect(restarting.error).toContain('restarting after a crash')
    expect(restarting.error).toContain('exit code 1')

    // A call made while restarting waits for the new worker instead of failing.
    const during = await engine.detect(img1(), photo)
    expect(workers).toHaveLength(2)
    expect(engine.status()).toMatchObject({ state: 'ready', progress: 1, backend: 'wasm', error: null, restarts: 1 })
    expect(engine.status().models).toEqual(['tiny_face_detector_model', 'ssd_mobilenetv1_model', 'face_landmark_68_model', 'mobilefacenet'])
    // After the first ready: only loading (restart progress) until ready again.
    const states = seen.map((s) => s.state)
    const afterCrash = states.slice(states.indexOf('ready') + 1)
    expect(afterCrash.length).toBeGreaterThan(1)
    expect(afterCrash.slice(0, -1).every((s) => s === 'loading')).toBe(true)
    expect(afterCrash.at(-1)).toBe('ready')

    const after = await engine.detect(img1(), photo)
    for (const result of [during, after]) expectSameDetection(result, before)
  })

  it.skipIf(!hasDeepfaceUnit)(`rejects the request in flight with engine-unavailable, then serves again${needsPhotos}`, async () => {
    const { engine, current } = trackedEngine()
    await engine.ready()
    const inFlight = engine.detect(img1(), photo)
    // detect posts after a microtask; one macrotask later the request is with the worker.
    await new Promise((resolve) => setImmediate(resolve))
    void current().terminate()
    await expect(inFlight).rejects.toMatchObject({ name: 'ClockfaceError', code: 'engine-unavailable', message: expect.stringContaining('exit code 1') })
    await engine.ready()
    expect((await engine.detect(img1(), photo)).faces).toHaveLength(1)
    expect(await engine.memory()).toMatchObject({ numTensors: expect.any(Number) })
  })

  it('close() after ready stops for good: no new worker, calls reject engine-unavailable', async () => {
    const { engine, workers } = trackedEngine({ initialRestartDelayMs: 10 })
    await engine.ready()
    await engine.close()
    await idle(300)
    expect(workers).toHaveLength(1)
    expect(engine.status()).toMatchObject({ state: 'error', error: 'the face engine was closed' })
    await expect(engine.ready()).rejects.toMatchObject({ code: 'engine-unavailable' })
    await expect(engine.memory()).rejects.toMatchObject({ code: 'engine-unavailable' })
  })

  it('close() while a restart waits cancels it and fails the calls waiting for it', async () => {
    // A delay far longer than the test, so close() surely lands while the restart waits.
    const { engine, workers, current } = trackedEngine({ initialRestartDelayMs: 60_000 })
    await engine.ready()
    await current().terminate()
    expect(engine.status().state).toBe('loading')
    const waiting = engine.memory()
    await engine.close()
    await expect(waiting).rejects.toMatchObject({ code: 'engine-unavailable', message: 'the face engine was closed' })
    expect(engine.status()).toMatchObject({ state: 'error', error: 'the face engine was closed', restarts: 1 })
    expect(workers).toHaveLength(1)
  })

  it('a damaged models folder stays in error naming the file and is not restarted', async () => {
    const damaged = mkdtempSync(join(tmpdir(), 'clockface-models-'))
    try {
      cpSync(modelsDir, damaged, { recursive: true })
      const missing = join(damaged, 'face_landmark_68_model.bin')
      unlinkSync(missing)
      const { engine, workers } = trackedEngine({ initialRestartDelayMs: 10 }, { modelsDir: damaged })
      await expect(engine.ready()).rejects.toMatchObject({ code: 'engine-unavailable', message: expect.stringContaining(missing) })
      await idle(300)
      expect(workers).toHaveLength(1)
      const status = engine.status()
      expect(status.state).toBe('error')
      expect(status.error).toContain(missing)
      expect(status.restarts).toBeUndefined()
    } finally {
      rmSync(damaged, { recursive: true, force: true })
    }
  })

  it('gives up after maxRestarts crashes in a row (workers killed while loading)', async () => {
    const { engine, workers, seen } = trackedEngine({ initialRestartDelayMs: 5, maxRestarts: 2 }, {}, (worker) => {
      worker.once('online', () => void worker.terminate())
    })
    await expect(engine.ready()).rejects.toMatchObject({ code: 'engine-unavailable', message: expect.stringContaining('gave up after 2 restarts in a row') })
    expect(workers).toHaveLength(3)
    expect(engine.status()).toMatchObject({ state: 'error', restarts: 2 })
    expect(new Set(seen.filter((s) => s.state === 'loading').map((s) => s.restarts))).toEqual(new Set([1, 2]))
    await expect(engine.memory()).rejects.toMatchObject({ code: 'engine-unavailable' })
  })

  it('starts the crash count over once a worker has been ready long enough', async () => {
    // stableAfterMs 0: every worker that reached ready was stable, so each crash is a first one.
    const { engine, workers, current } = trackedEngine({ initialRestartDelayMs: 5, maxRestarts: 1, stableAfterMs: 0 })
    for (let crash = 1; crash <= 3; crash++) {
      await engine.ready()
      await current().terminate()
      expect(engine.status()).toMatchObject({ state: 'loading', restarts: crash })
      expect(engine.status().error).toContain('attempt 1 of 1')
    }
    await engine.ready()
    expect(workers).toHaveLength(4)
    expect(await engine.memory()).toMatchObject({ numTensors: expect.any(Number) })
  })
})

/** A fresh worker gives the same faces: same boxes and, up to float noise, the same descriptor. */
function expectSameDetection(actual: EngineDetection, expected: EngineDetection): void {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height])
  expect(actual.faces).toHaveLength(expected.faces.length)
  const [a, e] = [actual.faces[0], expected.faces[0]]
  if (!a || !e) throw new Error('no face to compare')
  expect(a.box.x).toBeCloseTo(e.box.x, 3)
  expect(a.box.y).toBeCloseTo(e.box.y, 3)
  expect(a.box.width).toBeCloseTo(e.box.width, 3)
  expect(a.box.height).toBeCloseTo(e.box.height, 3)
  expect(a.score).toBeCloseTo(e.score, 5)
  expect(euclidean(a.descriptor as number[], e.descriptor as number[])).toBeLessThan(1e-5)
}
