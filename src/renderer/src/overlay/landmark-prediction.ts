/**
 * Predicts where a face is now from its last two results, so the overlay does not trail a
 * moving face by the time a frame takes from the camera to the screen: each point moves on at
 * the speed it had between the two results (linear extrapolation), for at most
 * {@link MAX_PREDICTION_MS}, so a face that stopped or left is never flung far off.
 */
import type { FaceGeometry } from './landmark-geometry'
import { pairFaces } from './landmark-geometry'

/** Longest time ahead a position is extrapolated, in ms (about three results at 25 frames/s). */
export const MAX_PREDICTION_MS = 120
/** Results further apart than this (ms) give no usable speed (the loop stalled or the face just appeared). */
export const MAX_RESULT_GAP_MS = 400

/** Per-point velocity of one face, in frame pixels per ms (box corners and landmarks). */
export interface FaceVelocity {
  box: { x: number; y: number; width: number; height: number }
  landmarks: { x: number; y: number }[]
}

/**
 * Velocities of the faces of `next` (captured at `nextAt`, ms) from the faces of `previous`
 * (captured at `previousAt`); null for a face with no partner or when the gap is unusable.
 */
export function faceVelocities(previous: readonly FaceGeometry[], previousAt: number, next: readonly FaceGeometry[], nextAt: number): (FaceVelocity | null)[] {
  const dt = nextAt - previousAt
  if (!(dt > 0) || dt > MAX_RESULT_GAP_MS) return next.map(() => null)
  return pairFaces(previous, next).map((p, i) => {
    const a = p === null ? undefined : previous[p]
    const b = next[i] as FaceGeometry
    if (!a || a.landmarks.length !== b.landmarks.length) return null
    return {
      box: { x: (b.box.x - a.box.x) / dt, y: (b.box.y - a.box.y) / dt, width: (b.box.width - a.box.width) / dt, height: (b.box.height - a.box.height) / dt },
      landmarks: b.landmarks.map((q, k) => ({ x: (q.x - (a.landmarks[k] as { x: number }).x) / dt, y: (q.y - (a.landmarks[k] as { y: number }).y) / dt }))
    }
  })
}

/** `face` moved on by `velocity` for `aheadMs` (clamped to 0 … {@link MAX_PREDICTION_MS}). */
export function predictFace<T extends FaceGeometry>(face: T, velocity: FaceVelocity | null, aheadMs: number): T {
  if (!velocity) return face
  const t = Math.min(MAX_PREDICTION_MS, Math.max(0, aheadMs))
  if (t === 0) return face
  const { box } = face
  return {
    ...face,
    box: { x: box.x + velocity.box.x * t, y: box.y + velocity.box.y * t, width: box.width + velocity.box.width * t, height: box.height + velocity.box.height * t },
    landmarks: face.landmarks.map((p, k) => ({ x: p.x + (velocity.landmarks[k]?.x ?? 0) * t, y: p.y + (velocity.landmarks[k]?.y ?? 0) * t }))
  }
}
