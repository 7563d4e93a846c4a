/**
 * Replays a clip as a live camera would feed a kiosk that never stacks requests: frames
 * arrive every `frameMs`; whenever the pipeline is free it takes the newest frame that has
 * arrived (older ones are dropped), or waits for the next one. Time is a virtual clock
 * advanced by each call's measured duration, so a slow pipeline drops frames exactly as it
 * would live, without the bench sleeping.
 */
import { performance } from 'node:perf_hooks'

/** One result the pipeline delivered. Times in ms from the clip's first frame. */
export interface Delivery<R> {
  /** Index of the frame this result is for. */
  frame: number
  /** When that frame arrived from the camera. */
  arrivedMs: number
  /** When its result was ready (overlay and identity out). */
  deliveredMs: number
  /** Measured processing time, frame in to result out. */
  latencyMs: number
  result: R
}

/**
 * Runs `process(frame, atMs)` (`atMs`: the virtual time the frame is taken) over frames `first`..`first + count - 1` of a clip, paced as above, until the
 * frames run out or `stop(result)` says so. Returns the deliveries in order; times are
 * relative to the arrival of frame `first`.
 */
export async function pacedReplay<R>(
  first: number,
  count: number,
  frameMs: number,
  process: (frame: number, atMs: number) => Promise<R>,
  stop: (result: R) => boolean = () => false
): Promise<Delivery<R>[]> {
  const deliveries: Delivery<R>[] = []
  let clock = 0
  let last = -1
  for (;;) {
    const next = Math.max(last + 1, Math.floor(clock / frameMs + 1e-9))
    if (next >= count) break
    const arrivedMs = next * frameMs
    clock = Math.max(clock, arrivedMs)
    const started = performance.now()
    const result = await process(first + next, clock)
    const latencyMs = performance.now() - started
    clock += latencyMs
    deliveries.push({ frame: next, arrivedMs, deliveredMs: clock, latencyMs, result })
    last = next
    if (stop(result)) break
  }
  return deliveries
}
