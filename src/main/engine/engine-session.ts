/**
 * One engine worker's life as the main thread sees it: sends requests, matches replies to
 * requests by id, forwards the worker's status reports, and says once how the worker ended.
 * It never starts a worker itself; engine-supervisor.ts decides what an end means (give up,
 * or start another worker). Protocol: engine-protocol.ts.
 */
import type { Worker } from 'node:worker_threads'
import { ClockfaceError } from '../../shared/errors'
import type { EngineStatus } from '../../shared/models'
import type { WorkerMessage, WorkerReplyValue, WorkerRequest } from './engine-protocol'

/**
 * How a worker ended, when nobody on the main thread asked it to:
 * - `load-failed`: the worker reported that its files cannot be loaded (missing or damaged
 *   model file, missing wasm binary). `reason` names the file. Loading again would fail
 *   the same way, so this end is permanent.
 * - `crashed`: an uncaught error in the worker, or the thread exited (killed, out of memory,
 *   wasm abort). Nothing says a fresh worker would fail too.
 */
export interface WorkerEnd {
  kind: 'load-failed' | 'crashed'
  /** A sentence for people, e.g. `the face engine stopped unexpectedly (exit code 1)`. */
  reason: string
}

/** What a {@link WorkerSession} tells its owner. Neither is called after the session ended. */
export interface WorkerSessionEvents {
  /** A status report of the worker while it loads (`loading`) and once it is `ready`. */
  onStatus(status: EngineStatus): void
  /**
   * Called once when the worker ends on its own (see {@link WorkerEnd}), after every
   * request still pending has been rejected; not called after {@link WorkerSession.terminate}.
   */
  onEnd(end: WorkerEnd): void
}

/** Distributes the Omit over the request union so each variant keeps its own fields. */
export type RequestBody = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never

/** The main-thread handle of one running engine worker. */
export interface WorkerSession {
  /**
   * Sends one request and resolves with the worker's reply value. Rejects with the
   * ClockfaceError the worker replied with (e.g. `unreadable-image`), with
   * `engine-unavailable` when the worker ends before replying or has already ended, and
   * with `internal` when the request cannot be sent (e.g. a value the structured clone
   * refuses). `transfer` buffers are moved to the worker, not copied.
   */
  request<K extends keyof WorkerReplyValue>(body: RequestBody & { type: K }, transfer?: ArrayBuffer[]): Promise<WorkerReplyValue[K]>
  /**
   * Ends the session on purpose: no new request is accepted, {@link WorkerSessionEvents.onEnd}
   * is not called, and once the thread has stopped the requests still pending reject with
   * ClockfaceError `engine-unavailable` carrying `reason` and the promise resolves.
   * Safe to call more than once.
   */
  terminate(reason: string): Promise<void>
  /**
   * Stops a worker that no longer answers (one request ran far past any real one) as if it
   * had crashed: pending requests reject at once with ClockfaceError `engine-unavailable`
   * carrying `reason`, {@link WorkerSessionEvents.onEnd} is called with kind `crashed` (so
   * the supervisor starts another worker), and the thread is terminated. Does nothing once
   * the session has ended.
   */
  abort(reason: string): void
}

interface Pending {
  resolve: (value: never) => void
  reject: (error: ClockfaceError) => void
}

const unavailable = (message: string): ClockfaceError => new ClockfaceError('engine-unavailable', message)

/**
 * Attaches to a freshly created engine `worker` (one whose `message`, `error` and `exit`
 * events nobody else handles) and returns its session. Request ids are unique within the
 * session, which is all the worker needs: each worker serves only its own session.
 */
export function openWorkerSession(worker: Worker, events: WorkerSessionEvents): WorkerSession {
  const pending = new Map<number, Pending>()
  let nextId = 1
  let ended = false

  function rejectPending(reason: string): void {
    const error = unavailable(reason)
    for (const request of pending.values()) request.reject(error)
    pending.clear()
  }

  function endOnItsOwn(kind: WorkerEnd['kind'], reason: string): void {
    if (ended) return
    ended = true
    rejectPending(reason)
    events.onEnd({ kind, reason })
  }

  worker.on('message', (message: WorkerMessage) => {
    if (message.type === 'status') {
      if (ended) return
      if (message.status.state === 'error') {
        endOnItsOwn('load-failed', `the face engine failed to load: ${message.status.error ?? 'unknown error'}`)
        // The worker cannot serve anything now; free the thread and its wasm heap.
        void worker.terminate()
      } else {
        events.onStatus(message.status)
      }
      return
    }
    const request = pending.get(message.id)
    if (!request) return
    pending.delete(message.id)
    if (message.ok) request.resolve(message.value as never)
    else request.reject(new ClockfaceError(message.error.code, message.error.message))
  })
  // An uncaught error is always followed by 'exit'; the first of the two names the cause.
  worker.on('error', (error) => endOnItsOwn('crashed', `the face engine crashed: ${error.message}`))
  worker.on('exit', (code) => endOnItsOwn('crashed', `the face engine stopped unexpectedly (exit code ${code})`))

  return {
    request<K extends keyof WorkerReplyValue>(body: RequestBody & { type: K }, transfer: ArrayBuffer[] = []): Promise<WorkerReplyValue[K]> {
      if (ended) return Promise.reject(unavailable('the face engine stopped'))
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
    },
    async terminate(reason: string): Promise<void> {
      ended = true
      await worker.terminate()
      // Replies that arrived while the thread stopped were delivered; the rest fail only now,
      // so a caller that awaits close() before handling its request still sees the rejection
      // as handled (the rejection and close() settle in the same turn).
      rejectPending(reason)
    },
    abort(reason: string): void {
      if (ended) return
      endOnItsOwn('crashed', reason)
      // The 'exit' that follows finds the session ended and adds nothing.
      void worker.terminate()
    }
  }
}
