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
import { assessFace, gatesForSource, describeIssues, type GreyImage } from '../../shared/face-quality'
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
 * The luminance of an enrolment image, at most {@link MAX_GREY_SIDE} px on its longest side
 * (EXIF orientation applied, as the engine does). Raises `unreadable-image` for bytes sharp
 * cannot decode (the engine would refuse them too).
 */
export async function greyOfImage(image: ImageInput): Promise<ScaledGrey> {
  try {
    const input =
      image.kind === 'pixels'
        ? sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.format === 'rgba' ? 4 : 3 } })
        : sharp(image.data).rotate()
    const meta = image.kind === 'pixels' ? { width: image.width, height: image.height } : (await sharp(image.data).metadata()).autoOrient
    const longest = Math.max(meta.width, meta.height)
    const scale = longest > MAX_GREY_SIDE ? longest / MAX_GREY_SIDE : 1
    const pipeline = scale === 1 ? input : input.resize(Math.round(meta.width / scale), Math.round(meta.height / scale), { fit: 'fill' })
    // BT.601 luma, the weights greyFromPixels uses in the renderer.
    const { data, info } = await pipeline
      .removeAlpha()
      .recomb([
        [0.299, 0.587, 0.114],
        [0.299, 0.587, 0.114],
        [0.299, 0.587, 0.114]
      ])
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true })
    return { grey: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }, scale }
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
 * result; see {@link assertEnrolmentQuality}. The luminance is read first: the engine may
 * detach a pixel image's buffer.
 */
export async function describeCheckedFace(
  image: ImageInput,
  source: TemplateSource,
  describe: (image: ImageInput) => Promise<DescribedFace>
): Promise<DescribedFace> {
  const grey = await greyOfImage(image)
  const face = await describe(image)
  assertEnrolmentQuality(face, grey, source)
  return face
}
