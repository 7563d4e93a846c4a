/**
 * The engine's waiting line on the main thread. The worker runs one inference at a time, so
 * requests that arrive faster than it works must wait somewhere; unbounded, that somewhere
 * grows with every flood (each waiting photo holds up to 20 MB) and every caller waits longer
 * than its answer is worth. This queue bounds both: at most a few requests of each kind wait,
 * a request beyond that is refused at once with `busy`, and a request not answered within its
 * kind's time limit fails with `timeout` and leaves the line. A worker that stays on one
 * request far longer than any real one takes is reported as hung, so the supervisor can
 * replace it.
 */
import { performance } from 'node:perf_hooks'
import { ClockfaceError } from '../../shared/errors'
import type { DetectOptions } from './engine-types'

/**
 * Kinds of engine work, each with its own bound and time limit: `frame` (a kiosk camera frame
 * through the fast detector; cheap, and worthless once stale, so dropping one costs nothing)
 * and `photo` (enrolment, verification, identification or preview of a photo through the
 * accurate detector; an admin or a script is waiting for it).
 */
export type WorkKind = 'frame' | 'photo'

/** The kind of a detect call: the tiny detector is the kiosk's frame path, SSD the photo path. */
export function workKind(options: Pick<DetectOptions, 'detector'>): WorkKind {
  return options.detector === 'tiny-face-detector' ? 'frame' : 'photo'
}

/**
 * Kiosk frames allowed to wait, beyond the request the worker is running. Each kiosk sends its
 * next frame only after the answer to the last (use-detection-loop.ts), so this is the number
 * of kiosk screens one engine serves at full rate; a frame behind 8 others is already
 * 8 × 78 ms ≈ 0.6 s old when its turn comes (README, `npm run bench`), after which its face
 * boxes no longer sit on the faces in the live video.
 */
export const MAX_WAITING_FRAMES = 8

/**
 * Photos allowed to wait, beyond the request the worker is running. People enrol or check
 * photos one at a time; 4 leaves room for a few admins or a script working at once, while
 * the photos held in memory stay under 4 × 20 MB (MAX_IMAGE_BYTES) and the last one waits
 * about 4 × 0.4–1.2 s (a photo through the worker: 360 ms in README's bench, 1.0–1.4 s
 * measured here for 24–48 MP files on a loaded 2-core machine), far inside its time limit.
 */
export const MAX_WAITING_PHOTOS = 4

/**
 * Time limit of a kiosk frame, in ms, from the call to the answer (waiting included): 5 s.
 * A frame takes 78 ms median (README) and 200–470 ms on a loaded 2-core machine including
 * the first one after start-up; a frame not answered within 5 s is useless to the kiosk,
 * which simply sends a newer one.
 */
export const FRAME_TIMEOUT_MS = 5_000

/**
 * Time limit of a photo, in ms, from the call to the answer (waiting included): 30 s, about
 * 25 × the slowest photo measured here (1.4 s) and 80 × README's median (360 ms), so only a
 * stalled or badly overloaded engine reaches it, while an admin is never left waiting on a
 * spinner for minutes.
 */
export const PHOTO_TIMEOUT_MS = 30_000

/**
 * Time in ms one request may run in the worker before the worker counts as hung and is
 * replaced, by kind: twice the kind's time limit (10 s for a frame, 60 s for a photo), so no
 * request that could still succeed in time is cut short, and a worker restart (≈ 0.5 s of
 * model loading) is never triggered by mere slowness: a frame running 10 s is over 100 × its
 * median. Counted from the moment the request is posted to the worker, never while it waits.
 */
export const WORKER_HUNG_AFTER_MS: Readonly<Record<WorkKind, number>> = { frame: 2 * FRAME_TIMEOUT_MS, photo: 2 * PHOTO_TIMEOUT_MS }

/**
 * Typical engine time per request, in ms, for the Retry-After estimate of a `busy` answer:
 * README's medians (frame 78 ms, photo 360 ms), rounded up.
 */
const TYPICAL_MS: Readonly<Record<WorkKind, number>> = { frame: 80, photo: 400 }

/** Bounds and time limits of an {@link EngineQueue}; each defaults to the constant of the same meaning. */
export interface QueueLimits {
  /** Requests of each kind allowed to wait (not counting the one running). */
  maxWaiting: Record<WorkKind, number>
  /** Time limit of each kind in ms, waiting included. */
  timeoutMs: Record<WorkKind, number>
  /** Running time in ms of a request of each kind after which the worker counts as hung. */
  hungAfterMs: Record<WorkKind, number>
}

/** The defaults: {@link MAX_WAITING_FRAMES}, {@link MAX_WAITING_PHOTOS}, {@link FRAME_TIMEOUT_MS}, {@link PHOTO_TIMEOUT_MS}, {@link WORKER_HUNG_AFTER_MS}. */
export const DEFAULT_QUEUE_LIMITS: QueueLimits = {
  maxWaiting: { frame: MAX_WAITING_FRAMES, photo: MAX_WAITING_PHOTOS },
  timeoutMs: { frame: FRAME_TIMEOUT_MS, photo: PHOTO_TIMEOUT_MS },
  hungAfterMs: { ...WORKER_HUNG_AFTER_MS }
}

/** Partial limits merged over {@link DEFAULT_QUEUE_LIMITS}. */
export interface QueueLimitOptions {
  maxWaiting?: Partial<Record<WorkKind, number>>
  timeoutMs?: Partial<Record<WorkKind, number>>
  hungAfterMs?: Partial<Record<WorkKind, number>>
}

