/**
 * What the engine thread keeps of one tracked kiosk stream between its frames: the face
 * tracker, and the work its live helper (live-helper.ts) is doing for it, whose results arrive
 * a few frames after they were asked for: a full-frame detection waiting to be merged, and
 * descriptors waiting to be delivered, one per face per frame.
 */
import { createFaceTracker, type FaceTracker, type TrackedFace } from './face-tracker'

/** The state of one stream. */
export interface LiveStream {
  tracker: FaceTracker
  /** Faces of a helper's detection, finished and not yet merged into a frame. */
  detected: TrackedFace[] | null
  /** Whether a helper's detection is under way. */
  detecting: boolean
  /** Descriptors the helper finished, per track id, oldest first. */
  descriptors: Map<string, Float32Array[]>
  /**
   * Per track id, bumped when the face in the track's place changed (face-tracker.ts,
   * TrackDecision.changed): a descriptor asked for under an earlier generation may show the
   * person before, and is dropped when it arrives.
   */
  generations: Map<string, number>
  /** False once the stream was restarted or replaced: late helper results are then ignored. */
  open: boolean
}

/** A new stream; `prefix` makes its track ids unique across streams and engine threads. */
export function createLiveStream(prefix: string): LiveStream {
  return { tracker: createFaceTracker(prefix), detected: null, detecting: false, descriptors: new Map(), generations: new Map(), open: true }
}

/** Queues a helper's descriptor for track `trackId` when the stream is open and the track still shows the face it was asked for (same `generation`). */
export function keepDescriptor(stream: LiveStream, trackId: string, generation: number, descriptor: Float32Array): void {
  if (!stream.open || (stream.generations.get(trackId) ?? 0) !== generation) return
  const queue = stream.descriptors.get(trackId)
  if (queue) queue.push(descriptor)
  else stream.descriptors.set(trackId, [descriptor])
}

/** The oldest finished descriptor of track `trackId`, taken off its queue, or null. */
export function takeDescriptor(stream: LiveStream, trackId: string): Float32Array | null {
  const queue = stream.descriptors.get(trackId)
  const next = queue?.shift() ?? null
  if (queue && queue.length === 0) stream.descriptors.delete(trackId)
  return next
}

/** Forgets queued descriptors and generations of tracks not in `trackIds` (tracks that ended). */
export function forgetEndedTracks(stream: LiveStream, trackIds: readonly string[]): void {
  const live = new Set(trackIds)
  for (const id of stream.descriptors.keys()) if (!live.has(id)) stream.descriptors.delete(id)
  for (const id of stream.generations.keys()) if (!live.has(id)) stream.generations.delete(id)
}

/** Marks track `trackId`'s face as changed: its queued descriptors are dropped and those still being computed will be. */
export function faceChanged(stream: LiveStream, trackId: string): void {
  stream.generations.set(trackId, (stream.generations.get(trackId) ?? 0) + 1)
  stream.descriptors.delete(trackId)
}
