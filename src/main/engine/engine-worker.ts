/**
 * Entry of the engine thread (worker_threads; built to out/main/engine-worker.js). Loads
 * face-api and the recognition models, reporting progress as status messages (the analysis
 * models only on the first analyse request), then serves requests one
 * at a time in arrival order, so TensorFlow.js never runs two inferences at once and replies
 * are never interleaved. Protocol: engine-protocol.ts.
 */
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { ClockfaceError } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { WorkerConfig, WorkerError, WorkerMessage, WorkerReplyValue, WorkerRequest } from './engine-protocol'
import { transferableBuffer } from './engine-protocol'
import type { EngineAnalysis, EngineDetection } from './engine-types'
import { loadFaceApi, type LoadedFaceApi } from './face-api-loader'
import { useFusedTinyDetector } from './fused-tiny-detector'
import { prepareImage } from './image-input'
import { ANALYSIS_MODELS, REQUIRED_MODELS, verifyModelFiles } from './model-files'
import { runAnalysis } from './run-analysis'
import type { MobileFaceNet } from './mobilefacenet'
import { addAttackScores, createPadRunner, type PadRunner } from './pad/pad-runner'
import { runDetection } from './run-detection'
import { startLiveHelper, type LiveHelper } from './live-helper'
import { createLiveStream, type LiveStream } from './live-stream'
import { loadDescriber, loadNets } from './load-nets'
import { runLiveFrame } from './run-live-frame'
import type { TfNamespace } from './tflite/tflite-runner'

if (!parentPort) throw new Error('engine-worker.js must run as a worker thread (see create-engine.ts)')
const port = parentPort
const config = workerData as WorkerConfig

let status: EngineStatus = { state: 'loading', progress: 0, backend: null, models: [], error: null }

function post(message: WorkerMessage, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer)
}

function setStatus(change: Partial<EngineStatus>): void {
  status = { ...status, ...change }
  post({ type: 'status', status })
}

/** face-api and the descriptor network, as loaded in this thread. */
interface LoadedModels extends LoadedFaceApi {
  describer: MobileFaceNet
}

async function load(): Promise<LoadedModels> {
  // Check every file first, so a damaged install fails at once with the file's path.
  verifyModelFiles(config.modelsDir)
  const api = await loadFaceApi({ backend: config.backend, wasmDir: config.wasmDir })
  setStatus({ backend: api.backend })
  const loaded: string[] = []
  loadNets(api, config.modelsDir, REQUIRED_MODELS, (name) => {
    loaded.push(name)
    setStatus({ progress: loaded.length / (REQUIRED_MODELS.length + 1), models: [...loaded] })
  })
  useFusedTinyDetector(api) // same detections, fewer passes over the activations (fused-tiny-detector.ts)
  const describer = loadDescriber(api, config.modelsDir)
  loaded.push('mobilefacenet')
  setStatus({ state: 'ready', progress: 1, models: [...loaded] })
  return { ...api, describer }
}

const loading: Promise<LoadedModels | null> = load().catch((error: unknown) => {
  setStatus({ state: 'error', error: error instanceof Error ? error.message : String(error) })
  return null
})

/** The analysis models' load, started by the first analyse request (see {@link ANALYSIS_MODELS}). */
let analysisLoad: Promise<void> | undefined

/**
 * Loads the age/gender and expression nets once, on the first analyse request, and adds them
 * to the status's model list. A missing or damaged file fails that request with
 * `engine-unavailable` naming the file (the engine stays ready for detection), and the next
 * analyse request tries again.
 */
function loadAnalysisModels(api: LoadedFaceApi): Promise<void> {
  analysisLoad ??= (async () => {
    try {
      verifyModelFiles(config.modelsDir, ANALYSIS_MODELS)
      loadNets(api, config.modelsDir, ANALYSIS_MODELS)
    } catch (error) {
      analysisLoad = undefined
      throw new ClockfaceError('engine-unavailable', `the face analysis models could not be loaded: ${error instanceof Error ? error.message : String(error)}`)
    }
    setStatus({ models: [...status.models, ...ANALYSIS_MODELS] })
  })()
  return analysisLoad
}

