/**
 * The main-thread side of the engine with its real worker: a supervised {@link FaceEngine}
 * (engine-supervisor.ts) whose workers run the built engine-worker.js. Protocol:
 * engine-protocol.ts.
 */
import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import type { WorkerConfig } from './engine-protocol'
import { superviseEngine, type SupervisorOptions } from './engine-supervisor'
import type { FaceEngine } from './engine-types'

/**
 * Creates one engine worker thread running the script at `workerPath` (absolute) with
 * `config` as its `workerData`; it starts loading at once. Throws an Error naming the script
 * when it does not exist: Node would otherwise report that only later, as a crash, which the
 * supervisor would retry although no retry can help.
 */
export function spawnEngineWorker(workerPath: string, config: WorkerConfig): Worker {
  if (!existsSync(workerPath)) throw new Error(`engine worker script ${workerPath} is missing (build the app with electron-vite build)`)
  return new Worker(workerPath, { workerData: config })
}

/**
 * Starts the engine worker at `workerPath` with `config` and returns the engine that talks
 * to it, restarting the worker after a crash as {@link superviseEngine} describes
 * (`supervision` tunes the delays and the give-up). Loading starts at once; follow it with
 * `status()`, `onStatus()` or `ready()`. A missing worker script or a load error reported by
 * the worker turns the status to `error` for good, and every call then rejects with
 * ClockfaceError `engine-unavailable`.
 */
export function startEngineWorker(workerPath: string, config: WorkerConfig, supervision: SupervisorOptions = {}): FaceEngine {
  return superviseEngine(() => spawnEngineWorker(workerPath, config), supervision)
}
