/**
 * The recognition engine's interface, as the services see it. The engine runs in its own
 * thread (see engine-client.ts / engine-worker.ts); these types are what crosses to it.
 */
import type { ImageInput } from '../../shared/contract'
import type { DetectedFace, EngineStatus } from '../../shared/models'

/** Face detectors the engine carries. */
export type DetectorName = 'tiny-face-detector' | 'ssd-mobilenetv1'

/** Options of one detect call. */
export interface DetectOptions {
  /**
   * `tiny-face-detector` for live frames (≈36 ms at 320 px on 2 cores, wasm);
   * `ssd-mobilenetv1` for enrolment photos (≈300 ms, finds smaller and turned faces).
   */
  detector: DetectorName
  /** Compute the 128-D descriptor of each face (≈22 ms more per face). */
  withDescriptors: boolean
  /** Add a JPEG thumbnail of each aligned face crop (150×150 px). */
  withThumbnails?: boolean
  /** Minimum detector score, 0..1. */
  minScore?: number
}

/** A face as the engine returns it. */
export interface EngineFace extends DetectedFace {
  /** 128-D face descriptor (embedding) of the FaceNet-style ResNet-34 in face-api; unit-free. */
  descriptor?: number[]
  /** JPEG bytes of the aligned face crop. */
  thumbnail?: Uint8Array
}

/** Result of one detect call: faces in the pixels of the image that was sent. */
export interface EngineDetection {
  width: number
  height: number
  faces: EngineFace[]
  /** Engine time for this call in ms (decode + inference). */
  elapsedMs: number
}

/** Live tensor bookkeeping of TensorFlow.js, for leak checks. */
export interface EngineMemory {
  numTensors: number
  numBytes: number
}

/**
 * The face engine. Every method is asynchronous because the work happens in another thread.
 * `detect` rejects with a ClockfaceError `unreadable-image` for bytes that do not decode, and
 * `engine-unavailable` when the models failed to load.
 */
export interface FaceEngine {
  /** Resolves when models are loaded; rejects with `engine-unavailable` if they cannot be. */
  ready(): Promise<void>
  status(): EngineStatus
  /** Subscribes to status changes (loading progress, ready, error); returns an unsubscribe. */
  onStatus(listener: (status: EngineStatus) => void): () => void
  detect(image: ImageInput, options: DetectOptions): Promise<EngineDetection>
  memory(): Promise<EngineMemory>
  close(): Promise<void>
}

/** Name of the recognition model, as reported by 1:1 verification. */
export const RECOGNITION_MODEL = 'face-api FaceRecognitionNet (ResNet-34, 128-D)'
