/**
 * Replays a clip as a live camera would feed a kiosk that never stacks requests: frames
 * arrive every `frameMs` of real time; whenever the pipeline is free it takes the newest frame
 * that has arrived (older ones are dropped), or waits for the next one. The clock is real, not
 * simulated, so work a pipeline does between calls (the engine's live helper thread computing
 * a detection or a descriptor for a later frame) takes the time it would live.
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
 * Runs `process(frame, atMs)` (`atMs`: when the frame is taken, ms from the arrival of frame
 * `first`) over frames `first`..`first + count - 1` of a clip, paced as above, until the frames
 * run out or `stop(result)` says so. Returns the deliveries in order; times are relative to
 * the arrival of frame `first`.
 */
export async function pacedReplay<R>(
  first: number,
  count: number,
  frameMs: number,
  process: (frame: number, atMs: number) => Promise<R>,
  stop: (result: R) => boolean = () => false
): Promise<Delivery<R>[]> {
  const deliveries: Delivery<R>[] = []
  const start = performance.now()
  const clock = (): number => performance.now() - start
  let last = -1
  for (;;) {
    const next = Math.max(last + 1, Math.floor(clock() / frameMs + 1e-9))
    if (next >= count) break
    const arrivedMs = next * frameMs
    const wait = arrivedMs - clock()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const takenMs = clock()
    const result = await process(first + next, takenMs)
    const deliveredMs = clock()
    deliveries.push({ frame: next, arrivedMs, deliveredMs, latencyMs: deliveredMs - takenMs, result })
    last = next
    if (stop(result)) break
  }
  return deliveries
}
