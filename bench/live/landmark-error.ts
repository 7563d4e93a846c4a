/**
 * How far landmarks are from a reference set for the same face, as a fraction of the face's
 * width, so the figure means the same for a face near the camera and one far away.
 */
import type { Point } from '../../src/shared/models'

/** Face width in pixels: distance between the outermost jaw points (iBUG-300W points 0 and 16). */
export function faceWidth(landmarks: readonly Point[]): number {
  const a = landmarks[0]
  const b = landmarks[16]
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : NaN
}

/** Mean Euclidean distance between corresponding landmarks (pixels), divided by the reference's face width. */
export function landmarkError(landmarks: readonly Point[], reference: readonly Point[]): number {
  if (landmarks.length !== reference.length || reference.length === 0) return NaN
  let sum = 0
  for (let i = 0; i < reference.length; i++) {
    const p = landmarks[i] as Point
    const q = reference[i] as Point
    sum += Math.hypot(p.x - q.x, p.y - q.y)
  }
  return sum / reference.length / faceWidth(reference)
}

/** Centroid of a landmark set, in pixels. */
function centroid(points: readonly Point[]): Point {
  let x = 0
  let y = 0
  for (const p of points) {
    x += p.x
    y += p.y
  }
  return { x: x / Math.max(1, points.length), y: y / Math.max(1, points.length) }
}

/** The landmark set among `candidates` whose centroid is nearest the reference's (the same face), or null. */
export function sameFace(candidates: readonly (readonly Point[])[], reference: readonly Point[]): readonly Point[] | null {
  const c = centroid(reference)
  let best: readonly Point[] | null = null
  let bestDistance = Infinity
  for (const landmarks of candidates) {
    const m = centroid(landmarks)
    const d = Math.hypot(m.x - c.x, m.y - c.y)
    if (d < bestDistance) {
      best = landmarks
      bestDistance = d
    }
  }
  // Farther than a face width away: not the same face (a false detection elsewhere).
  return best && bestDistance < faceWidth(reference) ? best : null
}
