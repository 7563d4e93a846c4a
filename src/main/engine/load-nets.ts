/**
 * Loads face-api model files into their nets, and MobileFaceNet, for the engine thread and the
 * live helper thread alike (engine-worker.ts, live-helper-worker.ts).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FaceApi, LoadedFaceApi } from './face-api-loader'
import { readModelFiles, type ModelName } from './model-files'
import { loadMobileFaceNet, MOBILEFACENET_FILE, type MobileFaceNet } from './mobilefacenet'
import type { TfNamespace } from './tflite/tflite-runner'

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

/**
 * Loads the model files `names` from `modelsDir` into face-api's nets, in order, calling
 * `loaded` after each. Throws when a file is missing or unreadable (verify them first with
 * verifyModelFiles for a message naming the file).
 */
export function loadNets(api: LoadedFaceApi, modelsDir: string, names: readonly ModelName[], loaded: (name: ModelName) => void = () => {}): void {
  for (const name of names) {
    const files = readModelFiles(modelsDir, name)
    netFor(api.faceapi, name).loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
    loaded(name)
  }
}

/** Loads MobileFaceNet from `modelsDir` (mobilefacenet.ts). Throws when the file is missing or not the expected graph. */
export function loadDescriber(api: LoadedFaceApi, modelsDir: string): MobileFaceNet {
  return loadMobileFaceNet(api.tf as unknown as TfNamespace, new Uint8Array(readFileSync(join(modelsDir, MOBILEFACENET_FILE))))
}