async function serve(api: LoadedModels, request: WorkerRequest): Promise<WorkerReplyValue[keyof WorkerReplyValue]> {
  if (request.type === 'memory') {
    const { numTensors, numBytes } = api.tf.memory()
    return { numTensors: numTensors + (liveHelper?.numTensors() ?? 0), numBytes }
  }
  const started = performance.now()
  if (request.type === 'analyse') {
    await loadAnalysisModels(api)
    const image = await prepareImage(request.image)
    const faces = await runAnalysis(api, image, request.options)
    const analysis: EngineAnalysis = { width: image.width, height: image.height, faces, elapsedMs: performance.now() - started }
    return analysis
  }
  const image = await prepareImage(request.image)
  const track = request.options.detector === 'tiny-face-detector' ? request.options.track : undefined
  const faces = track ? await runLiveFrame(api, api.describer, image, request.options, streamOf(track.stream, track.restart === true), helper()) : await runDetection(api, api.describer, image, request.options)
  if (request.options.presentationAttack?.length) await addAttackScores(padRunner(api), image.pixels, image.scale, faces, request.options.presentationAttack)
  const detection: EngineDetection = { width: image.width, height: image.height, faces, elapsedMs: performance.now() - started }
  return detection
}

/** Tracked live streams (kiosks), kept between their frames; track ids carry this thread's start time so a restarted engine never reuses one. */
const streams = new Map<string, LiveStream>()
const trackPrefix = Date.now().toString(36)
let streamsMade = 0
const streamOf = (name: string, restart: boolean): LiveStream => {
  const previous = streams.get(name)
  let stream = restart ? undefined : previous
  if (!stream) {
    if (previous) previous.open = false // its helper results still on the way are dropped
    // A counter, not the map's size, so a restarted stream never reuses an earlier stream's ids.
    streams.set(name, (stream = createLiveStream(`${trackPrefix}-${++streamsMade}`)))
  }
  return stream
}

/**
 * The live helper thread (live-helper.ts), started with the first tracked frame, so an engine
 * serving only photos never loads a second copy of the models. Off with WorkerConfig.liveHelper
 * false; a helper that fails leaves this thread doing its work (the reason is logged once).
 */
let liveHelper: LiveHelper | null | undefined
const helper = (): LiveHelper | null => {
  if (liveHelper === undefined) {
    liveHelper = config.liveHelper === false ? null : startLiveHelper(join(__dirname, 'live-helper-worker.js'), { modelsDir: config.modelsDir, wasmDir: config.wasmDir, backend: config.backend }, (message) => console.warn(`clockface engine: live helper unavailable, working alone: ${message}`))
  }
  return liveHelper
}

/** The presentation-attack runner, made on the first detect call that asks for attack scores. */
let pad: PadRunner | undefined
const padRunner = (api: LoadedFaceApi): PadRunner => (pad ??= createPadRunner(api.tf as unknown as TfNamespace, config.modelsDir))

function toWorkerError(error: unknown): WorkerError {
  if (error instanceof ClockfaceError) return { code: error.code, message: error.message }
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

function thumbnailsOf(value: WorkerReplyValue[keyof WorkerReplyValue]): ArrayBuffer[] {
  if (!('faces' in value)) return []
  const buffers = value.faces.flatMap((f) => [
    'thumbnail' in f && f.thumbnail ? transferableBuffer(f.thumbnail) : null,
    'alignedFace' in f && f.alignedFace ? transferableBuffer(f.alignedFace) : null
  ])
  return buffers.filter((b): b is ArrayBuffer => b !== null)
}

async function handle(request: WorkerRequest): Promise<void> {
  try {
    const api = await loading
    if (!api) throw new ClockfaceError('engine-unavailable', `the face engine failed to load: ${status.error ?? 'unknown error'}`)
    const value = await serve(api, request)
    post({ type: 'reply', id: request.id, ok: true, value }, thumbnailsOf(value))
  } catch (error) {
    post({ type: 'reply', id: request.id, ok: false, error: toWorkerError(error) })
  }
}

let queue: Promise<void> = Promise.resolve()
port.on('message', (request: WorkerRequest) => {
  queue = queue.then(() => handle(request))
})
