/**
 * One detect call inside the engine worker: pixels → tensor → face-api detector and 68
 * landmarks → (optionally) descriptors → plain objects in the sent image's pixels. Every
 * tensor made here is disposed before returning, also on failure.
 *
 * The recognition pipeline is the same for every path (enrolment photos, API images, kiosk
 * frames): detection (photos: SSD, again on a padded canvas when it finds no face or a large
 * one, see detection-canvas.ts, then the tiny detector on that canvas if SSD still finds none;
 * frames: the tiny detector), 68 landmarks looked at twice (the second time in a square around
 * the first ones, landmark-square.ts), a 5-point similarity alignment to the ArcFace 112 px chip,
 * MobileFaceNet on the chip and its mirror image, L2-normalised (mobilefacenet.ts).
 */
import type { Box, Point } from '../../shared/models'
import { alignedFaceJpeg } from './aligned-face'
import { paddedCanvas, type DetectionCanvas } from './detection-canvas'
import { detectorOptions, TINY_SCORE_THRESHOLD } from './detector-options'
import type { DetectOptions, EngineFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import type { RgbImage } from './face-chip'
import { faceThumbnail } from './face-thumbnail'
import { landmarkSquare, landmarksInSquares } from './landmark-square'
import type { Pixels, PreparedImage } from './image-input'
import type { MobileFaceNet } from './mobilefacenet'

/** The parts of a face-api result the engine reads. */
interface FaceApiResult {
  detection: { box: Box; score: number }
  landmarks: { positions: Point[] }
  alignedRect: { box: Box }
  descriptor?: Float32Array
}

/** RGB values as int32 in row-major HWC order, dropping alpha in the same pass (no re-encoding). */
export function rgbValues(pixels: Pixels): Int32Array {
  const { data, channels } = pixels
  const count = pixels.width * pixels.height
  const out = new Int32Array(count * 3)
  for (let i = 0, s = 0, d = 0; i < count; i++, s += channels, d += 3) {
    out[d] = data[s] as number
    out[d + 1] = data[s + 1] as number
    out[d + 2] = data[s + 2] as number
  }
  return out
}

/** A point of the (possibly shrunk) image the detector saw, in the pixels of the sent image. */
export const scalePoint = (p: Point, scale: number): Point => ({ x: p.x * scale, y: p.y * scale })

/** Box scaled to the sent image and clipped to its bounds (detectors may overshoot the edge). */
export function toImageBox(box: Box, scale: number, width: number, height: number): Box {
  const x0 = Math.max(0, box.x * scale)
  const y0 = Math.max(0, box.y * scale)
  const x1 = Math.min(width, (box.x + box.width) * scale)
  const y1 = Math.min(height, (box.y + box.height) * scale)
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) }
}

/** Faces found on the detection canvas, with boxes and landmarks mapped back to the inference pixels. */
export interface FoundFace {
  box: Box
  score: number
  landmarks: Point[]
  alignedBox: Box
}

const toImage = (p: Point, c: DetectionCanvas): Point => ({ x: (p.x - c.offsetX) / c.scale, y: (p.y - c.offsetY) / c.scale })
const boxToImage = (b: Box, c: DetectionCanvas): Box => ({ x: (b.x - c.offsetX) / c.scale, y: (b.y - c.offsetY) / c.scale, width: b.width / c.scale, height: b.height / c.scale })

/**
 * Share of the image's shorter side above which a photo's face is looked for again in the
 * padded canvas. On LFW View 1 (bench/accuracy, pipeline g), faces this large found in the
 * image as sent gave some landmark sets far enough off to make two photos of one person score
 * as strangers (cosine similarity below 0.2), which the padded canvas corrected.
 */
export const LARGE_FACE_SHARE = 0.3

