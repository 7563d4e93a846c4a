/**
 * The bounding box of a set of points (landmarks), used to place the squares and boxes the
 * tracker and the landmark net work in.
 */
import type { Box, Point } from '../../shared/models'

/** Bounding box of `points`, in their pixels (zero-size at the point for one point). */
export function pointsBox(points: readonly Point[]): Box {
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (const p of points) {
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x)
    y1 = Math.max(y1, p.y)
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}
