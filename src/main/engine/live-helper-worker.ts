/**
 * Entry of the engine's live helper thread (worker_threads, started by the engine thread;
 * built to out/main/live-helper-worker.js). It takes the slow, non-urgent work of a tracked
 * kiosk stream off the engine thread, on the machine's other core: the periodic full-frame
 * detection that notices new faces, and descriptors of faces already on screen. The engine
 * thread meanwhile keeps following each face's landmarks frame by frame (run-live-frame.ts).
 * It loads only what that needs: the tiny detector, the 68-point net, MobileFaceNet.
 * Jobs run one at a time in arrival order. Protocol: live-helper-protocol.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { faceAppearance } from './face-appearance'
import { loadFaceApi } from './face-api-loader'
import { useFusedTinyDetector } from './fused-tiny-detector'
import type { HelperConfig, HelperMessage, HelperRequest } from './live-helper-protocol'
import { loadDescriber, loadNets } from './load-nets'
import { findFaces } from './run-detection'

if (!parentPort) throw new Error('live-helper-worker.js must run as a worker thread (see live-helper.ts)')
const port = parentPort
const config = workerData as HelperConfig

async function load() {
  const api = await loadFaceApi({ backend: config.backend, wasmDir: config.wasmDir })
  loadNets(api, config.modelsDir, ['tiny_face_detector_model', 'face_landmark_68_model'])
  useFusedTinyDetector(api)
  return { api, describer: loadDescriber(api, config.modelsDir) }
}

const loading = load().then(
  (loaded) => {
    port.postMessage({ type: 'ready' } satisfies HelperMessage)
    return loaded
  },
  (error: unknown) => {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies HelperMessage)
    return null
  }
)

async function handle(request: HelperRequest): Promise<void> {
  const loaded = await loading
  if (!loaded) return
  const { api, describer } = loaded
  try {
    if (request.type === 'detect') {
      const faces = (await findFaces(api, request.pixels, request.options)).map(({ box, score, landmarks }) => ({ box, score, landmarks, appearance: faceAppearance(request.pixels, landmarks) }))
      port.postMessage({ type: 'reply', id: request.id, ok: true, numTensors: api.tf.memory().numTensors, faces } satisfies HelperMessage)
    } else {
      const descriptor = api.tf.tidy(() => describer.describeChip(request.chip))
      port.postMessage({ type: 'reply', id: request.id, ok: true, numTensors: api.tf.memory().numTensors, descriptor } satisfies HelperMessage, [descriptor.buffer as ArrayBuffer])
    }
  } catch (error) {
    port.postMessage({ type: 'reply', id: request.id, ok: false, numTensors: api.tf.memory().numTensors, message: error instanceof Error ? error.message : String(error) } satisfies HelperMessage)
  }
}

let queue: Promise<void> = Promise.resolve()
port.on('message', (request: HelperRequest) => {
  queue = queue.then(() => handle(request))
})