/**
 * Share of the image's shorter side that the largest face a photo's first look found must
 * reach; below it the photo is looked at again on the padded canvas. SSD, resizing to 512 px,
 * can miss the one large face of a small photo entirely and return only tiny faces from the
 * background. Measured on the LFW images of the 1:N protocol draws (bench/accuracy): on
 * Lech_Walesa_0002, David_Dewayne_Williams_0001, Makiya_Ali_Hassan_0001 and Choi_Sung-hong_0003
 * (150 px), SSD found only background faces of 10–18 px (7–12% of the side) and missed the
 * 50–61 px face in front, which it finds at 0.98–0.996 on the padded canvas. Descriptors of
 * such tiny faces are not a person's: four of them, of four different people, scored cosine
 * 0.79–0.98 with each other. A photo's main face is rarely this small (LFW's are 33–47%).
 */
export const SMALL_FACE_SHARE = 0.15

/**
 * True when a photo's detection should be repeated on the padded canvas: no face, a face
 * filling ≥ {@link LARGE_FACE_SHARE} of the shorter side, or only faces under
 * {@link SMALL_FACE_SHARE} of it. `boxes` in the pixels of the image of `width` × `height`.
 */
export function needsPaddedLook(boxes: readonly Box[], width: number, height: number): boolean {
  if (boxes.length === 0) return true
  const largest = largestSide(boxes)
  const side = Math.min(width, height)
  return largest >= LARGE_FACE_SHARE * side || largest < SMALL_FACE_SHARE * side
}

/** The longest box side among `boxes` (0 for none), in their pixels. */
const largestSide = (boxes: readonly Box[]): number => boxes.reduce((m, b) => Math.max(m, b.width, b.height), 0)

/**
 * Whether the padded look's faces replace the first look's: when it finds as many faces, or
 * when the first found only faces under {@link SMALL_FACE_SHARE} of the shorter side and the
 * padded look finds one at least that large (the face in front that SSD had missed). Boxes in
 * the pixels of the image of `width` × `height`.
 */
export function keepPaddedLook(first: readonly Box[], padded: readonly Box[], width: number, height: number): boolean {
  if (padded.length >= first.length) return true
  const small = SMALL_FACE_SHARE * Math.min(width, height)
  return largestSide(first) < small && largestSide(padded) >= small
}

/**
 * Tiny detector input size for the last look at a photo in which SSD found no face on either
 * canvas (pixels, a multiple of 32). Measured on the three LFW View 1 test images with a clear
 * frontal face that SSD misses on both canvases (bench/accuracy): on the padded canvas 320
 * scored 0.75–0.97 on all three, 224 and 416 missed one each at the default threshold.
 */
export const PHOTO_FALLBACK_TINY_SIZE = 320

function photoFallbackOptions(faceapi: LoadedFaceApi['faceapi']): InstanceType<LoadedFaceApi['faceapi']['TinyFaceDetectorOptions']> {
  return new faceapi.TinyFaceDetectorOptions({ inputSize: PHOTO_FALLBACK_TINY_SIZE, scoreThreshold: TINY_SCORE_THRESHOLD })
}

/**
 * Runs the detector of `options` and the 68-point net on the whole image. SSD (photos): again
 * on the padded canvas when it finds nothing or a large face, and the tiny detector on that
 * canvas when SSD found nothing on either.
 */
