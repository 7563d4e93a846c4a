/**
 * The kiosk's recognition loop: grab a frame from the `<video>` (at most 640 px wide; raw
 * RGBA over the desktop app's IPC, JPEG in browser mode), send it to `recogniseFrame` (with the employee code typed, in verify mode), hand the
 * result on, repeat. Inferences never overlap:
 * the next frame is grabbed only after the previous result came back. The overlay draws at
 * display rate on its own (see use-overlay-animation.ts), easing between these results.
 */
import { onScopeDispose, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { isDesktopApp, useApi } from '../api/use-api'
import { FrameGrabber } from '../media/grab-frame'
import { toFailure, type OperationError, type Result } from '../../../shared/errors'
import type { FrameResult } from '../../../shared/models'

/**
 * Shortest time from one frame's grab to the next, in ms: a 30 frames/s camera's frame
 * interval, so the loop never grabs the same picture twice yet keeps up with the camera.
 */
export const MIN_FRAME_INTERVAL_MS = 33
/** Results counted for the overlay rate: those of the last this many ms. */
export const RATE_WINDOW_MS = 2000
/** Wait after a failed frame before the next, in ms, so a down service is not asked 20 times a second. */
export const ERROR_BACKOFF_MS = 1000
/** Wait while the video has no picture yet or the page is hidden, in ms. */
const IDLE_WAIT_MS = 100

/** Options of {@link useDetectionLoop}. */
export interface DetectionLoopOptions {
  /** The live camera `<video>` frames are grabbed from. */
  video: Ref<HTMLVideoElement | null>
  /** The loop runs while this is true (camera live and engine ready). */
  active: MaybeRefOrGetter<boolean>
  /**
   * Verify mode: the employee code typed at the kiosk; each frame is then checked 1:1 against
   * that employee only. Null or absent: 1:N identification.
   */
  code?: MaybeRefOrGetter<string | null | undefined>
  /** Shortest grab-to-grab time in ms (default {@link MIN_FRAME_INTERVAL_MS}). */
  minIntervalMs?: number
  /** Called with each result, the `performance.now()` it arrived at and the one its frame was grabbed at (ms). */
  onResult: (result: FrameResult, at: number, grabbedAt: number) => void
  /** Called when a frame fails; the loop waits {@link ERROR_BACKOFF_MS} and goes on. */
  onError?: (error: OperationError) => void
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs the loop while `active`; stops with the calling scope. Returns reactive `running`,
 * `inferenceMs` / `roundTripMs` of the last frame (ms; null before the first) and `rate`, the
 * results per second over the last {@link RATE_WINDOW_MS} (the overlay's update rate; null
 * before two results). Never throws: failed frames go to `onError`.
 */
export function useDetectionLoop(options: DetectionLoopOptions) {
  const api = useApi()
  const grabber = new FrameGrabber()
  const desktop = isDesktopApp()
  const running = ref(false)
  /** Engine time of the last frame, in ms. */
  const inferenceMs = ref<number | null>(null)
  /** Grab-to-result time of the last frame (transport included), in ms. */
  const roundTripMs = ref<number | null>(null)
  /** Results per second over the last {@link RATE_WINDOW_MS}. */
  const rate = ref<number | null>(null)
  const minInterval = options.minIntervalMs ?? MIN_FRAME_INTERVAL_MS
  let generation = 0
  const arrivals: number[] = []

  function countArrival(now: number): void {
    arrivals.push(now)
    while (arrivals.length > 0 && now - (arrivals[0] as number) > RATE_WINDOW_MS) arrivals.shift()
    const span = now - (arrivals[0] as number)
    rate.value = arrivals.length >= 2 && span > 0 ? ((arrivals.length - 1) * 1000) / span : null
  }

  async function loop(run: number): Promise<void> {
    while (run === generation) {
      const started = performance.now()
      const video = options.video.value
      // Browser mode sends JPEG: uploading raw RGBA costs the browser more than encoding it.
      const frame = video && !document.hidden ? (desktop ? grabber.grab(video) : await grabber.grabJpeg(video)) : null
      if (!frame) {
        await delay(IDLE_WAIT_MS)
        continue
      }
      let result: Result<FrameResult>
      try {
        // The kiosk is named by this screen's registration (its cookie, or the desktop window), not by the request.
        const code = toValue(options.code) ?? undefined
        result = await api.recogniseFrame(code ? { frame, code } : { frame })
      } catch (error) {
        // The preload's IPC call can reject if the main process is gone; treat like any failure.
        result = toFailure(error)
      }
      if (run !== generation) return
      const now = performance.now()
      if (result.ok) {
        inferenceMs.value = result.value.inferenceMs
        roundTripMs.value = now - started
        countArrival(now)
        options.onResult(result.value, now, started)
      } else {
        options.onError?.(result.error)
        await delay(ERROR_BACKOFF_MS)
        continue
      }
      const wait = minInterval - (performance.now() - started)
      if (wait > 0) await delay(wait)
    }
  }

  function start(): void {
    if (running.value) return
    running.value = true
    void loop(++generation)
  }

  function stop(): void {
    generation++
    running.value = false
    arrivals.length = 0
    rate.value = null
  }

  watch(
    () => toValue(options.active),
    (on) => (on ? start() : stop()),
    { immediate: true }
  )
  onScopeDispose(stop)

  return { running, inferenceMs, roundTripMs, rate }
}
