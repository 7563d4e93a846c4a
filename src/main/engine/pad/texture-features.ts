/**
 * Texture features of a face for presentation-attack detection: histograms of uniform local
 * binary patterns (LBP, T. Ojala et al., "Multiresolution gray-scale and rotation invariant
 * texture classification with local binary patterns", TPAMI 2002) and of the values
 * themselves, in luma and chroma of the face crop and of a wider crop around it. A printed
 * photo or a screen re-captured by a webcam loses fine skin texture, adds print dots, moiré and
 * the edges of the paper or the screen, which the LBP histograms pick up (J. Määttä et al.,
 * "Face spoofing detection from single images using micro-texture analysis", IJCB 2011, on the
 * same NUAA data); a print or a screen also renders skin colour and contrast in a narrower
 * gamut, which the value histograms pick up. Pure arithmetic on RGB pixels.
 */
import type { Box } from '../../../shared/models'
import { squareCrop, type CropRule } from './pad-crop'

/** Row-major 8-bit RGB or RGBA pixels. */
export interface RgbPixels {
  width: number
  height: number
  channels: 3 | 4
  data: Uint8Array
}

/**
 * Side in pixels of the crops the histograms are computed on. 96 rather than 64: on NUAA's
 * training rows the finer grid keeps more of the print texture (see bench/results/pad.md),
 * at about 3 ms more per face.
 */
export const TEXTURE_CROP_SIDE = 96

/** The two crops: the face's box squared, and twice that (paper and screen edges, hands). */
export const TEXTURE_CROPS: readonly CropRule[] = [
  { enlarge: 1, keepInside: false },
  { enlarge: 2, keepInside: false }
]

/** Colour planes the histograms are computed on: luma and the two chroma differences. */
export const TEXTURE_PLANES = ['Y', 'Cb', 'Cr'] as const

/**
 * `side`×`side` crops of `crop` in `pixels` in the planes of ITU-R BT.601 YCbCr (Y, Cb, Cr,
 * each 0..255), each output pixel the mean of a 2×2 grid of source samples across the area
 * it covers (so a large face is not aliased); outside the image reads black (Y 0, Cb and Cr
 * 128). Chroma matters: a print or a screen reproduces skin colour differently from skin
 * (Z. Boulkenafet et al., "Face anti-spoofing based on color texture analysis", ICIP 2015).
 */
export function colourCrops(pixels: RgbPixels, crop: Box, side: number): [Float32Array, Float32Array, Float32Array] {
  const n = side * side
  const planes: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)]
  const step = crop.width / side
  const { width, height, channels, data } = pixels
  // Source column and row of each of the 2 taps of each output column and row; -1 outside the image.
  const taps = (origin: number, limit: number): Int32Array => {
    const at = new Int32Array(side * 2)
    for (let k = 0; k < side * 2; k++) {
      const v = Math.floor(origin + ((k >> 1) + ((k & 1) + 0.5) / 2) * step)
      at[k] = v < 0 || v >= limit ? -1 : v
    }
    return at
  }
  const xs = taps(crop.x, width)
  const ys = taps(crop.y, height)
  const [yPlane, cbPlane, crPlane] = planes
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let r = 0
      let g = 0
      let b = 0
      for (let ty = 0; ty < 2; ty++) {
        const yi = ys[2 * y + ty] as number
        if (yi < 0) continue
        for (let tx = 0; tx < 2; tx++) {
          const xi = xs[2 * x + tx] as number
          if (xi < 0) continue
          const i = (yi * width + xi) * channels
          r += data[i] as number
          g += data[i + 1] as number
          b += data[i + 2] as number
        }
      }
      r /= 4
      g /= 4
      b /= 4
      const at = y * side + x
      yPlane[at] = 0.299 * r + 0.587 * g + 0.114 * b
      cbPlane[at] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b
      crPlane[at] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b
    }
  }
  return planes
}

