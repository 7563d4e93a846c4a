/**
 * Enrolment photos in the admin form: from a file (sent as the encoded bytes, the engine
 * decodes them) or from the camera (sent as raw RGBA pixels), and drawing either onto a canvas
 * for the face preview.
 */
import { MAX_IMAGE_BYTES } from '../../../shared/contract'
import type { RgbaImage } from './grab-frame'

/** An encoded JPEG, PNG or WebP as the contract's `encoded` image input. */
export interface EncodedImage {
  kind: 'encoded'
  data: Uint8Array<ArrayBuffer>
}

/** A photo chosen for enrolment, with where it came from (stored with the template). */
export interface Photo {
  image: RgbaImage | EncodedImage
  source: 'camera' | 'file'
  /** File name, for display. */
  name: string
}

/** Accepted file types for the file picker. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp'

/**
 * Reads a picked file as encoded bytes. Throws an Error with a sentence for the form when the
 * file is empty or larger than {@link MAX_IMAGE_BYTES}.
 */
export async function readPhotoFile(file: File): Promise<Photo> {
  if (file.size === 0) throw new Error('This file is empty')
  if (file.size > MAX_IMAGE_BYTES) {
    throw new Error(`This photo is too large (${Math.round(file.size / 1e6)} MB; at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB)`)
  }
  const data = new Uint8Array(await file.arrayBuffer())
  return { image: { kind: 'encoded', data }, source: 'file', name: file.name }
}

/** A camera capture as a photo. */
export function photoFromFrame(frame: RgbaImage): Photo {
  return { image: frame, source: 'camera', name: 'Camera capture' }
}

/**
 * Draws a photo at its own pixel size onto `canvas` (resizing the canvas to it), so face
 * boxes and landmarks in image pixels map one to one. Resolves to the size drawn; rejects
 * when the browser cannot decode the file.
 */
export async function drawPhoto(canvas: HTMLCanvasElement, photo: Photo): Promise<{ width: number; height: number }> {
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('Canvas 2D is not available')
  const image = photo.image
  if (image.kind === 'pixels') {
    canvas.width = image.width
    canvas.height = image.height
    const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength)
    ctx.putImageData(new ImageData(pixels, image.width, image.height), 0, 0)
    return { width: image.width, height: image.height }
  }
  const bitmap = await createImageBitmap(new Blob([image.data]))
  try {
    canvas.width = bitmap.width
    canvas.height = bitmap.height
    ctx.drawImage(bitmap, 0, 0)
    return { width: bitmap.width, height: bitmap.height }
  } finally {
    bitmap.close()
  }
}
