/**
 * The {@link FaceEngine} the services hold: it runs one engine worker at a time and starts a
 * new one when the worker crashes mid-shift, so a dead thread does not leave the kiosk dead
 * until someone restarts the app. Load failures (missing or damaged model or wasm file, no
 * worker script) are permanent and end in status `error`; so does a crash that keeps coming
 * back ({@link MAX_CONSECUTIVE_RESTARTS}).
 *
 * Life cycle of the status: `loading` → `ready`; on a crash, `loading` again (progress 0,
 * `error` saying why it restarts, `restarts` counting) → `ready`; `error` for good after a
 * load failure, too many crashes in a row, or `close()`.
 */
import { performance } from 'node:perf_hooks'
import type { Worker } from 'node:worker_threads'
import type { ImageInput } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { WorkerReplyValue } from './engine-protocol'
import { transferableBuffer } from './engine-protocol'
import { createEngineQueue, queueLimits, workKind, type QueueLimitOptions } from './engine-queue'
import { openWorkerSession, type RequestBody, type WorkerEnd, type WorkerSession } from './engine-session'
import type { AnalyseOptions, DetectOptions, EngineAnalysis, EngineDetection, EngineMemory, FaceEngine } from './engine-types'
import { screenEncodedImage } from './image-screen'

/**
 * Delay before the first restart after a crash, in ms. Long enough for the dead thread's
 * wasm heap to be given back and for a passing condition (memory pressure) to pass; short
 * next to a model load (≈ 300 ms, wasm, 2 cores), so the front desk waits about half a second.
 */
export const INITIAL_RESTART_DELAY_MS = 250

/**
 * Ceiling of the restart delay, in ms. The delay doubles after each crash in a row; with the
 * defaults the give-up comes first (250 + 500 + 1000 + 2000 + 4000 ms), the ceiling matters
 * when `maxRestarts` is raised.
 */
export const MAX_RESTART_DELAY_MS = 10_000

/**
 * Restarts in a row after which the engine gives up (status `error`). A fault that kills
 * five fresh threads within about 8 s of waiting is not passing (broken build, a CPU the wasm
 * runtime cannot use, no memory left) and needs a person; the admin screen shows the error.
 */
export const MAX_CONSECUTIVE_RESTARTS = 5

/**
 * Time in ms a worker must have been ready before its crash counts as a new incident (the
 * crashes-in-a-row count and the delay start over). A minute of serving is hundreds of kiosk
 * frames, so a crash after that is not the same start-up fault repeating, while a worker that
 * crashes on every first frame still reaches the give-up.
 */
export const STABLE_AFTER_MS = 60_000

/**
 * Creates the engine worker (a `worker_threads` Worker running engine-worker.js with its
 * config). Called once at start and once per restart; each call must return a new Worker.
 * Throwing means the worker cannot be created at all (e.g. its script is missing): the
 * engine turns to `error` with the thrown message and does not retry.
 */
export type SpawnWorker = () => Worker

/** Tuning of {@link superviseEngine}; every field defaults to the constant of the same meaning. */
export interface SupervisorOptions {
  /** Delay before the first restart, in ms (default {@link INITIAL_RESTART_DELAY_MS}). */
  initialRestartDelayMs?: number
  /** Ceiling of the doubling restart delay, in ms (default {@link MAX_RESTART_DELAY_MS}). */
  maxRestartDelayMs?: number
  /** Restarts in a row before giving up (default {@link MAX_CONSECUTIVE_RESTARTS}); 0 never restarts. */
  maxRestarts?: number
  /** Ready time in ms after which a crash starts the count over (default {@link STABLE_AFTER_MS}). */
  stableAfterMs?: number
  /** Bounds and time limits of the detect queue (defaults in engine-queue.ts). */
  queue?: QueueLimitOptions
}

const unavailable = (message: string): ClockfaceError => new ClockfaceError('engine-unavailable', message)

const CLOSED = 'the face engine was closed'

interface Waiter {
  resolve: () => void
  reject: (error: ClockfaceError) => void
}

