/**
 * The aligned face a template keeps, so its descriptor can be recomputed when the recognition
 * model changes, without asking anyone to enrol again: the face warped by a 5-point similarity
 * transform onto a fixed layout, with room around it for models that crop wider (dlib's
 * 150 px chip with padding 0.25 takes about 1.5× the eye-to-mouth extent), stored as JPEG.
 */
import sharp from 'sharp'
import { ARCFACE_TEMPLATE_112, fivePoints, warpToTemplate, type Point, type RgbImage } from './face-chip'

/** Side of the stored aligned face, pixels. */
export const ALIGNED_FACE_SIZE = 224

/**
 * Scale of the ArcFace layout inside the stored face: the 112 px layout is drawn at
 * 224 × 0.625 = 140 px, centred, so a quarter of the ArcFace chip's width is kept as margin
 * on every side.
 */
const LAYOUT_SCALE = (ALIGNED_FACE_SIZE / 112) * 0.625

/** Where the five points (see {@link fivePoints}) sit in a stored aligned face, pixels. */
export const ALIGNED_FACE_POINTS: readonly Point[] = ARCFACE_TEMPLATE_112.map((p) => ({
  x: ALIGNED_FACE_SIZE / 2 + (p.x - 56) * LAYOUT_SCALE,
  y: ALIGNED_FACE_SIZE / 2 + (p.y - 56) * LAYOUT_SCALE
}))

/** JPEG quality of stored aligned faces; 92 keeps recomputed descriptors within noise of the originals. */
export const ALIGNED_FACE_JPEG_QUALITY = 92

/** The aligned face of `landmarks` (68 points in `image` pixels) as a JPEG. */
export async function alignedFaceJpeg(image: RgbImage, landmarks: readonly Point[]): Promise<Uint8Array> {
  const face = warpToTemplate(image, fivePoints(landmarks), ALIGNED_FACE_POINTS, ALIGNED_FACE_SIZE)
  const jpeg = await sharp(face.data, { raw: { width: face.width, height: face.height, channels: 3 } }).jpeg({ quality: ALIGNED_FACE_JPEG_QUALITY }).toBuffer()
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength)
}
