/**
 * The recognition engine's interface, as the services see it. The engine runs in its own
 * thread (see engine-client.ts / engine-worker.ts); these types are what crosses to it.
 */
import type { ImageInput } from '../../shared/contract'
import type { DetectedFace, EngineStatus } from '../../shared/models'
import type { AttackScores, PadDetector } from './pad/pad-runner'

/** Face detectors the engine carries. */
export type DetectorName = 'tiny-face-detector' | 'ssd-mobilenetv1'

/** Options of one detect call. */
export interface DetectOptions {
  /**
   * `tiny-face-detector` for live frames (detection with the landmarks looked at twice
   * ≈ 160 ms at 416 px on a 640×480 frame, wasm, one thread, idle machine; tracked frames
   * skip it, run-live-frame.ts);
   * `ssd-mobilenetv1` for enrolment photos (slower, finds smaller and turned faces).
   * The 68 landmarks always come along (≈ 17 ms per face and look).
   */
  detector: DetectorName
  /** Compute each face's descriptor (MobileFaceNet with mirror TTA, 192-D; ≈ 76 ms more per face, wasm, one thread). */
  withDescriptors: boolean
  /** Add a JPEG thumbnail of each face (150×150 px) and its aligned face for storage (224×224 px, aligned-face.ts). */
  withThumbnails?: boolean
  /** Minimum detector score, 0..1 (default 0.5 for both detectors, see detector-options.ts). */
  minScore?: number
  /**
   * Presentation-attack detectors to score each face with (pad/pad-runner.ts; `texture` adds
   * about 15 ms per face, bench/results/pad.md); the scores come back in {@link EngineFace.attackScores}.
   */
  presentationAttack?: readonly PadDetector[]
  /**
   * Side in pixels of the square the tiny face detector resizes the image to; a multiple of 32
   * (default 416, see detector-options.ts). Smaller is faster but misses small faces.
   * Ignored by `ssd-mobilenetv1`, which always works at 512 px.
   */
  inputSize?: number
  /**
   * Live camera frames of one stream (a kiosk): track faces between frames instead of
   * detecting and describing each frame from scratch (run-live-frame.ts). Faces then carry a
   * `trackId`, and a `descriptor` only on the frames the tracker picks (a new face's first
   * frames, a face grown larger, a periodic refresh) unless `describeEveryFrame`. With the
   * engine's live helper thread (EngineOptions.liveHelper) most descriptors are computed
   * there and come with a later frame of the same track (one per face per frame), never with
   * a track whose face changed in between.
   * Only with the tiny detector; thumbnails are not made. `restart` drops the stream's tracks
   * first (the caller saw a pause in the stream, so no face on this frame continues a track).
   */
  track?: { stream: string; describeEveryFrame?: boolean; restart?: boolean }
}

/** A face as the engine returns it. */
export interface EngineFace extends DetectedFace {
  /** MobileFaceNet descriptor (192 numbers, unit length; compare by Euclidean distance or cosine similarity). */
  descriptor?: number[]
  /** JPEG bytes of the face crop shown in lists. */
  thumbnail?: Uint8Array
  /** Presentation-attack scores by detector, 0 (bona fide) … ≈1 (attack), when asked for. */
  attackScores?: AttackScores
  /** JPEG bytes of the 5-point aligned face a template keeps for recomputing (aligned-face.ts). */
  alignedFace?: Uint8Array
  /** Live frames with {@link DetectOptions.track}: the track this face belongs to, the same id while it stays in view. */
  trackId?: string
}

/** Result of one detect call: faces in the pixels of the image that was sent. */
export interface EngineDetection {
  width: number
  height: number
  faces: EngineFace[]
  /** Engine time for this call in ms (decode + inference). */
  elapsedMs: number
}

/** Options of one analyse call. */
export interface AnalyseOptions {
  /** Detector that finds the faces (see {@link DetectOptions.detector}); photos use `ssd-mobilenetv1`. */
  detector: DetectorName
  /** Minimum detector score, 0..1 (default 0.5, see detector-options.ts). */
  minScore?: number
}

/**
 * The estimates of face-api's own analysis models for one face: `age` in years (a regression,
 * not a whole number), `gender` with `genderProbability` (0..1, the probability of that
 * answer), and the probability (0..1, summing to 1) of each of face-api's seven expressions:
 * neutral, happy, sad, angry, fearful, disgusted, surprised.
 */
