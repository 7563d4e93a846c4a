/**
 * Image measures of a face region for the quality gates: sharpness (variance of the
 * Laplacian) and exposure (mean luminance and clipped fractions). Inputs are the
 * {@link resampleRegion} crops, so the values do not depend on the camera's resolution.
 */
import type { GreyImage } from './grey-image'

/**
 * Variance of the 4-neighbour Laplacian (0 1 0 / 1 −4 1 / 0 1 0) over the interior pixels of
 * a greyscale image, in squared grey levels. Blur removes the high frequencies the Laplacian
 * responds to, so a blurred or out-of-focus face scores low (J. L. Pech-Pacheco et al.,
 * "Diatom autofocusing in brightfield microscopy: a comparative study", ICPR 2000, the
 * measure's usual reference). 0 for images under 3 × 3 pixels.
 */
export function laplacianVariance(image: GreyImage): number {
  const { width, height, data } = image
  if (width < 3 || height < 3) return 0
  let sum = 0
  let sumSq = 0
  let n = 0
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x
      const v =
        (data[i - width] as number) + (data[i + width] as number) + (data[i - 1] as number) + (data[i + 1] as number) - 4 * (data[i] as number)
      sum += v
      sumSq += v * v
      n++
    }
  }
  const mean = sum / n
  return sumSq / n - mean * mean
}

/** Exposure of a face region, see {@link exposureOf}. */
export interface Exposure {
  /** Mean luminance, 0..255. */
  mean: number
  /** Fraction (0..1) of pixels at or below {@link DARK_CLIP_LEVEL}: shadows with no detail left. */
  darkFraction: number
  /** Fraction (0..1) of pixels at or above {@link BRIGHT_CLIP_LEVEL}: highlights burnt out to white. */
  brightFraction: number
}

/** Grey level at or below which a pixel counts as crushed black (8-bit; about 2% of the range). */
export const DARK_CLIP_LEVEL = 5
/** Grey level at or above which a pixel counts as burnt-out white (8-bit; about 2% below the top). */
export const BRIGHT_CLIP_LEVEL = 250

/** Mean luminance and clipped fractions of a greyscale image (all zero for an empty image). */
export function exposureOf(image: GreyImage): Exposure {
  const { data } = image
  if (data.length === 0) return { mean: 0, darkFraction: 0, brightFraction: 0 }
  let sum = 0
  let dark = 0
  let bright = 0
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number
    sum += v
    if (v <= DARK_CLIP_LEVEL) dark++
    if (v >= BRIGHT_CLIP_LEVEL) bright++
  }
  return { mean: sum / data.length, darkFraction: dark / data.length, brightFraction: bright / data.length }
}
