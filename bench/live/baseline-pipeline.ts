/**
 * The straightforward face-api pipeline the kiosk path is compared with: on every frame
 * `detectAllFaces(SsdMobilenetv1).withFaceLandmarks().withFaceDescriptors()` (face-api's
 * 128-D FaceRecognitionNet), in the calling thread, as face-api's README shows it. A face is
 * named when its nearest enrolled descriptor is under face-api's FaceMatcher default 0.6
 * (Euclidean distance) and the same person came back in the kiosk's default number of frames
 * (match-confirmation.ts), so time to identify compares like for like.
 */
import { performance } from 'node:perf_hooks'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import type { BackendChoice } from '../../src/main/engine/engine-types'
import { loadFaceApi, type LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { readModelFiles } from '../../src/main/engine/model-files'
import { rgbValues } from '../../src/main/engine/run-detection'
import { createMatchConfirmation } from '../../src/main/services/match-confirmation'
import { DEFAULT_CONFIRM_FRAMES, DEFAULT_CONFIRM_WINDOW_MS } from '../../src/main/services/service-config'
import { euclideanDistance } from '../../src/main/services/euclidean'
import type { Point } from '../../src/shared/models'
import { FRAME_HEIGHT, FRAME_WIDTH } from './clip-frames'
import type { LiveFace, LivePipeline } from './live-pipeline'

/** face-api's FaceMatcher default distance threshold for its 128-D descriptors. */
const FACE_API_THRESHOLD = 0.6
/** The models the baseline loads (face-api README, "Models"). */
const BASELINE_MODELS = ['ssd_mobilenetv1_model', 'face_landmark_68_model', 'face_recognition_model'] as const

interface BaselineFace {
  landmarks: { positions: Point[] }
  descriptor: Float32Array
}

/** Loads face-api (with its TensorFlow.js instance, `api`) and the three models in this thread. */
export async function startBaselinePipeline(backend: BackendChoice): Promise<LivePipeline & { api: LoadedFaceApi }> {
  const paths = defaultEnginePaths()
  const api: LoadedFaceApi = await loadFaceApi({ backend, wasmDir: paths.wasmDir })
  const { faceapi, tf } = api
  for (const name of BASELINE_MODELS) {
    const files = readModelFiles(paths.modelsDir, name)
    const net = { ssd_mobilenetv1_model: faceapi.nets.ssdMobilenetv1, face_landmark_68_model: faceapi.nets.faceLandmark68Net, face_recognition_model: faceapi.nets.faceRecognitionNet }[name]
    net.loadFromWeightMap(tf.io.decodeWeights(files.weights, files.specs))
  }
  const options = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })
  const gallery: { code: string; descriptor: Float32Array }[] = []
  const confirmation = createMatchConfirmation(DEFAULT_CONFIRM_FRAMES, DEFAULT_CONFIRM_WINDOW_MS)

  async function faces(rgba: Uint8Array): Promise<BaselineFace[]> {
    const input = tf.tensor3d(rgbValues({ width: FRAME_WIDTH, height: FRAME_HEIGHT, channels: 4, data: rgba }), [FRAME_HEIGHT, FRAME_WIDTH, 3], 'int32')
    try {
      return (await faceapi.detectAllFaces(input, options).withFaceLandmarks().withFaceDescriptors()) as unknown as BaselineFace[]
    } finally {
      input.dispose()
    }
  }

  return {
    api,
    name: 'face-api SSD + landmarks + descriptors',
    backend: api.backend,
    async enrol(code, rgba) {
      const found = await faces(rgba)
      if (!found[0]) throw new Error(`baseline: no face in the enrolment frame of ${code}`)
      gallery.push({ code, descriptor: found[0].descriptor })
    },
    async frame(rgba, nowMs): Promise<LiveFace[]> {
      const found = await faces(rgba)
      const named = found.map((face) => {
        let best: { code: string; distance: number } | null = null
        for (const entry of gallery) {
          const distance = euclideanDistance(face.descriptor, entry.descriptor)
          if (!best || distance < best.distance) best = { code: entry.code, distance }
        }
        return best && best.distance < FACE_API_THRESHOLD ? best.code : null
      })
      const confirmed = confirmation.observe('baseline', named.filter((c): c is string => c !== null), nowMs)
      return found.map((face, i) => {
        const code = named[i] ?? null
        return { landmarks: face.landmarks.positions.map((p) => ({ x: p.x, y: p.y })), identity: code !== null && confirmed.has(code) ? code : null }
      })
    },
    tensors: async () => tf.memory().numTensors,
    close: async () => undefined
  }
}

/** Times (ms since this process started) at which a fresh baseline had its models loaded and delivered its first landmarks for `rgba`. */
export async function baselineColdStart(rgba: Uint8Array, backend: BackendChoice): Promise<{ readyAt: number; firstAt: number }> {
  const pipeline = await startBaselinePipeline(backend)
  const readyAt = performance.now()
  await pipeline.frame(rgba, 0)
  return { readyAt, firstAt: performance.now() }
}

/**
 * Full-quality landmarks of one 640×480 RGBA frame, the reference landmark lag is measured
 * against: SSD MobileNet v1 (the photo detector) and the 68-point net on the whole frame, no
 * tracking, no shortcuts. One landmark set per face found.
 */
export async function fullQualityLandmarks(api: LoadedFaceApi, rgba: Uint8Array): Promise<Point[][]> {
  const { faceapi, tf } = api
  const input = tf.tensor3d(rgbValues({ width: FRAME_WIDTH, height: FRAME_HEIGHT, channels: 4, data: rgba }), [FRAME_HEIGHT, FRAME_WIDTH, 3], 'int32')
  try {
    const found = (await faceapi.detectAllFaces(input, new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })).withFaceLandmarks()) as unknown as BaselineFace[]
    return found.map((f) => f.landmarks.positions.map((p) => ({ x: p.x, y: p.y })))
  } finally {
    input.dispose()
  }
}