export async function findFaces(api: LoadedFaceApi, pixels: Pixels, options: DetectOptions): Promise<FoundFace[]> {
  const { faceapi, tf } = api
  const detector = detectorOptions(faceapi, options)
  const input = tf.tensor3d(rgbValues(pixels), [pixels.height, pixels.width, 3], 'int32')
  let canvas: DetectionCanvas = { tensor: input, scale: 1, offsetX: 0, offsetY: 0 }
  try {
    let results = (await faceapi.detectAllFaces(input, detector).withFaceLandmarks()) as FaceApiResult[]
    // A photo whose face fills much of the frame: SSD misses it (sometimes returning only tiny
    // background faces) or boxes it loosely, and the landmarks (cut from that box) then
    // misplace the eyes, so look again with the image in a padded canvas. Only then, because
    // padding shrinks every face, and small faces of a wide photo would be lost (keepPaddedLook).
    const firstBoxes = results.map((r) => r.detection.box)
    if (options.detector === 'ssd-mobilenetv1' && needsPaddedLook(firstBoxes, pixels.width, pixels.height)) {
      const padded = paddedCanvas(tf, input)
      const again = (await faceapi.detectAllFaces(padded.tensor, detector).withFaceLandmarks()) as FaceApiResult[]
      const againBoxes = again.map((r) => boxToImage(r.detection.box, padded))
      if (keepPaddedLook(firstBoxes, againBoxes, pixels.width, pixels.height)) {
        canvas = padded
        results = again
      } else padded.tensor.dispose()
    }
    // SSD still sees nothing: some clear frontal faces score below its minimum confidence on
    // both canvases, and the tiny detector, trained on other data, finds them.
    if (options.detector === 'ssd-mobilenetv1' && results.length === 0 && canvas.tensor !== input) {
      results = (await faceapi.detectAllFaces(canvas.tensor, photoFallbackOptions(faceapi)).withFaceLandmarks()) as FaceApiResult[]
    }
    const faces: FoundFace[] = results.map((r) => ({
      box: boxToImage(r.detection.box, canvas),
      score: r.detection.score,
      landmarks: r.landmarks.positions.map((p) => toImage(p, canvas)),
      alignedBox: boxToImage(r.alignedRect.box, canvas)
    }))
    // A second look of the landmark net, in a square around the first landmarks
    // (landmark-square.ts): better placed points for the alignment, and on kiosk frames the
    // same kind of points the tracker follows between detections, so they do not jump.
    const again = await landmarksInSquares(api, pixels, faces.map((f) => landmarkSquare(f.landmarks)))
    return faces.map((f, i) => ({ ...f, landmarks: again[i] as Point[] }))
  } finally {
    if (canvas.tensor !== input) canvas.tensor.dispose()
    input.dispose()
  }
}

/** The inference pixels as 3-channel RGB (a copy only when they carry alpha). */
export function rgbImage(pixels: Pixels): RgbImage {
  if (pixels.channels === 3) return { width: pixels.width, height: pixels.height, data: pixels.data }
  const count = pixels.width * pixels.height
  const data = new Uint8Array(count * 3)
  for (let i = 0, s = 0, d = 0; i < count; i++, s += 4, d += 3) {
    data[d] = pixels.data[s] as number
    data[d + 1] = pixels.data[s + 1] as number
    data[d + 2] = pixels.data[s + 2] as number
  }
  return { width: pixels.width, height: pixels.height, data }
}

/**
 * Detects the faces in a prepared image. Boxes, scores (0..1) and 68 landmarks are reported
 * in the pixels of the image as sent; descriptors are MobileFaceNet's (192 numbers, unit
 * length); thumbnails are {@link faceThumbnail} JPEGs and aligned faces
 * {@link alignedFaceJpeg} JPEGs. Faces come sorted by detector score, best first.
 * Throws ClockfaceError `invalid-input` for bad detector options.
 */
export async function runDetection(api: LoadedFaceApi, describer: MobileFaceNet, image: PreparedImage, options: DetectOptions): Promise<EngineFace[]> {
  const found = await findFaces(api, image.pixels, options)
  const rgb = options.withDescriptors || options.withThumbnails ? rgbImage(image.pixels) : null
  const faces: EngineFace[] = []
  for (const result of found) {
    const face: EngineFace = {
      box: toImageBox(result.box, image.scale, image.width, image.height),
      score: result.score,
      landmarks: result.landmarks.map((p) => scalePoint(p, image.scale))
    }
    if (options.withDescriptors && rgb) face.descriptor = Array.from(api.tf.tidy(() => describer.describe(rgb, result.landmarks)))
    if (options.withThumbnails && rgb) {
      face.thumbnail = await faceThumbnail(image.pixels, result.alignedBox)
      face.alignedFace = await alignedFaceJpeg(rgb, result.landmarks)
    }
    faces.push(face)
  }
  return faces.sort((a, b) => b.score - a.score)
}
