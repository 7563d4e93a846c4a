/**
 * Texture features of a face for presentation-attack detection: histograms of uniform local
 * binary patterns (LBP, T. Ojala et al., "Multiresolution gray-scale and rotation invariant
 * texture classification with local binary patterns", TPAMI 2002) of the face crop and of a
 * wider crop around it. A printed photo or a screen re-captured by a webcam loses fine skin
 * texture, adds print dots, moiré and the edges of the paper or the screen, which these
 * histograms pick up (J. Määttä et al., "Face spoofing detection from single images using
 * micro-texture analysis", IJCB 2011, on the same NUAA data). Pure arithmetic on RGB pixels.
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

/** Side in pixels of the grey crops the histograms are computed on. */
export const TEXTURE_CROP_SIDE = 64

/** The two crops: the face's box squared, and twice that (paper and screen edges, hands). */
export const TEXTURE_CROPS: readonly CropRule[] = [
  { enlarge: 1, keepInside: false },
  { enlarge: 2, keepInside: false }
]

/**
 * A `side`×`side` grey crop (ITU-R BT.601 luma, 0..255) of `crop` in `pixels`, sampled
 * bilinearly after averaging over the source area each output pixel covers (so a large face
 * is not aliased); outside the image reads black.
 */
export function greyCrop(pixels: RgbPixels, crop: Box, side: number): Float32Array {
  const out = new Float32Array(side * side)
  const step = crop.width / side
  const taps = Math.max(1, Math.min(4, Math.round(step)))
  const { width, height, channels, data } = pixels
  const luma = (x: number, y: number): number => {
    const xi = Math.floor(x)
    const yi = Math.floor(y)
    if (xi < 0 || yi < 0 || xi >= width || yi >= height) return 0
    const i = (yi * width + xi) * channels
    return 0.299 * (data[i] as number) + 0.587 * (data[i + 1] as number) + 0.114 * (data[i + 2] as number)
  }
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      let sum = 0
      for (let ty = 0; ty < taps; ty++) {
        for (let tx = 0; tx < taps; tx++) sum += luma(crop.x + (x + (tx + 0.5) / taps) * step, crop.y + (y + (ty + 0.5) / taps) * step)
      }
      out[y * side + x] = sum / (taps * taps)
    }
  }
  return out
}

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
  const offsets: [number, number][] = []
  for (let k = 0; k < 8; k++) {
    const a = (2 * Math.PI * k) / 8
    offsets.push([Math.round(radius * Math.cos(a)), Math.round(-radius * Math.sin(a))])
  }
  let count = 0
  for (let y = radius; y < side - radius; y++) {
    for (let x = radius; x < side - radius; x++) {
      const c = grey[y * side + x] as number
      let code = 0
      for (let k = 0; k < 8; k++) {
        const [dx, dy] = offsets[k] as [number, number]
        if ((grey[(y + dy) * side + x + dx] as number) >= c) code |= 1 << k
      }
      hist[UNIFORM_BIN[code] as number]! += 1
      count++
    }
  }
  if (count > 0) for (let i = 0; i < LBP_BINS; i++) hist[i] = (hist[i] as number) / count
  return hist
}

/** Length of {@link textureFeatures}' vector. */
export const TEXTURE_FEATURES = TEXTURE_CROPS.length * 2 * LBP_BINS

/**
 * The feature vector of the face with detector box `box` (image pixels): for each of
 * {@link TEXTURE_CROPS}, uniform LBP histograms at radius 1 and 2 of its 64×64 grey crop.
 */
export function textureFeatures(pixels: RgbPixels, box: Box): Float32Array {
  const features = new Float32Array(TEXTURE_FEATURES)
  let at = 0
  for (const rule of TEXTURE_CROPS) {
    const grey = greyCrop(pixels, squareCrop(box, rule, pixels.width, pixels.height), TEXTURE_CROP_SIDE)
    for (const radius of [1, 2]) {
      features.set(lbpHistogram(grey, TEXTURE_CROP_SIDE, radius), at)
      at += LBP_BINS
    }
  }
  return features
}
