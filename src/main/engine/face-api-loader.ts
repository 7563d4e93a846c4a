/**
 * Loads face-api with the fastest TensorFlow.js backend available in this process. Runs in
 * the engine worker only (TensorFlow.js keeps global state per thread).
 *
 * - `tensorflow` (tfjs-node, native libtensorflow) when the optional `@tensorflow/tfjs-node`
 *   loads: face-api's `face-api.node.js` build, required at run time from node_modules (it is
 *   external in electron.vite.config.ts, because it requires the native module itself).
 * - `wasm` otherwise: face-api's `face-api.node-wasm.js` build with tfjs + tfjs-backend-wasm,
 *   bundled into the worker; the `.wasm` binaries are read from `wasmDir`.
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type * as FaceApiModule from '@vladmandic/face-api'
import type { BackendChoice } from './engine-types'
import type { WeightSpec } from './model-files'

/** The face-api namespace (same API for both builds). */
export type FaceApi = typeof FaceApiModule

/** TensorFlow.js functions the engine uses beyond the subset face-api's typings declare. */
export interface TfRuntime {
  setBackend(name: string): Promise<boolean>
  ready(): Promise<void>
  getBackend(): string
  memory(): { numTensors: number; numBytes: number }
  /** Only in the wasm build: where the backend fetches its `.wasm` files from. */
  setWasmPaths?(prefix: string): void
  io: { decodeWeights(data: ArrayBuffer, specs: WeightSpec[]): FaceApiModule.tf.NamedTensorMap }
}

/** face-api ready to load models, its TensorFlow.js instance and the active backend. */
export interface LoadedFaceApi {
  faceapi: FaceApi
  tf: FaceApi['tf'] & TfRuntime
  /** `tensorflow` (tfjs-node) or `wasm`. */
  backend: string
}

/** Options of {@link loadFaceApi}. */
export interface FaceApiLoaderOptions {
  /** `wasm` skips the tfjs-node probe. */
  backend: BackendChoice
  /** Folder of the tfjs-backend-wasm `.wasm` files. */
  wasmDir: string
}

const nodeRequire = createRequire(__filename)

/**
 * The wasm binaries the backend may pick in Node: SIMD when the runtime has it (Node ≥ 16
 * does), plain otherwise. The threaded build needs cross-origin-isolated web workers and is
 * never chosen in Node (tfjs-backend-wasm README, "Using bundlers"; flag
 * WASM_HAS_MULTITHREAD_SUPPORT is false here).
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const

/** face-api's tfjs-node build, or null when `@tensorflow/tfjs-node` is absent or its native part fails to load. */
function tryTfjsNode(): FaceApi | null {
  try {
    nodeRequire('@tensorflow/tfjs-node')
    return nodeRequire('@vladmandic/face-api/dist/face-api.node.js') as FaceApi
  } catch {
    return null
  }
}

async function importWasmBuild(): Promise<FaceApi> {
  const mod = (await import('@vladmandic/face-api/dist/face-api.node-wasm.js')) as FaceApi & { default?: FaceApi }
  // CJS interop: depending on the bundler the namespace is the exports object or wraps it.
  return mod.default?.nets ? mod.default : mod
}

/**
 * Imports face-api and initialises its backend. Resolves with the backend name actually
 * active (`tensorflow` or `wasm`). Rejects when no backend initialises (e.g. the `.wasm`
 * files are not in `wasmDir`).
 */
export async function loadFaceApi(options: FaceApiLoaderOptions): Promise<LoadedFaceApi> {
  const nodeBuild = options.backend === 'auto' ? tryTfjsNode() : null
  const faceapi = nodeBuild ?? (await importWasmBuild())
  const tf = faceapi.tf as FaceApi['tf'] & TfRuntime
  if (nodeBuild) {
    await tf.setBackend('tensorflow')
  } else {
    if (!tf.setWasmPaths) throw new Error('face-api wasm build does not expose setWasmPaths')
    // Checked here because the wasm runtime reports a missing file only as an Emscripten abort.
    for (const file of WASM_FILES) {
      const path = join(options.wasmDir, file)
      if (!existsSync(path)) throw new Error(`wasm file ${path} is missing (set wasmDir to the tfjs-backend-wasm dist folder)`)
    }
    // A prefix, not a folder: the backend appends the file name. No usePlatformFetch: fetch()
    // cannot read file paths in Node, the default loader reads them with fs.
    tf.setWasmPaths(/[\\/]$/.test(options.wasmDir) ? options.wasmDir : `${options.wasmDir}/`)
    if (!(await tf.setBackend('wasm'))) throw new Error(`the wasm backend did not initialise from ${options.wasmDir}`)
  }
  await tf.ready()
  return { faceapi, tf, backend: tf.getBackend() }
}
