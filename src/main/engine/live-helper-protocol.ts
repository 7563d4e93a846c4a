/**
 * Messages between the engine thread and its live helper thread (live-helper.ts,
 * live-helper-worker.ts). Everything crosses `postMessage` (structured clone): plain objects,
 * arrays, numbers, typed arrays.
 */
import type { WorkerConfig } from './engine-protocol'
import type { DetectOptions } from './engine-types'
import type { RgbImage } from './face-chip'
import type { TrackedFace } from './face-tracker'
import type { Pixels } from './image-input'

/** `workerData` of the helper thread: the engine's own configuration. */
export type HelperConfig = WorkerConfig

/** A job for the helper; `id` is echoed in the reply. */
export type HelperRequest =
  /** Full-frame detection of a kiosk frame (tiny detector, landmarks twice, appearance signatures), in the frame's pixels. */
  | { id: number; type: 'detect'; pixels: Pixels; options: DetectOptions }
  /** MobileFaceNet descriptor of an ArcFace-aligned 112×112 RGB chip (mobilefacenet.ts). */
  | { id: number; type: 'describe'; chip: RgbImage }

/** A message from the helper: loaded (or failed to), or the reply to one job with the helper's live tensor count. */
export type HelperMessage =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'reply'; id: number; ok: true; numTensors: number; faces?: TrackedFace[]; descriptor?: Float32Array }
  | { type: 'reply'; id: number; ok: false; numTensors: number; message: string }