/**
 * Starts a worker with `spawnWorker` and returns the engine that talks to it and replaces it
 * after a crash. Loading starts at once; follow it with `status()`, `onStatus()` or `ready()`.
 *
 * - A crash (uncaught error in the worker, or the thread exits without `close()`): requests
 *   in flight reject with ClockfaceError `engine-unavailable`; the status turns to `loading`
 *   (progress 0, `error` naming the crash, `restarts` + 1); a new worker starts after
 *   `initialRestartDelayMs`, doubling per crash in a row up to `maxRestartDelayMs`. Calls
 *   made meanwhile wait for the new worker, like calls during the first load.
 * - More than `maxRestarts` crashes in a row, a load failure reported by the worker (its
 *   message names the file), or `spawnWorker` throwing: status `error`; waiting and later
 *   calls reject with `engine-unavailable`, and no worker is started again.
 * - `close()`: no restart ever; pending and later calls reject with `engine-unavailable`.
 *
 * `detect` screens an encoded image first (type by magic bytes, size from its header;
 * image-screen.ts), then waits its turn in a bounded queue (engine-queue.ts): it rejects at
 * once with `unsupported-image` or `too-large` for an image the engine would refuse, with
 * `busy` when too many requests of its kind already wait, and with `timeout` when it was not
 * answered within its kind's time limit. A request the worker runs for longer than the
 * queue's hung limit ends that worker as a crash, and a new one is started as above.
 */