/** {@link DEFAULT_QUEUE_LIMITS} with `options` applied. */
export function queueLimits(options: QueueLimitOptions = {}): QueueLimits {
  return {
    maxWaiting: { ...DEFAULT_QUEUE_LIMITS.maxWaiting, ...options.maxWaiting },
    timeoutMs: { ...DEFAULT_QUEUE_LIMITS.timeoutMs, ...options.timeoutMs },
    hungAfterMs: { ...DEFAULT_QUEUE_LIMITS.hungAfterMs, ...options.hungAfterMs }
  }
}

/** What the queue needs from its owner. */
export interface QueueHooks {
  /** True when a request may be sent now (the worker is loaded and alive). */
  canStart(): boolean
  /** A request of `kind` has run for its {@link QueueLimits.hungAfterMs}; `runningMs` is how long. */
  onHung(kind: WorkKind, runningMs: number): void
}

/** The engine's bounded queue; see {@link createEngineQueue}. */
export interface EngineQueue {
  /**
   * Runs `start` (which sends one request to the worker and resolves with its answer) when
   * its turn comes, at once when nothing runs or waits. Rejects at once with ClockfaceError
   * `busy` when {@link QueueLimits.maxWaiting} requests of `kind` already wait (details
   * `{ retryAfterMs }`), and with `timeout` (details `{ timeoutMs }`) when no answer came
   * within the kind's time limit; otherwise settles as `start`'s promise does.
   */
  run<T>(kind: WorkKind, start: () => Promise<T>): Promise<T>
  /** Starts the next request when the owner can now send one (call it when the worker turns ready). */
  wake(): void
  /** Rejects every waiting request with `error` (the engine is closed or gave up). */
  clear(error: ClockfaceError): void
  /** Requests of `kind` waiting now (not counting the one running). */
  waiting(kind: WorkKind): number
}

interface Job {
  kind: WorkKind
  start: () => Promise<unknown>
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  timer: ReturnType<typeof setTimeout>
  /** The caller has its answer (or its time-out); nothing may settle it again. */
  settled: boolean
}

const NOUN: Readonly<Record<WorkKind, string>> = { frame: 'camera frames', photo: 'photos' }

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

/**
 * Creates the queue. Requests run one at a time, in arrival order across both kinds (a frame
 * never jumps the photos before it, so neither kind can starve the other), and only while
 * `hooks.canStart()`; the owner calls `wake()` when that turns true. A request keeps its
 * place in the worker until the worker answers it, even after its caller timed out, because
 * the worker is busy with it all the same; if it runs for its kind's `hungAfterMs`,
 * `hooks.onHung` is called once for it.
 */
export function createEngineQueue(limits: QueueLimits, hooks: QueueHooks): EngineQueue {
  const line: Job[] = []
  let running: Job | null = null
  let hungTimer: ReturnType<typeof setTimeout> | null = null

  const waitingOf = (kind: WorkKind): number => line.reduce((n, job) => n + (job.kind === kind ? 1 : 0), 0)

  function busy(kind: WorkKind): ClockfaceError {
    const ahead = line.reduce((ms, job) => ms + TYPICAL_MS[job.kind], running ? TYPICAL_MS[running.kind] : 0)
    // Whole seconds, at least one: HTTP's Retry-After counts in seconds.
    const retryAfterMs = Math.max(1000, Math.ceil(ahead / 1000) * 1000)
    return new ClockfaceError(
      'busy',
      `The face engine is busy: ${limits.maxWaiting[kind]} ${NOUN[kind]} are already waiting. Try again in ${seconds(retryAfterMs)}.`,
      { retryAfterMs }
    )
  }

  function timedOut(job: Job): ClockfaceError {
    const timeoutMs = limits.timeoutMs[job.kind]
    const where = running === job ? 'the face engine was still working on it' : 'it was still waiting for the face engine'
    return new ClockfaceError('timeout', `The request took longer than ${seconds(timeoutMs)} (${where}); try again shortly.`, { timeoutMs })
  }

  function pump(): void {
    if (running || line.length === 0 || !hooks.canStart()) return
    const job = line.shift() as Job
    running = job
    const startedAt = performance.now()
    hungTimer = setTimeout(() => {
      hungTimer = null
      hooks.onHung(job.kind, performance.now() - startedAt)
    }, limits.hungAfterMs[job.kind])
    let answer: Promise<unknown>
    try {
      answer = job.start()
    } catch (error) {
      answer = Promise.reject(error)
    }
    const finish = (settle: () => void): void => {
      if (hungTimer !== null) clearTimeout(hungTimer)
      hungTimer = null
      clearTimeout(job.timer)
      running = null
      if (!job.settled) {
        job.settled = true
        settle()
      }
      pump()
    }
    answer.then(
      (value) => finish(() => job.resolve(value)),
      (error: unknown) => finish(() => job.reject(error))
    )
  }

  return {
    run<T>(kind: WorkKind, start: () => Promise<T>): Promise<T> {
      const idle = running === null && line.length === 0
      if (!idle && waitingOf(kind) >= limits.maxWaiting[kind]) return Promise.reject(busy(kind))
      return new Promise<T>((resolve, reject) => {
        const job: Job = {
          kind,
          start,
          resolve: resolve as (value: unknown) => void,
          reject,
          settled: false,
          timer: setTimeout(() => {
            if (job.settled) return
            job.settled = true
            const error = timedOut(job)
            const index = line.indexOf(job)
            if (index >= 0) line.splice(index, 1)
            reject(error)
          }, limits.timeoutMs[kind])
        }
        line.push(job)
        pump()
      })
    },
    wake: pump,
    clear(error: ClockfaceError): void {
      for (const job of line.splice(0)) {
        clearTimeout(job.timer)
        if (!job.settled) {
          job.settled = true
          job.reject(error)
        }
      }
    },
    waiting: waitingOf
  }
}
