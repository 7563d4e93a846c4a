/**
 * One detect call inside the engine worker: pixels → tensor → face-api detector, 68 landmarks
 * and (optionally) descriptors → plain objects in the sent image's pixels. Every tensor made
 * here is disposed before returning, also on failure.
 */
import type { Box, Point } from '../../shared/models'
import { detectorOptions } from './detector-options'
import type { DetectOptions, EngineFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import { faceThumbnail } from './face-thumbnail'
import type { Pixels, PreparedImage } from './image-input'

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

async function inferFaces(api: LoadedFaceApi, pixels: Pixels, options: DetectOptions): Promise<FaceApiResult[]> {
  const { faceapi, tf } = api
  const detector = detectorOptions(faceapi, options)
  const input = tf.tensor3d(rgbValues(pixels), [pixels.height, pixels.width, 3], 'int32')
  try {
    const withLandmarks = faceapi.detectAllFaces(input, detector).withFaceLandmarks()
    const results: FaceApiResult[] = options.withDescriptors ? await withLandmarks.withFaceDescriptors() : await withLandmarks
    return results
  } finally {
    input.dispose()
  }
}

/**
 * Detects the faces in a prepared image. Boxes, scores (0..1), 68 landmarks and descriptors
 * (128 numbers) are reported in the pixels of the image as sent; thumbnails are
 * {@link faceThumbnail} JPEGs. Faces come sorted by detector score, best first.
 * Throws ClockfaceError `invalid-input` for bad detector options.
 */
export async function runDetection(api: LoadedFaceApi, image: PreparedImage, options: DetectOptions): Promise<EngineFace[]> {
  const results = await inferFaces(api, image.pixels, options)
  const faces: EngineFace[] = []
  for (const result of results) {
    const face: EngineFace = {
      box: toImageBox(result.detection.box, image.scale, image.width, image.height),
      score: result.detection.score,
      landmarks: result.landmarks.positions.map((p) => scalePoint(p, image.scale))
    }
    if (options.withDescriptors && result.descriptor) face.descriptor = Array.from(result.descriptor)
    if (options.withThumbnails) face.thumbnail = await faceThumbnail(image.pixels, result.alignedRect.box)
    faces.push(face)
  }
  return faces.sort((a, b) => b.score - a.score)
}