export interface FaceEstimates {
  age: number
  gender: 'female' | 'male'
  genderProbability: number
  expressions: Record<string, number>
}

/** A face as the engine's analysis returns it: the detected face and its estimates. */
export type AnalysedFace = DetectedFace & FaceEstimates

/** Result of one analyse call: faces in the pixels of the image that was sent. */
export interface EngineAnalysis {
  width: number
  height: number
  faces: AnalysedFace[]
  /** Engine time for this call in ms (decode + inference; the first call also loads the analysis models). */
  elapsedMs: number
}

/** Live tensor bookkeeping of TensorFlow.js, for leak checks. */
export interface EngineMemory {
  numTensors: number
  numBytes: number
}

/**
 * The face engine. Every method is asynchronous because the work happens in another thread.
 * `detect` rejects with a ClockfaceError `unsupported-image` for bytes that are not a JPEG,
 * PNG or WebP, `too-large` for an image over the pixel limits (both checked before anything
 * is decoded or queued), `unreadable-image` for bytes that do not decode, `busy` when too many
 * requests of its kind already wait (details `{ retryAfterMs }`), `timeout` when it was not
 * answered within its kind's time limit (engine-queue.ts), and `engine-unavailable` when the
 * models failed to load, when the engine thread crashed while working on that call, or after
 * `close()`. After a crash, or when one request keeps the thread busy far past any real one,
 * the engine starts a new thread by itself (status `loading`, then `ready`); calls made
 * meanwhile wait for it, within their time limits.
 */
export interface FaceEngine {
  /**
   * Resolves when models are loaded (again, while restarting after a crash); rejects with
   * `engine-unavailable` if they cannot be, or once the engine has given up or been closed.
   */
  ready(): Promise<void>
  status(): EngineStatus
  /** Subscribes to status changes (loading progress, ready, restarting, error); returns an unsubscribe. */
  onStatus(listener: (status: EngineStatus) => void): () => void
  /**
   * Detects faces (and landmarks, descriptors, thumbnails as asked). Pixel images are handed
   * to the engine thread without copying: the `data` buffer of a `pixels` image is detached
   * (unusable by the caller) after the call when it spans a whole ArrayBuffer.
   */
  detect(image: ImageInput, options: DetectOptions): Promise<EngineDetection>
  /**
   * Finds the faces of an image and estimates age, gender and expression of each with
   * face-api's age/gender and expression models, which the engine thread loads on the first
   * call (so start-up never waits for them; a missing or damaged model file fails this call
   * with `engine-unavailable` naming the file, and detection keeps working). Queued, screened
   * and limited like a photo `detect`, with the same errors.
   */
  analyse(image: ImageInput, options: AnalyseOptions): Promise<EngineAnalysis>
  /** Live tensors in the engine thread; rejects with `engine-unavailable` when the engine is down. */
  memory(): Promise<EngineMemory>
  /** Stops the engine thread; pending and later calls reject with `engine-unavailable`. */
  close(): Promise<void>
}

/** Which TensorFlow.js backend to use: `auto` prefers tfjs-node when it loads, else wasm. */
export type BackendChoice = 'auto' | 'wasm'

/**
 * Options of {@link FaceEngine} creation. Every path is absolute; defaults suit the built app
 * run from the project folder (see engine-paths.ts); the Electron shell passes them explicitly
 * for packaged apps.
 */
export interface EngineOptions {
  /** Folder with the face-api model files (`<name>-weights_manifest.json` + `<name>.bin`). */
  modelsDir?: string
  /** Folder with the tfjs-backend-wasm `.wasm` files, ending in a path separator or not. */
  wasmDir?: string
  /** The built worker script, `out/main/engine-worker.js`. */
  workerPath?: string
  backend?: BackendChoice
  /**
   * Whether tracked kiosk streams may hand their periodic detection and most descriptors to a
   * second thread on another core (live-helper.ts; default true). Off, the engine thread does
   * all of it, and every descriptor comes with the frame it was asked for.
   */
  liveHelper?: boolean
}

/** Name of the recognition model, as reported by 1:1 verification. */
export const RECOGNITION_MODEL = 'MobileFaceNet (ArcFace loss, 192-D, mirror TTA)'
