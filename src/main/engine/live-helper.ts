/**
 * The engine thread's handle on its live helper thread (live-helper-worker.ts): posts jobs,
 * resolves their replies, and knows whether the helper can take work. The helper is an
 * optimisation only: until it has loaded, after it failed, or when it was never started,
 * {@link LiveHelper.ready} is false and the engine thread does the work itself.
 */
import { Worker } from 'node:worker_threads'
import type { DetectOptions } from './engine-types'
import type { RgbImage } from './face-chip'
import type { TrackedFace } from './face-tracker'
import type { Pixels } from './image-input'
import type { HelperConfig, HelperMessage, HelperRequest } from './live-helper-protocol'

/** A running live helper. */
export interface LiveHelper {
  /** Whether the helper has loaded its models and has not failed. */
  ready(): boolean
  /** Jobs posted and not yet answered. */
  pending(): number
  /** Live tfjs tensors in the helper thread at its last reply (0 before any). */
  numTensors(): number
  /**
   * Full-frame detection of `pixels` (the helper takes over their buffer: pass a copy) with the
   * kiosk detector `options`: faces with box, score, 68 landmarks (pixels of `pixels`) and
   * appearance signature. Rejects with an Error when the helper fails the job or stops.
   */
  detect(pixels: Pixels, options: DetectOptions): Promise<TrackedFace[]>
  /** The unit-length 192-D MobileFaceNet descriptor of an ArcFace-aligned 112×112 RGB chip. Rejects as {@link detect}. */
  describe(chip: RgbImage): Promise<Float32Array>
  /** Stops the helper thread; pending jobs reject. */
  close(): Promise<void>
}

/**
 * Starts the helper thread from the built `script` (live-helper-worker.js beside the engine
 * worker) with the engine's model and wasm folders and backend. Never throws: a helper that
 * cannot start or load stays not {@link LiveHelper.ready}, and `onFailure` is told why once.
 */
export function startLiveHelper(script: string, config: HelperConfig, onFailure: (message: string) => void = () => {}): LiveHelper {
  let loaded = false
  let failed = false
  let tensors = 0
  let nextId = 1
  const waiting = new Map<number, { resolve: (message: Extract<HelperMessage, { type: 'reply'; ok: true }>) => void; reject: (error: Error) => void }>()

  const fail = (message: string): void => {
    if (failed) return
    failed = true
    onFailure(message)
    for (const job of waiting.values()) job.reject(new Error(`live helper: ${message}`))
    waiting.clear()
  }

  let worker: Worker | null = null
  try {
    worker = new Worker(script, { workerData: config })
    worker.unref() // never keeps the process alive on its own
    worker.on('message', (message: HelperMessage) => {
      if (message.type === 'ready') loaded = true
      else if (message.type === 'failed') fail(message.message)
      else {
        tensors = message.numTensors
        const job = waiting.get(message.id)
        waiting.delete(message.id)
        if (!job) return
        if (message.ok) job.resolve(message)
        else job.reject(new Error(`live helper: ${message.message}`))
      }
    })
    worker.on('error', (error) => fail(error.message))
    worker.on('exit', (code) => fail(`stopped (exit code ${code})`))
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error))
  }

  function post(request: HelperRequest, transfer: ArrayBuffer[]): Promise<Extract<HelperMessage, { type: 'reply'; ok: true }>> {
    if (!worker || failed) return Promise.reject(new Error('live helper: not running'))
    return new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject })
      worker?.postMessage(request, transfer)
    })
  }

  return {
    ready: () => loaded && !failed,
    pending: () => waiting.size,
    numTensors: () => tensors,
    async detect(pixels, options) {
      const reply = await post({ id: nextId++, type: 'detect', pixels, options }, [pixels.data.buffer as ArrayBuffer])
      return reply.faces ?? []
    },
    async describe(chip) {
      const reply = await post({ id: nextId++, type: 'describe', chip }, [chip.data.buffer as ArrayBuffer])
      if (!reply.descriptor) throw new Error('live helper: no descriptor in the reply')
      return reply.descriptor
    },
    async close() {
      fail('closed')
      await worker?.terminate()
    }
  }
}
