/**
 * JPEG thumbnails of aligned face crops, for template lists and kiosk feedback.
 */
import sharp from 'sharp'
import type { Box } from '../../shared/models'
import type { Pixels } from './image-input'

/** Thumbnail side in pixels; the size face-api's recognition net takes its face chips at (README, FaceRecognitionNet). */
export const THUMBNAIL_SIZE = 150

/** Margin added on every side of the aligned face box, as a fraction of its longer side (shows hairline and chin). */
export const THUMBNAIL_MARGIN = 0.15

/** JPEG quality of thumbnails (1–100); 85 keeps a 150 px face sharp at ≈ 6 KB. */
export const THUMBNAIL_JPEG_QUALITY = 85

/**
 * The square crop (in `pixels` coordinates, whole pixels, inside the image) around `box`
 * grown by {@link THUMBNAIL_MARGIN}; shifted to stay inside the image, shrunk only when the
 * image is smaller than the square.
 */
export function thumbnailCrop(box: Box, width: number, height: number): { left: number; top: number; width: number; height: number } {
  const side = Math.max(1, Math.min(Math.round(Math.max(box.width, box.height) * (1 + 2 * THUMBNAIL_MARGIN)), width, height))
  const clamp = (start: number, limit: number): number => Math.min(Math.max(0, Math.round(start)), limit - side)
  const left = clamp(box.x + box.width / 2 - side / 2, width)
  const top = clamp(box.y + box.height / 2 - side / 2, height)
  return { left, top, width: side, height: side }
}

/**
 * A {@link THUMBNAIL_SIZE}² JPEG of the face in `box` (face-api's aligned rectangle, in the
 * coordinates of `pixels`). Resolves with the JPEG bytes.
 */
export async function faceThumbnail(pixels: Pixels, box: Box): Promise<Uint8Array> {
  const crop = thumbnailCrop(box, pixels.width, pixels.height)
  const jpeg = await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
    .extract(crop)
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'cover' })
    .removeAlpha()
    .jpeg({ quality: THUMBNAIL_JPEG_QUALITY })
    .toBuffer()
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength)
}
