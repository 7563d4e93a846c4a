/**
 * What the live bench drives: one frame in, each face's landmarks and identity decision out.
 * Implemented by the kiosk's own path (kiosk-pipeline.ts) and by the straightforward face-api
 * pipeline it is compared with (baseline-pipeline.ts).
 */
import type { Point } from '../../src/shared/models'

/** A face as the overlay and greeting see it. */
export interface LiveFace {
  /** 68 landmarks in frame pixels. */
  landmarks: Point[]
  /** Code of the person the kiosk named (confirmed identification), or null while it has not. */
  identity: string | null
}

/** One live pipeline under test. */
export interface LivePipeline {
  /** Short name for the table. */
  name: string
  /** TensorFlow.js backend it runs on. */
  backend: string
  /** Enrols person `code` from one 640×480 RGBA frame. Throws when no face is found. */
  enrol(code: string, rgba: Uint8Array): Promise<void>
  /**
   * Processes one 640×480 RGBA frame (the pipeline may take over the buffer: pass a copy) seen
   * at `nowMs` (ms, any origin, increasing).
   */
  frame(rgba: Uint8Array, nowMs: number): Promise<LiveFace[]>
  /** Live tensors of the TensorFlow.js instance it runs on. */
  tensors(): Promise<number>
  close(): Promise<void>
}

/**
 * How long the bench feeds a pipeline empty frames before measuring it, ms: a kiosk that is
 * already on. The engine starts its live helper thread with the first tracked frame and the
 * helper loads its models in about 1.5 s on the machine's other core; cold start is measured
 * on its own.
 */
export const WARM_UP_MS = 3000

/** Feeds `pipeline` empty frames (`empty()` makes one) at `frameMs` intervals for {@link WARM_UP_MS}, stamped from `fromMs` on. */
export async function warmUp(pipeline: LivePipeline, empty: () => Uint8Array, frameMs: number, fromMs: number): Promise<void> {
  const until = performance.now() + WARM_UP_MS
  for (let k = 0; performance.now() < until; k++) {
    const sent = performance.now()
    await pipeline.frame(empty(), fromMs + k * frameMs)
    const left = frameMs - (performance.now() - sent)
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left))
  }
}
