/**
 * Which kind of file an encoded image is, told by its magic bytes (the signature at the start
 * of the file), never by a name, an extension or a client's Content-Type: only JPEG, PNG and
 * WebP go on to a decoder. sharp (libvips) would otherwise decode whatever it can (SVG through
 * librsvg, TIFF, GIF, HEIF, …), each a parser the product does not need and an attack surface
 * for every transport's images.
 */
import { fileTypeFromBuffer } from 'file-type/core'
import { ClockfaceError } from '../../shared/errors'

/** An accepted encoded image type, by sharp's format name. */
export type ImageType = 'jpeg' | 'png' | 'webp'

/**
 * Accepted media types (as file-type names them) and the format each decodes as. An animated
 * PNG (`image/apng`) is a valid PNG whose first frame every PNG decoder shows, so it is
 * accepted as PNG; every other type file-type knows (GIF, TIFF, HEIC, AVIF, JPEG XL, BMP, …)
 * and every file it does not recognise (SVG and other text) is refused.
 */
export const ACCEPTED_IMAGE_TYPES: Readonly<Record<string, ImageType>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/webp': 'webp'
}

/**
 * Tells the type of an encoded image from its first bytes with the `file-type` library
 * (signatures for JPEG `FF D8 FF`, PNG `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF….WEBP`; for a PNG
 * it also walks the chunk headers up to the first image-data chunk, reading no pixel data).
 * Nothing is decoded. Resolves to the accepted {@link ImageType}; rejects with ClockfaceError
 * `unsupported-image` naming the type found (or saying none was) for anything else.
 */
export async function detectImageType(data: Uint8Array): Promise<ImageType> {
  let found: { ext: string; mime: string } | undefined
  try {
    found = await fileTypeFromBuffer(data)
  } catch {
    // file-type gives up on some malformed containers by throwing; the bytes are no image we read either way.
    found = undefined
  }
  const accepted = found ? ACCEPTED_IMAGE_TYPES[found.mime] : undefined
  if (accepted) return accepted
  const what = found ? `a ${found.ext.toUpperCase()} file (${found.mime})` : 'not a file type Clockface recognises'
  throw new ClockfaceError('unsupported-image', `The image is ${what}; send a JPEG, PNG or WebP photo.`, {
    detected: found?.mime ?? null
  })
}
