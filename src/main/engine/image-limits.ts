/**
 * Pixel limits of encoded images, checked from the file header before anything decodes the
 * image: on the main thread by image-screen.ts, and again in the engine worker by
 * image-input.ts (which also hands the budget to sharp's `limitInputPixels`).
 */
import { MAX_IMAGE_SIDE } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'

/**
 * Largest encoded image accepted, in pixels (width × height): 50 megapixels. Chosen to take
 * the full-resolution photos of 48–50 MP phone and camera sensors (8000 × 6000,
 * 8160 × 6120) and nothing larger: a 48 MP JPEG goes through the engine worker in 0.95 s
 * here (2 cores; sharp shrinks JPEGs while decoding), a 24 MP PNG in 1.2 s, and 50 MP as RGB
 * is 150 MB should a decoder hold it whole. MAX_IMAGE_SIDE (8192, contract.ts) bounds each
 * side as well.
 */
export const MAX_IMAGE_PIXELS = 50_000_000

const megapixels = (pixels: number): string => `${(pixels / 1e6).toFixed(1)} megapixels`

/**
 * Refuses an image whose header size is over the limits: more than {@link MAX_IMAGE_PIXELS}
 * pixels, or a side longer than {@link MAX_IMAGE_SIDE}. Throws ClockfaceError `too-large`
 * with a message giving the size and the limit, details `{ width, height, maxPixels, maxSide }`.
 */
export function checkImageDimensions(width: number, height: number): void {
  const details = { width, height, maxPixels: MAX_IMAGE_PIXELS, maxSide: MAX_IMAGE_SIDE }
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new ClockfaceError(
      'too-large',
      `The image is ${width}×${height} pixels (${megapixels(width * height)}); the largest accepted is ${megapixels(MAX_IMAGE_PIXELS)}.`,
      details
    )
  }
  if (Math.max(width, height) > MAX_IMAGE_SIDE) {
    throw new ClockfaceError('too-large', `The image is ${width}×${height} pixels; no side may be longer than ${MAX_IMAGE_SIDE} pixels.`, details)
  }
}
