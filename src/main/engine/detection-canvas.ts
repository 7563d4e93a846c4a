/**
 * The image the photo detector looks at again when it found no face or a face filling much of
 * the frame (run-detection.ts). SSD MobileNet v1 resizes
 * every input to 512×512 and misses faces that fill most of it (on LFW's 150 px crops it found
 * no face in 13% of the images): the image is centred in a black canvas twice its side, so a
 * face covers at most a quarter of the area. Upscaling does not help (measured with
 * bench/accuracy); padding does.
 * The canvas is built at ≤ {@link PADDED_CANVAS_MAX} px, since SSD sees 512 px anyway and a
 * 2× canvas of a 2048 px photo would be a 200 MB tensor.
 */
import type { LoadedFaceApi } from './face-api-loader'

/** Canvas side as a multiple of the image's side. */
export const CANVAS_FACTOR = 2
/** Longest side of the padded canvas, pixels: twice SSD's 512 px input, so landmarks still see ≥ 112 px faces down to a quarter of the photo's width. */
export const PADDED_CANVAS_MAX = 1024

type Tf = LoadedFaceApi['tf']
type Tensor3D = ReturnType<Tf['tensor3d']>

/** A detection canvas and how to map its points back to the image's pixels. */
export interface DetectionCanvas {
  tensor: Tensor3D
  /** Image pixel = (canvas pixel − offset) / scale. */
  scale: number
  offsetX: number
  offsetY: number
}

/**
 * Builds the padded canvas of `image` (an int32 [h, w, 3] tensor, not disposed here); the
 * caller disposes the returned tensor.
 */
export function paddedCanvas(tf: Tf, image: Tensor3D): DetectionCanvas {
  const [height, width] = image.shape as [number, number, number]
  const scale = Math.min(1, PADDED_CANVAS_MAX / (CANVAS_FACTOR * Math.max(width, height)))
  const w = Math.max(1, Math.round(width * scale))
  const h = Math.max(1, Math.round(height * scale))
  const padX = Math.round(((CANVAS_FACTOR - 1) * w) / 2)
  const padY = Math.round(((CANVAS_FACTOR - 1) * h) / 2)
  const tensor = tf.tidy(() => {
    const resized = scale === 1 ? image : (tf.image.resizeBilinear(image, [h, w]) as unknown as Tensor3D)
    return tf.pad(resized, [
      [padY, padY],
      [padX, padX],
      [0, 0]
    ]) as Tensor3D
  })
  return { tensor, scale: w / width, offsetX: padX, offsetY: padY }
}
