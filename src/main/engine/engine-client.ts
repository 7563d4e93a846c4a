/**
 * The main-thread side of the engine: a {@link FaceEngine} that forwards calls to the engine
 * worker and matches replies to requests by id. Protocol: engine-protocol.ts.
 */
import { Worker } from 'node:worker_threads'
import type { ImageInput } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { WorkerConfig, WorkerMessage, WorkerReplyValue, WorkerRequest } from './engine-protocol'
import { transferableBuffer } from './engine-protocol'
import type { DetectOptions, EngineDetection, EngineMemory, FaceEngine } from './engine-types'

interface Pending {
  resolve: (value: never) => void
  reject: (error: ClockfaceError) => void
}

/** Distributes the Omit over the request union so each variant keeps its own fields. */
type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

const unavailable = (message: string): ClockfaceError => new ClockfaceError('engine-unavailable', message)

/**
 * Starts the engine worker at `workerPath` with `config` and returns the engine that talks
 * to it. Loading starts at once; follow it with `status()`, `onStatus()` or `ready()`.
 * When the worker reports a load error, crashes or exits, the status turns to `error`, every
 * pending call rejects with ClockfaceError `engine-unavailable`, and so do later calls.
 */
export function startEngineWorker(workerPath: string, config: WorkerConfig): FaceEngine {
  let status: EngineStatus = { state: 'loading', progress: 0, backend: null, models: [], error: null }
  const listeners = new Set<(status: EngineStatus) => void>()
  const pending = new Map<number, Pending>()
  const readyWaiters: Pending[] = []
  let nextId = 1
  let stopped = false

  const worker = new Worker(workerPath, { workerData: config })

  function publish(next: EngineStatus): void {
    status = next
    for (const listener of listeners) {
      // A throwing subscriber must not stop the engine from settling its own promises.
      try {
        listener(status)
      } catch {
        /* the subscriber's own failure */
      }
    }
    if (status.state === 'loading') return
    for (const waiter of readyWaiters.splice(0)) {
      if (status.state === 'ready') waiter.resolve(undefined as never)
      else waiter.reject(unavailable(status.error ?? 'the face engine stopped'))
    }
  }

  /** Marks the engine down (first reason wins) and fails everything waiting on it. */
  function fail(reason: string): void {
    if (status.state !== 'error') publish({ ...status, state: 'error', error: reason })
    const error = unavailable(status.error ?? reason)
    for (const request of pending.values()) request.reject(error)
    pending.clear()
  }

  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'status') {
      if (stopped) return
      if (message.status.state === 'error') {
        fail(`the face engine failed to load: ${message.status.error ?? 'unknown error'}`)
        // Nothing can be served any more; free the thread and its wasm heap.
        void worker.terminate()
      } else {
        publish(message.status)
      }
      return
    }
    const request = pending.get(message.id)
    if (!request) return
    pending.delete(message.id)
    if (message.ok) request.resolve(message.value as never)
    else request.reject(new ClockfaceError(message.error.code, message.error.message))
  })
  worker.on('error', (error) => fail(`the face engine crashed: ${error.message}`))
  worker.on('exit', (code) => fail(stopped ? 'the face engine was closed' : `the face engine stopped (exit code ${code})`))

  function ready(): Promise<void> {
    if (status.state === 'ready') return Promise.resolve()
    if (status.state === 'error') return Promise.reject(unavailable(status.error ?? 'the face engine stopped'))
    return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }))
  }

  async function call<K extends keyof WorkerReplyValue>(body: RequestBody & { type: K }, transfer: ArrayBuffer[] = []): Promise<WorkerReplyValue[K]> {
    await ready()
    const id = nextId++
    return new Promise<WorkerReplyValue[K]>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      try {
        worker.postMessage({ ...body, id } as WorkerRequest, transfer)
      } catch (error) {
        pending.delete(id)
        reject(new ClockfaceError('internal', `could not send the request to the face engine: ${(error as Error).message}`))
      }
    })
  }

  return {
    ready,
    status: () => status,
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    detect(image: ImageInput, options: DetectOptions): Promise<EngineDetection> {
      const buffer = image.kind === 'pixels' ? transferableBuffer(image.data) : null
      return call({ type: 'detect', image, options }, buffer ? [buffer] : [])
    },
    memory(): Promise<EngineMemory> {
      return call({ type: 'memory' })
    },
    async close(): Promise<void> {
      if (stopped) return
      stopped = true
      fail('the face engine was closed')
      await worker.terminate()
    }
  }
}
