/**
 * Greyscale images and the face region the quality measures look at. Pure arithmetic on
 * typed arrays, so the renderer (live camera frames) and main (submitted photos) measure a
 * face the same way.
 */
import type { LandmarkPoint } from '../face-geometry/landmark-geometry'

/** 8-bit luminance, row-major, one byte per pixel. */
export interface GreyImage {
  width: number
  height: number
  data: Uint8Array
}

/**
 * Luminance Y = 0.299 R + 0.587 G + 0.114 B (ITU-R BT.601, what JPEG's YCbCr uses) of
 * row-major 8-bit RGB (`channels` 3) or RGBA (`channels` 4) pixels; alpha is ignored.
 * Throws when `data` is shorter than width × height × channels.
 */
export function greyFromPixels(data: ArrayLike<number>, width: number, height: number, channels: 3 | 4): GreyImage {
  const count = width * height
  if (data.length < count * channels) throw new Error(`pixel data has ${data.length} values, expected ${count * channels}`)
  const out = new Uint8Array(count)
  for (let i = 0, s = 0; i < count; i++, s += channels) {
    // Integer weights of BT.601 scaled by 1024 (306 + 601 + 117 = 1024), rounded.
    out[i] = (306 * (data[s] as number) + 601 * (data[s + 1] as number) + 117 * (data[s + 2] as number) + 512) >> 10
  }
  return { width, height, data: out }
}

/** An axis-aligned rectangle in image pixels. */
export interface Region {
  x: number
  y: number
  width: number
  height: number
}

/**
 * iBUG indices of the inner face: eyebrows (17–26), nose (27–35), eyes (36–47) and mouth
 * (48–67). Their bounding box is mostly skin, eyes and mouth, with little background or
 * hair even when the head is turned, unlike the jaw line (0–16) or the detector's box.
 */
const INNER_FACE_FIRST = 17

/**
 * Bounding box of the inner-face landmarks (brows, eyes, nose, mouth), clipped to a
 * `width` × `height` image; every size in pixels. Throws for fewer than 68 landmarks.
 */
export function innerFaceRegion(landmarks: readonly LandmarkPoint[], width: number, height: number): Region {
  if (landmarks.length < 68) throw new Error(`expected 68 landmarks, got ${landmarks.length}`)
  let x0 = Infinity
  let y0 = Infinity
  let x1 = -Infinity
  let y1 = -Infinity
  for (let i = INNER_FACE_FIRST; i < 68; i++) {
    const p = landmarks[i] as LandmarkPoint
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
    x1 = Math.max(x1, p.x)
    y1 = Math.max(y1, p.y)
  }
  x0 = Math.max(0, Math.min(width, x0))
  x1 = Math.max(0, Math.min(width, x1))
  y0 = Math.max(0, Math.min(height, y0))
  y1 = Math.max(0, Math.min(height, y1))
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

/**
 * The `region` of `image` resampled to `size` × `size` pixels: each output pixel is the mean
 * of the source pixels its cell covers (area averaging, when shrinking) or the nearest source
 * pixel (when the cell is smaller than a pixel). Sharpness and exposure are then measured on
 * a face of the same size whatever the camera's resolution. A region outside the image or of
 * zero size gives a black (all 0) result.
 */
export function resampleRegion(image: GreyImage, region: Region, size: number): GreyImage {
  const out = new Uint8Array(size * size)
  const { width, height, data } = image
  if (region.width <= 0 || region.height <= 0) return { width: size, height: size, data: out }
  const cellW = region.width / size
  const cellH = region.height / size
  for (let oy = 0; oy < size; oy++) {
    const sy0 = Math.max(0, Math.min(height - 1, Math.floor(region.y + oy * cellH)))
    const sy1 = Math.max(sy0 + 1, Math.min(height, Math.floor(region.y + (oy + 1) * cellH)))
    for (let ox = 0; ox < size; ox++) {
      const sx0 = Math.max(0, Math.min(width - 1, Math.floor(region.x + ox * cellW)))
      const sx1 = Math.max(sx0 + 1, Math.min(width, Math.floor(region.x + (ox + 1) * cellW)))
      let sum = 0
      for (let y = sy0; y < sy1; y++) {
        const row = y * width
        for (let x = sx0; x < sx1; x++) sum += data[row + x] as number
      }
      out[oy * size + ox] = Math.round(sum / ((sy1 - sy0) * (sx1 - sx0)))
    }
  }
  return { width: size, height: size, data: out }
}
