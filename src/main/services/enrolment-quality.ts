/**
 * The quality gates on every enrolment photo, checked in main whatever the client did: the
 * photo's luminance is taken before the engine sees it (the engine may take over a pixel
 * image's buffer), then the engine's landmarks for the one face are judged with the shared
 * gates (src/shared/face-quality). A failing photo is refused with `invalid-input` naming
 * the reason, before anything is stored.
 */
import sharp from 'sharp'
import type { ImageInput } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { assessFace, describeIssues, gatesForSource, greyFromPixels, type GreyImage } from '../../shared/face-quality'
import type { TemplateSource } from '../../shared/models'
import type { DescribedFace } from './describe-face'

/**
 * Longest side, in pixels, of the luminance copy the gates measure. Landmarks are scaled
 * into it; sharpness and exposure are taken on a 64 px resample of the face
 * (QUALITY_CROP_SIZE), so 2048 px (the engine's own inference size) loses nothing.
 */
const MAX_GREY_SIDE = 2048

/** Luminance of an image plus the factor from its pixels to those of the image as sent. */
export interface ScaledGrey {
  grey: GreyImage
  /** Sent-image pixels per grey pixel (1 unless the image was scaled down). */
  scale: number
}

/**
 * The luminance of a raw-pixel enrolment image at its own size (pure arithmetic; the
 * contract caps such an image at 20 MB, about 5 megapixels of RGBA).
 */
export function greyOfPixels(image: Extract<ImageInput, { kind: 'pixels' }>): ScaledGrey {
  return { grey: greyFromPixels(image.data, image.width, image.height, image.format === 'rgba' ? 4 : 3), scale: 1 }
}

/**
 * The luminance of an encoded enrolment photo, at most {@link MAX_GREY_SIDE} px on its
 * longest side (EXIF orientation applied, as the engine does). Call it only on bytes the
 * engine has already decoded: it relies on the engine's screening of type and size.
 * Raises `unreadable-image` when sharp cannot decode them after all.
 */
export async function greyOfEncoded(data: Uint8Array): Promise<ScaledGrey> {
  try {
    const { width, height } = (await sharp(data).metadata()).autoOrient
    const longest = Math.max(width, height)
    const scale = longest > MAX_GREY_SIDE ? longest / MAX_GREY_SIDE : 1
    let pipeline = sharp(data).rotate()
    if (scale !== 1) pipeline = pipeline.resize(Math.round(width / scale), Math.round(height / scale), { fit: 'fill' })
    // BT.601 luma, the weights greyFromPixels uses for camera frames.
    const { data: luma, info } = await pipeline
      .removeAlpha()
      .toColourspace('srgb')
      .recomb([
        [0.299, 0.587, 0.114],
        [0.299, 0.587, 0.114],
        [0.299, 0.587, 0.114]
      ])
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { grey: { width: info.width, height: info.height, data: new Uint8Array(luma.buffer, luma.byteOffset, luma.byteLength) }, scale }
  } catch (error) {
    throw new ClockfaceError('unreadable-image', `the image could not be read (${(error as Error).message})`)
  }
}

/**
 * Refuses an enrolment face that fails the gates for its `source` (live camera captures
 * get the camera gates, files and imports the looser file gates; see gatesForSource):
 * raises ClockfaceError `invalid-input` whose message names every reason, with details
 * `{ quality: issue codes, measures }`.
 */
export function assertEnrolmentQuality(face: DescribedFace, { grey, scale }: ScaledGrey, source: TemplateSource): void {
  const landmarks = scale === 1 ? face.landmarks : face.landmarks.map((p) => ({ x: p.x / scale, y: p.y / scale }))
  const assessment = assessFace({ faceCount: 1, landmarks, grey, scale, gates: gatesForSource(source) })
  if (assessment.passed) return
  throw new ClockfaceError(
    'invalid-input',
    `The photo does not meet the enrolment quality checks: ${describeIssues(assessment.issues)}.`,
    { quality: assessment.issues, measures: assessment.measures }
  )
}

/**
 * Describes an enrolment photo with `describe` (the engine) and checks the gates on the
 * result; see {@link assertEnrolmentQuality}. A pixel image's luminance is taken first (the
 * engine may detach its buffer); an encoded photo is decoded again only after the engine
 * has screened and decoded it, so its errors (`unsupported-image`, `too-large`,
 * `unreadable-image`, `no-face`, `multiple-faces`) come first, as without the gates.
 */
export async function describeCheckedFace(
  image: ImageInput,
  source: TemplateSource,
  describe: (image: ImageInput) => Promise<DescribedFace>
): Promise<DescribedFace> {
  const pixelsGrey = image.kind === 'pixels' ? greyOfPixels(image) : null
  const face = await describe(image)
  const grey = pixelsGrey ?? (await greyOfEncoded((image as Extract<ImageInput, { kind: 'encoded' }>).data))
  assertEnrolmentQuality(face, grey, source)
  return face
}
