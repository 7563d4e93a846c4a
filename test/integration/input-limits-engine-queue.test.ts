/**
 * The engine's bounded queue on the real worker (out/main/engine-worker.js) with real photos:
 * flooded with photos or frames it refuses the surplus at once with `busy` and serves every
 * accepted request, then serves again; a request over its time limit fails with `timeout` and
 * frees its place; a worker kept on one request past the hung limit is replaced. Images the
 * engine would refuse (wrong type, too many pixels) are refused before they queue.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PixelImage } from '../../src/shared/contract'
import { ClockfaceError } from '../../src/shared/errors'
import { startEngineWorker } from '../../src/main/engine/engine-client'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import type { WorkerConfig } from '../../src/main/engine/engine-protocol'
import { MAX_WAITING_FRAMES, MAX_WAITING_PHOTOS, type QueueLimitOptions } from '../../src/main/engine/engine-queue'
import type { DetectOptions, EngineDetection, FaceEngine } from '../../src/main/engine/engine-types'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, rgbaFrame, workerPath } from './engine-harness'

const photo: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true }
const frame: DetectOptions = { detector: 'tiny-face-detector', withDescriptors: true }
const encoded = (file: string): { kind: 'encoded'; data: Uint8Array } => ({ kind: 'encoded', data: new Uint8Array(readFileSync(deepfaceUnit(file))) })
/** A frame with a buffer of its own (the engine moves the buffer to the worker). */
const copyOf = (image: PixelImage): PixelImage => ({ ...image, data: image.data.slice() })

type Outcome = { ok: true; detection: EngineDetection; ms: number } | { ok: false; error: ClockfaceError; ms: number }

/** Settles every call, timing each from the moment it was made. */
function settle(calls: Promise<EngineDetection>[]): Promise<Outcome[]> {
  const started = performance.now()
  return Promise.all(
    calls.map((call) =>
      call.then(
        (detection): Outcome => ({ ok: true, detection, ms: performance.now() - started }),
        (error: ClockfaceError): Outcome => ({ ok: false, error, ms: performance.now() - started })
      )
    )
  )
}

/** Lets the first of several calls reach the worker before the next is made (screening is asynchronous). */
const idle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN

