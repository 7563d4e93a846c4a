/**
 * Camera frames sent encoded (JPEG, PNG or WebP) to `recogniseFrame`, decoded to the raw RGBA
 * pixels the kiosk path works on. Browser mode sends its frames as JPEG: a 640×480 frame is
 * then about 50 KB instead of 1.2 MB of RGBA, and headless Chromium on the 2-core test machine
 * took 82 ms (235 ms with its camera playing) to upload the raw one. The desktop app sends raw
 * pixels over IPC, which never come here. sharp decodes in libuv's thread pool, so the event
 * loop does not wait for it.
 */
import sharp from 'sharp'
import type { ImageInput, PixelImage } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { screenEncodedImage } from '../engine/image-screen'

/** Largest encoded frame accepted, pixels (a 4K UHD camera picture; a kiosk needs 640×480). */
export const MAX_ENCODED_FRAME_PIXELS = 3840 * 2160

/**
 * The frame as raw RGBA pixels: a raw frame is returned as it is; an encoded one is screened
 * (type, header size) and decoded, EXIF orientation applied. Throws ClockfaceError
 * `unsupported-image` (not JPEG, PNG or WebP), `too-large` (over {@link MAX_ENCODED_FRAME_PIXELS}
 * or the image limits) or `unreadable-image` (does not decode).
 */
export async function framePixels(frame: ImageInput): Promise<PixelImage> {
  if (frame.kind === 'pixels') return frame
  const header = await screenEncodedImage(frame.data)
  if (header.width * header.height > MAX_ENCODED_FRAME_PIXELS) {
    throw new ClockfaceError('too-large', `The frame is ${header.width}×${header.height} pixels; the largest accepted is 3840×2160.`, {
      width: header.width,
      height: header.height,
      maxPixels: MAX_ENCODED_FRAME_PIXELS
    })
  }
  try {
    const { data, info } = await sharp(frame.data, { limitInputPixels: MAX_ENCODED_FRAME_PIXELS }).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return { kind: 'pixels', format: 'rgba', width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer> }
  } catch (error) {
    throw new ClockfaceError('unreadable-image', `The ${header.type.toUpperCase()} frame could not be decoded (${(error as Error).message}).`)
  }
}
