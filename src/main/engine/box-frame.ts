/**
 * Where a detector's box sits around its face's landmarks, so a face followed by its landmarks
 * alone (face-tracker.ts) or found by a detection made a few frames earlier (merge-detection.ts)
 * gets a box of the same kind as the detector's, not the landmarks' tighter one.
 */
import type { Box } from '../../shared/models'

/** Offsets of each side of a box from the landmarks' bounding box, as fractions of that bounding box's width (left, right) or height (top, bottom); positive outwards. */
export interface BoxFrame {
  left: number
  top: number
  right: number
  bottom: number
}

/** Where `box` sits around the landmarks' bounding box `around` (both in the same pixels). */
export function boxFrame(box: Box, around: Box): BoxFrame {
  const w = Math.max(1, around.width)
  const h = Math.max(1, around.height)
  return { left: (around.x - box.x) / w, top: (around.y - box.y) / h, right: (box.x + box.width - around.x - around.width) / w, bottom: (box.y + box.height - around.y - around.height) / h }
}

/** The box that sits around the landmarks' bounding box `around` as `frame` says. */
export function placeBox(frame: BoxFrame, around: Box): Box {
  const x = around.x - frame.left * around.width
  const y = around.y - frame.top * around.height
  return { x, y, width: around.width * (1 + frame.left + frame.right), height: around.height * (1 + frame.top + frame.bottom) }
}