if (!hasDeepfaceUnit) console.warn(`input-limits-engine-queue: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('bounded engine queue on the real worker', () => {
  let config: WorkerConfig
  let bigPhoto: Uint8Array
  const engines: FaceEngine[] = []

  function engineWith(queue: QueueLimitOptions = {}): FaceEngine {
    const engine = startEngineWorker(workerPath, config, { queue })
    engines.push(engine)
    return engine
  }

  beforeAll(async () => {
    ensureEngineBuilt()
    config = { modelsDir, wasmDir: defaultEnginePaths().wasmDir, backend: 'wasm' }
    // A 24-megapixel JPEG of a real face: about a second of engine work on 2 cores.
    bigPhoto = new Uint8Array(await sharp(deepfaceUnit('img1.jpg')).resize(6000, 4000, { fit: 'fill' }).jpeg({ quality: 90 }).toBuffer())
  })
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.close()))
  })

  it(`refuses photos beyond ${MAX_WAITING_PHOTOS} waiting with busy at once, serves the rest, then serves again`, async () => {
    const engine = engineWith({ timeoutMs: { photo: 120_000 } })
    await engine.ready()
    const files = identityClusters().flat().slice(0, 12)
    const outcomes = await settle(files.map((file) => engine.detect(encoded(file), photo)))
    const served = outcomes.filter((o) => o.ok)
    const busy = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok)
    // One runs at once, MAX_WAITING_PHOTOS wait; the others are refused.
    expect(served).toHaveLength(1 + MAX_WAITING_PHOTOS)
    expect(busy).toHaveLength(files.length - 1 - MAX_WAITING_PHOTOS)
    for (const refused of busy) {
      expect(refused.error).toBeInstanceOf(ClockfaceError)
      expect(refused.error).toMatchObject({ code: 'busy', message: expect.stringMatching(/busy.*Try again in \d/), details: { retryAfterMs: expect.any(Number) } })
      expect((refused.error.details as { retryAfterMs: number }).retryAfterMs).toBeGreaterThanOrEqual(1000)
    }
    for (const o of served) if (o.ok) expect(o.detection.faces.length).toBeGreaterThanOrEqual(1)
    const refuseMs = busy.map((o) => o.ms)
    const serveMs = served.map((o) => o.ms)
    console.log(
      `photo flood: ${files.length} at once → ${served.length} served (last after ${Math.round(Math.max(...serveMs))} ms), ` +
        `${busy.length} busy in ${median(refuseMs).toFixed(1)} ms median / ${Math.max(...refuseMs).toFixed(1)} ms max`
    )
    expect(Math.max(...refuseMs)).toBeLessThan(200)

    // Recovered: the line is empty again and a photo goes straight through.
    const again = await engine.detect(encoded(files[0]!), photo)
    expect(again.faces.length).toBeGreaterThanOrEqual(1)
  })

  it(`refuses frames beyond ${MAX_WAITING_FRAMES} waiting, independently of the photos`, async () => {
    // Generous time limits: on a loaded 2-core machine 9 frames and a photo take several seconds,
    // and this test is about the bound, not the time limit.
    const engine = engineWith({ timeoutMs: { frame: 60_000, photo: 60_000 } })
    await engine.ready()
    const base = await rgbaFrame(deepfaceUnit('img1.jpg'), 640, 480)
    const frames = Array.from({ length: 20 }, () => engine.detect(copyOf(base), frame))
    // The photo line has room of its own, so a photo is still taken while frames are refused.
    const aPhoto = engine.detect(encoded('img1.jpg'), photo)
    const outcomes = await settle(frames)
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1 + MAX_WAITING_FRAMES)
    expect(outcomes.filter((o) => !o.ok && o.error.code === 'busy')).toHaveLength(20 - 1 - MAX_WAITING_FRAMES)
    expect((await aPhoto).faces).toHaveLength(1)
    const served = outcomes.filter((o) => o.ok).map((o) => o.ms)
    console.log(`frame flood: 20 at once → ${served.length} served, last after ${Math.round(Math.max(...served))} ms; ${20 - served.length} busy`)
    expect((await engine.detect(copyOf(base), frame)).faces).toHaveLength(1)
  })

  it('refuses images it would not decode before they queue, even while the queue is full', async () => {
    const engine = engineWith({ maxWaiting: { photo: 0 } })
    await engine.ready()
    const running = engine.detect({ kind: 'encoded', data: bigPhoto }, photo)
    await idle(100)
    await expect(engine.detect(encoded('img1.jpg'), photo)).rejects.toMatchObject({ code: 'busy' })
    const gif = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#888' } }).gif().toBuffer()
    await expect(engine.detect({ kind: 'encoded', data: gif }, photo)).rejects.toMatchObject({ code: 'unsupported-image' })
    const tooMany = await sharp({ create: { width: 9000, height: 6000, channels: 3, background: '#888' } }).jpeg({ quality: 20 }).toBuffer()
    await expect(engine.detect({ kind: 'encoded', data: tooMany }, photo)).rejects.toMatchObject({ code: 'too-large' })
    expect((await running).faces).toHaveLength(1)
  })

  it('fails a request over its time limit with timeout, frees its place, and the next one is served', async () => {
    const engine = engineWith({ timeoutMs: { photo: 150 }, maxWaiting: { photo: 1 } })
    await engine.ready()
    const started = performance.now()
    // The first runs past 150 ms; the second waits behind it past 150 ms.
    const first = settle([engine.detect({ kind: 'encoded', data: bigPhoto }, photo)])
    await idle(20)
    const second = settle([engine.detect(encoded('img1.jpg'), photo)])
    const [[running], [waiting]] = await Promise.all([first, second])
    const elapsed = performance.now() - started
    expect(running).toMatchObject({ ok: false, error: { code: 'timeout', details: { timeoutMs: 150 }, message: expect.stringContaining('still working on it') } })
    expect(waiting).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('still waiting') } })
    console.log(`time-out: both photos failed after ${Math.round(elapsed)} ms (limit 150 ms)`)
    expect(elapsed).toBeLessThan(1000)
    // The waiting one left the line: another photo is taken (not busy) and times out in turn,
    // and a frame (limit 5 s) is served once the worker is done with the slow photo.
    await expect(engine.detect(encoded('img1.jpg'), photo)).rejects.toMatchObject({ code: 'timeout' })
    const base = await rgbaFrame(deepfaceUnit('img1.jpg'), 640, 480)
    expect((await engine.detect(base, frame)).faces).toHaveLength(1)
  })

  it('replaces a worker that stays on one request past the hung limit, and serves again', async () => {
    const engine = engineWith({ timeoutMs: { photo: 100 }, hungAfterMs: { photo: 300 } })
    const notes: (string | null)[] = []
    engine.onStatus((status) => notes.push(status.error))
    await engine.ready()
    const started = performance.now()
    await expect(engine.detect({ kind: 'encoded', data: bigPhoto }, photo)).rejects.toMatchObject({ code: 'timeout' })
    // A frame sent meanwhile waits for the replacement worker.
    const base = await rgbaFrame(deepfaceUnit('img1.jpg'), 640, 480)
    const detection = await engine.detect(base, frame)
    expect(detection.faces).toHaveLength(1)
    expect(engine.status()).toMatchObject({ state: 'ready', restarts: 1 })
    expect(notes).toContainEqual(expect.stringMatching(/restarting after a crash .*stopped answering \(one photo ran for \d+\.\d s, the limit is 0\.3 s\)/))
    console.log(`hung worker replaced; a frame sent meanwhile was answered after ${Math.round(performance.now() - started)} ms`)
  })
})