export function superviseEngine(spawnWorker: SpawnWorker, options: SupervisorOptions = {}): FaceEngine {
  const initialDelay = options.initialRestartDelayMs ?? INITIAL_RESTART_DELAY_MS
  const maxDelay = options.maxRestartDelayMs ?? MAX_RESTART_DELAY_MS
  const maxRestarts = options.maxRestarts ?? MAX_CONSECUTIVE_RESTARTS
  const stableAfter = options.stableAfterMs ?? STABLE_AFTER_MS

  let status: EngineStatus = { state: 'loading', progress: 0, backend: null, models: [], error: null }
  const listeners = new Set<(status: EngineStatus) => void>()
  const readyWaiters: Waiter[] = []
  let session: WorkerSession | null = null
  /** When the current worker turned ready (performance.now() ms), null while it loads. */
  let readySince: number | null = null
  /** Crashes since the last stable worker; decides the delay and the give-up. */
  let crashesInARow = 0
  /** Restarts since creation, counting one under way; shown as `status.restarts`. */
  let restarts = 0
  /** Why the engine is loading again; shown as `status.error` until the new worker is ready. */
  let restartNote: string | null = null
  let restartTimer: ReturnType<typeof setTimeout> | null = null
  let closed = false
  /** Settles when close() is done; set by close(). */
  let closing: Promise<void> | null = null
  /** Encoded images of detect calls still being screened, not yet queued. */
  const screening = new Set<Promise<unknown>>()
  const limits = queueLimits(options.queue)
  const queue = createEngineQueue(limits, {
    canStart: () => status.state === 'ready' && session !== null,
    onHung: (kind, runningMs) => {
      session?.abort(
        `the face engine stopped answering (one ${kind} ran for ${(runningMs / 1000).toFixed(1)} s, ` +
          `the limit is ${(limits.hungAfterMs[kind] / 1000).toFixed(1)} s)`
      )
    }
  })

  function publish(next: EngineStatus): void {
    status = restarts > 0 ? { ...next, restarts } : next
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
      if (status.state === 'ready') waiter.resolve()
      else waiter.reject(unavailable(status.error ?? 'the face engine stopped'))
    }
    if (status.state === 'ready') queue.wake()
    // close() fails its waiting calls itself, once the worker has stopped.
    else if (!closed) queue.clear(unavailable(status.error ?? 'the face engine stopped'))
  }

  /** Down for good: the first reason wins (a later close() keeps the cause visible). */
  function giveUp(reason: string): void {
    if (restartTimer !== null) clearTimeout(restartTimer)
    restartTimer = null
    if (status.state !== 'error') publish({ ...status, state: 'error', error: reason })
  }

  function start(): void {
    let worker: Worker
    try {
      worker = spawnWorker()
    } catch (error) {
      giveUp(`the face engine could not start: ${error instanceof Error ? error.message : String(error)}`)
      return
    }
    readySince = null
    const current: WorkerSession = openWorkerSession(worker, {
      onStatus: (next) => {
        if (session === current) onWorkerStatus(next)
      },
      onEnd: (end) => {
        if (session === current) onWorkerEnd(end)
      }
    })
    session = current
  }

  function onWorkerStatus(next: EngineStatus): void {
    if (next.state === 'ready') {
      readySince ??= performance.now()
      restartNote = null
    }
    publish({ ...next, error: next.state === 'loading' ? restartNote : next.error })
  }

  function onWorkerEnd(end: WorkerEnd): void {
    session = null
    if (end.kind === 'load-failed') {
      giveUp(end.reason)
      return
    }
    if (readySince !== null && performance.now() - readySince >= stableAfter) crashesInARow = 0
    crashesInARow += 1
    if (crashesInARow > maxRestarts) {
      giveUp(`${end.reason}; gave up after ${maxRestarts} restarts in a row`)
      return
    }
    restarts += 1
    restartNote = `the face engine is restarting after a crash (attempt ${crashesInARow} of ${maxRestarts}): ${end.reason}`
    publish({ state: 'loading', progress: 0, backend: null, models: [], error: restartNote })
    const delay = Math.min(initialDelay * 2 ** (crashesInARow - 1), maxDelay)
    restartTimer = setTimeout(() => {
      restartTimer = null
      start()
    }, delay)
  }

  function ready(): Promise<void> {
    if (status.state === 'ready') return Promise.resolve()
    if (status.state === 'error') return Promise.reject(unavailable(status.error ?? 'the face engine stopped'))
    return new Promise((resolve, reject) => readyWaiters.push({ resolve, reject }))
  }

  function call<K extends keyof WorkerReplyValue>(body: RequestBody & { type: K }, transfer: ArrayBuffer[] = []): Promise<WorkerReplyValue[K]> {
    // Sent at once when ready, so a close() or crash right after the call finds the request
    // with the worker and fails it with that cause, as it would a request already running.
    if (status.state === 'ready' && session) return session.request<K>(body, transfer)
    return ready().then(() => {
      // `ready` is only ever published by the live worker's session, so one exists here.
      if (!session) throw unavailable('the face engine stopped')
      return session.request<K>(body, transfer)
    })
  }

  /**
   * Screens, queues and sends one image request (detect or analyse) of `body.type`, as
   * {@link superviseEngine} describes for `detect`.
   */
  function imageRequest<K extends 'detect' | 'analyse'>(
    body: RequestBody & { type: K; image: ImageInput },
    options: Pick<DetectOptions, 'detector'>
  ): Promise<WorkerReplyValue[K]> {
    const { image } = body
    const send = (): Promise<WorkerReplyValue[K]> => {
      // The queue starts a request only while ready, when a session always exists.
      if (!session) return Promise.reject(unavailable(status.error ?? 'the face engine stopped'))
      const buffer = image.kind === 'pixels' ? transferableBuffer(image.data) : null
      return session.request<K>(body, buffer ? [buffer] : [])
    }
    const enqueue = (): Promise<WorkerReplyValue[K]> => {
      if (status.state !== 'error') return queue.run(workKind(options), send)
      const error = unavailable(status.error ?? 'the face engine stopped')
      // A call screened while close() runs fails when close() settles, as calls with the worker do.
      return closing ? closing.then(() => Promise.reject(error)) : Promise.reject(error)
    }
    // Raw frames have no header to screen; queued in the same turn, so a close() or crash
    // right after the call finds them with the worker.
    if (image.kind !== 'encoded') return enqueue()
    const screened = screenEncodedImage(image.data)
    const forget = (): void => void screening.delete(screened)
    screening.add(screened)
    screened.then(forget, forget)
    return screened.then(enqueue)
  }

  start()

  return {
    ready,
    status: () => status,
    onStatus(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    detect(image: ImageInput, options: DetectOptions): Promise<EngineDetection> {
      return imageRequest({ type: 'detect', image, options }, options)
    },
    analyse(image: ImageInput, options: AnalyseOptions): Promise<EngineAnalysis> {
      return imageRequest({ type: 'analyse', image, options }, options)
    },
    memory(): Promise<EngineMemory> {
      return call({ type: 'memory' })
    },
    async close(): Promise<void> {
      if (closed) return
      closed = true
      let done = (): void => undefined
      closing = new Promise<void>((resolve) => (done = resolve))
      const current = session
      session = null
      giveUp(CLOSED)
      await current?.terminate(CLOSED)
      // Calls waiting in the queue or still being screened fail now, in the turn close()
      // settles, like the calls the worker had: a caller that awaits close() before handling
      // its call still sees the rejection as handled.
      await Promise.allSettled([...screening])
      queue.clear(unavailable(CLOSED))
      done()
    }
  }
}
