/**
 * Turns an {@link ImageInput} into the pixels inference runs on: raw camera pixels pass
 * through untouched, encoded files are decoded with sharp. Very large images are scaled down
 * first so one 24-megapixel photo cannot grow the wasm heap (which never shrinks) by gigabytes.
 */
import sharp, { type Metadata, type Sharp } from 'sharp'
import type { ImageInput } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { checkImageDimensions, MAX_IMAGE_PIXELS } from './image-limits'

/**
 * Longest side, in pixels, of the image the networks see. Detectors resize to ≤ 608 px and
 * the landmark and recognition nets work on 112/150 px face crops (face-api README), so 2048
 * keeps any face that fills ≥ 8 % of a photo's width above the recognition net's resolution.
 */
export const MAX_INFERENCE_SIDE = 2048

/** Encoded formats the contract accepts (sharp's format names). */
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp'])

/** Row-major 8-bit pixels, RGB or RGBA. */
export interface Pixels {
  width: number
  height: number
  channels: 3 | 4
  data: Uint8Array
}

/** An image ready for inference. */
export interface PreparedImage {
  /** Size of the image as sent (after EXIF orientation), in pixels; results are reported in these pixels. */
  width: number
  height: number
  /** What the networks see: the image itself, or a copy scaled to ≤ {@link MAX_INFERENCE_SIDE}. */
  pixels: Pixels
  /** Sent-image pixels per inference pixel (1 unless scaled down). */
  scale: number
}

const unreadable = (message: string): ClockfaceError => new ClockfaceError('unreadable-image', message)

function inferenceSize(width: number, height: number): { width: number; height: number; scale: number } {
  const longest = Math.max(width, height)
  if (longest <= MAX_INFERENCE_SIDE) return { width, height, scale: 1 }
  const scale = longest / MAX_INFERENCE_SIDE
  return { width: Math.max(1, Math.round(width / scale)), height: Math.max(1, Math.round(height / scale)), scale }
}

async function decodeEncoded(data: Uint8Array): Promise<PreparedImage> {
  // The engine client screened type and header size already (image-screen.ts); the worker
  // checks again so it stays safe whoever posts to it. limitInputPixels makes sharp refuse
  // to decode an image over the budget even if a header lied about its size.
  const source = (): Sharp => sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS })
  let meta: Metadata
  try {
    // Header only; without the limit so an oversized image is refused below with its size.
    meta = await sharp(data, { limitInputPixels: false }).metadata()
  } catch (error) {
    throw unreadable(`the image could not be read as JPEG, PNG or WebP (${(error as Error).message})`)
  }
  if (!ACCEPTED_FORMATS.has(meta.format)) {
    throw new ClockfaceError('unsupported-image', `${meta.format} images are not accepted; send JPEG, PNG or WebP`)
  }
  const { width, height } = meta.autoOrient
  checkImageDimensions(width, height)
  const target = inferenceSize(width, height)
  try {
    let pipeline = source().rotate()
    if (target.scale !== 1) pipeline = pipeline.resize(target.width, target.height, { fit: 'fill' })
    const { data: raw, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`)
    return { width, height, scale: target.scale, pixels: { width: info.width, height: info.height, channels: 3, data: raw } }
  } catch (error) {
    throw unreadable(`the ${meta.format} image could not be decoded (${(error as Error).message})`)
  }
}

async function fromPixels(image: Extract<ImageInput, { kind: 'pixels' }>): Promise<PreparedImage> {
  const channels = image.format === 'rgba' ? 4 : 3
  const { width, height } = image
  if (image.data.byteLength !== width * height * channels) {
    throw new ClockfaceError('invalid-input', `pixel data has ${image.data.byteLength} bytes, expected ${width}×${height}×${channels}`)
  }
  const target = inferenceSize(width, height)
  if (target.scale === 1) return { width, height, scale: 1, pixels: { width, height, channels, data: image.data } }
  const { data, info } = await sharp(image.data, { raw: { width, height, channels } })
    .resize(target.width, target.height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { width, height, scale: target.scale, pixels: { width: info.width, height: info.height, channels: 3, data } }
}

/**
 * Prepares an image for inference. Throws ClockfaceError `unsupported-image` for an encoded
 * image that is not JPEG, PNG or WebP, `too-large` for one over {@link MAX_IMAGE_PIXELS} or
 * MAX_IMAGE_SIDE per side (refused from its header, before decoding), `unreadable-image` for
 * bytes that do not decode, `invalid-input` for pixel data whose length does not match its size.
 */
export function prepareImage(image: ImageInput): Promise<PreparedImage> {
  return image.kind === 'pixels' ? fromPixels(image) : decodeEncoded(image.data)
}
