/**
 * Entry of the engine thread (worker_threads; built to out/main/engine-worker.js). Loads
 * face-api and the recognition models, reporting progress as status messages (the analysis
 * models only on the first analyse request), then serves requests one
 * at a time in arrival order, so TensorFlow.js never runs two inferences at once and replies
 * are never interleaved. Protocol: engine-protocol.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { ClockfaceError } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { WorkerConfig, WorkerError, WorkerMessage, WorkerReplyValue, WorkerRequest } from './engine-protocol'
import { transferableBuffer } from './engine-protocol'
import type { EngineAnalysis, EngineDetection } from './engine-types'
import { loadFaceApi, type FaceApi, type LoadedFaceApi } from './face-api-loader'
import { useFusedTinyDetector } from './fused-tiny-detector'
import { prepareImage } from './image-input'
import { ANALYSIS_MODELS, readModelFiles, REQUIRED_MODELS, verifyModelFiles, type ModelName } from './model-files'
import { runAnalysis } from './run-analysis'
import { loadMobileFaceNet, MOBILEFACENET_FILE, type MobileFaceNet } from './mobilefacenet'
import { addAttackScores, createPadRunner, type PadRunner } from './pad/pad-runner'
import { runDetection } from './run-detection'
import { createFaceTracker, type FaceTracker } from './face-tracker'
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

/** The face-api net each model file loads into. */
function netFor(faceapi: FaceApi, name: ModelName): Pick<FaceApi['nets']['tinyFaceDetector'], 'loadFromWeightMap'> {
  const nets = {
    tiny_face_detector_model: faceapi.nets.tinyFaceDetector,
    ssd_mobilenetv1_model: faceapi.nets.ssdMobilenetv1,
    face_landmark_68_model: faceapi.nets.faceLandmark68Net,
    face_recognition_model: faceapi.nets.faceRecognitionNet,
    age_gender_model: faceapi.nets.ageGenderNet,
    face_expression_model: faceapi.nets.faceExpressionNet
  } as const
  return nets[name]
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
  for (const name of REQUIRED_MODELS) {
    const files = readModelFiles(config.modelsDir, name)
    netFor(api.faceapi, name).loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
    loaded.push(name)
    setStatus({ progress: loaded.length / (REQUIRED_MODELS.length + 1), models: [...loaded] })
  }
  useFusedTinyDetector(api) // same detections, fewer passes over the activations (fused-tiny-detector.ts)
  const describer = loadMobileFaceNet(api.tf as unknown as TfNamespace, new Uint8Array(readFileSync(join(config.modelsDir, MOBILEFACENET_FILE))))
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
      for (const name of ANALYSIS_MODELS) {
        const files = readModelFiles(config.modelsDir, name)
        netFor(api.faceapi, name).loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
      }
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
    return { numTensors, numBytes }
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
  const faces = request.options.track && request.options.detector === 'tiny-face-detector' ? await runLiveFrame(api, api.describer, image, request.options, trackerOf(request.options.track.stream, request.options.track.restart === true)) : await runDetection(api, api.describer, image, request.options)
  if (request.options.presentationAttack?.length) await addAttackScores(padRunner(api), image.pixels, image.scale, faces, request.options.presentationAttack)
  const detection: EngineDetection = { width: image.width, height: image.height, faces, elapsedMs: performance.now() - started }
  return detection
}

/** Face tracks per live stream (kiosk), kept between its frames; ids carry this thread's start time so a restarted engine never reuses one. */
const trackers = new Map<string, FaceTracker>()
const trackPrefix = Date.now().toString(36)
let trackersMade = 0
const trackerOf = (stream: string, restart: boolean): FaceTracker => {
  let tracker = restart ? undefined : trackers.get(stream)
  // A counter, not the map's size, so a restarted stream never reuses an earlier tracker's ids.
  if (!tracker) trackers.set(stream, (tracker = createFaceTracker(`${trackPrefix}-${++trackersMade}`)))
  return tracker
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
