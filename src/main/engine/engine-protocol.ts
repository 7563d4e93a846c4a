/**
 * Messages between the engine client (main thread) and the engine worker (worker_threads).
 * Everything here crosses `postMessage`, so it must survive the structured clone: plain
 * objects, arrays, numbers, strings and Uint8Arrays only (no class instances, no Errors).
 */
import type { ImageInput } from '../../shared/contract'
import type { ErrorCode } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { AnalyseOptions, BackendChoice, DetectOptions, EngineAnalysis, EngineDetection, EngineMemory } from './engine-types'

/** `workerData` of the engine worker: where its files are and which backend to use. */
export interface WorkerConfig {
  /** Absolute folder of the model files. */
  modelsDir: string
  /** Absolute folder of the tfjs-backend-wasm `.wasm` files. */
  wasmDir: string
  backend: BackendChoice
  /** Whether tracked live streams may use a helper thread (live-helper.ts); default true. */
  liveHelper?: boolean
}

/** A request from the client; `id` is unique per client and echoed in the reply. */
export type WorkerRequest =
  | { id: number; type: 'detect'; image: ImageInput; options: DetectOptions }
  | { id: number; type: 'analyse'; image: ImageInput; options: AnalyseOptions }
  | { id: number; type: 'memory' }

/** Value a request resolves to, by request type. */
export interface WorkerReplyValue {
  detect: EngineDetection
  analyse: EngineAnalysis
  memory: EngineMemory
}

/** A failure as it crosses the thread boundary. */
export interface WorkerError {
  code: ErrorCode
  message: string
}

/** A message from the worker: a status change, or the reply to one request. */
export type WorkerMessage =
  | { type: 'status'; status: EngineStatus }
  | { type: 'reply'; id: number; ok: true; value: WorkerReplyValue[keyof WorkerReplyValue] }
  | { type: 'reply'; id: number; ok: false; error: WorkerError }

/**
 * The ArrayBuffer behind `bytes` when it can be moved to the other thread instead of copied:
 * only when the view spans the whole buffer (a slice of Node's shared Buffer pool must never
 * be detached) and the buffer is an ordinary, non-shared ArrayBuffer.
 */
export function transferableBuffer(bytes: Uint8Array): ArrayBuffer | null {
  const buffer = bytes.buffer
  if (!(buffer instanceof ArrayBuffer)) return null
  if (bytes.byteOffset !== 0 || bytes.byteLength !== buffer.byteLength) return null
  return buffer
}
