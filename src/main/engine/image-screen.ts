/**
 * The checks every encoded image passes on the main thread before it may wait for the engine:
 * its type by magic bytes (image-type.ts), then its size in pixels read from the file header.
 * Both cost microseconds to milliseconds whatever the image, so a GIF, an SVG or a
 * decompression bomb (a small file that decodes to a huge picture) is refused before it
 * takes a place in the engine queue, and before anything decodes a single row of it.
 */
import sharp from 'sharp'
import { MAX_IMAGE_BYTES } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { checkImageDimensions } from './image-limits'
import { detectImageType, type ImageType } from './image-type'

/** What the header of an accepted encoded image says. */
export interface ImageHeader {
  type: ImageType
  /** Size in pixels as stored (before EXIF orientation, which swaps sides but not the count). */
  width: number
  height: number
}

/**
 * Screens an encoded image before it is queued for the engine: at most
 * {@link MAX_IMAGE_BYTES} bytes, a JPEG, PNG or WebP by its magic bytes, and a header size
 * within {@link checkImageDimensions}. Reads only the header (sharp's `metadata()` parses the
 * JPEG frame header, the PNG IHDR chunk or the WebP VP8/VP8L/VP8X header; no pixel is decoded).
 * Resolves to what the header says. Throws ClockfaceError `too-large` (bytes or pixels),
 * `unsupported-image` (another type) or `unreadable-image` (the right signature but a header
 * that does not parse).
 */
export async function screenEncodedImage(data: Uint8Array): Promise<ImageHeader> {
  if (data.byteLength > MAX_IMAGE_BYTES) {
    throw new ClockfaceError('too-large', `The image is ${data.byteLength} bytes; the largest accepted is ${MAX_IMAGE_BYTES} bytes.`, {
      bytes: data.byteLength,
      maxBytes: MAX_IMAGE_BYTES
    })
  }
  const type = await detectImageType(data)
  let width: number
  let height: number
  try {
    // The pixel limit is off here only so the size can be read and named in the refusal below;
    // metadata() decodes nothing, and the decoder (image-input.ts) keeps its own limit.
    const meta = await sharp(data, { limitInputPixels: false }).metadata()
    width = meta.width
    height = meta.height
  } catch (error) {
    throw new ClockfaceError('unreadable-image', `The ${type.toUpperCase()} image could not be read (${(error as Error).message}).`)
  }
  checkImageDimensions(width, height)
  return { type, width, height }
}
