/**
 * The one way to get a face engine: `createEngine(options)` starts the engine thread and
 * returns its {@link FaceEngine}.
 */
import { resolve } from 'node:path'
import { startEngineWorker } from './engine-client'
import { defaultEnginePaths } from './engine-paths'
import type { EngineOptions, FaceEngine } from './engine-types'

/**
 * Starts a face engine in a worker thread. Paths default to {@link defaultEnginePaths} (the
 * project's `resources/models`, installed tfjs-backend-wasm, `engine-worker.js` beside the
 * running bundle); the Electron shell passes them explicitly for packaged apps. `backend`
 * defaults to `auto` (tfjs-node when installed, else wasm).
 * Never throws for missing files: the engine's status turns to `error` (message naming the
 * file) and its calls reject with ClockfaceError `engine-unavailable`. A worker that crashes
 * later is replaced after a short delay (status `loading` meanwhile; see
 * engine-supervisor.ts). Call `close()` when done, or the thread (or a pending restart) keeps
 * the process alive.
 */
export function createEngine(options: EngineOptions = {}): FaceEngine {
  const defaults = defaultEnginePaths()
  return startEngineWorker(resolve(options.workerPath ?? defaults.workerPath), {
    modelsDir: resolve(options.modelsDir ?? defaults.modelsDir),
    wasmDir: options.wasmDir ?? defaults.wasmDir,
    backend: options.backend ?? 'auto',
    liveHelper: options.liveHelper ?? true
  })
}