/** The luma plane of {@link colourCrops}. */
export const greyCrop = (pixels: RgbPixels, crop: Box, side: number): Float32Array => colourCrops(pixels, crop, side)[0]

/** For each 8-bit pattern, its bin among the 59 uniform-LBP bins (58 uniform patterns + one for all others). */
const UNIFORM_BIN: Uint8Array = (() => {
  const bins = new Uint8Array(256)
  let next = 0
  for (let code = 0; code < 256; code++) {
    let transitions = 0
    for (let b = 0; b < 8; b++) if (((code >> b) & 1) !== ((code >> ((b + 1) % 8)) & 1)) transitions++
    bins[code] = transitions <= 2 ? next++ : 58
  }
  return bins
})()

/** Number of bins of one uniform LBP histogram. */
export const LBP_BINS = 59

/**
 * Normalised (sums to 1) histogram of uniform LBP codes with 8 neighbours at `radius` pixels
 * (nearest-pixel sampling) over a `side`×`side` grey image; border pixels within `radius` are
 * skipped.
 */
export function lbpHistogram(grey: Float32Array, side: number, radius: number): Float32Array {
  const hist = new Float32Array(LBP_BINS)
  const deltas = new Int32Array(8)
  for (let k = 0; k < 8; k++) {
    const a = (2 * Math.PI * k) / 8
    deltas[k] = Math.round(-radius * Math.sin(a)) * side + Math.round(radius * Math.cos(a))
  }
  let count = 0
  for (let y = radius; y < side - radius; y++) {
    for (let x = radius; x < side - radius; x++) {
      const at = y * side + x
      const c = grey[at] as number
      let code = 0
      for (let k = 0; k < 8; k++) if ((grey[at + (deltas[k] as number)] as number) >= c) code |= 1 << k
      hist[UNIFORM_BIN[code] as number]! += 1
      count++
    }
  }
  if (count > 0) for (let i = 0; i < LBP_BINS; i++) hist[i] = (hist[i] as number) / count
  return hist
}

/** Bins of each plane's value histogram (16 of 16 levels each over 0..255). */
export const VALUE_BINS = 16

/** Normalised (sums to 1) histogram of the values 0..255 of `plane` in {@link VALUE_BINS} equal bins. */
export function valueHistogram(plane: Float32Array): Float32Array {
  const hist = new Float32Array(VALUE_BINS)
  for (const v of plane) hist[Math.max(0, Math.min(VALUE_BINS - 1, Math.floor((v / 256) * VALUE_BINS)))]! += 1
  if (plane.length > 0) for (let i = 0; i < VALUE_BINS; i++) hist[i] = (hist[i] as number) / plane.length
  return hist
}

/** LBP radii of each plane's texture histograms. */
export const LBP_RADII = [1, 2] as const

/** Length of {@link textureFeatures}' vector. */
export const TEXTURE_FEATURES = TEXTURE_CROPS.length * TEXTURE_PLANES.length * (LBP_RADII.length * LBP_BINS + VALUE_BINS)

/**
 * The feature vector of the face with detector box `box` (image pixels): for each of
 * {@link TEXTURE_CROPS} and each of {@link TEXTURE_PLANES} of its {@link TEXTURE_CROP_SIDE}
 * px crop, uniform LBP histograms at each of {@link LBP_RADII}, then the value histogram.
 */
export function textureFeatures(pixels: RgbPixels, box: Box): Float32Array {
  const features = new Float32Array(TEXTURE_FEATURES)
  let at = 0
  for (const rule of TEXTURE_CROPS) {
    for (const plane of colourCrops(pixels, squareCrop(box, rule, pixels.width, pixels.height), TEXTURE_CROP_SIDE)) {
      for (const radius of LBP_RADII) {
        features.set(lbpHistogram(plane, TEXTURE_CROP_SIDE, radius), at)
        at += LBP_BINS
      }
      features.set(valueHistogram(plane), at)
      at += VALUE_BINS
    }
  }
  return features
}
