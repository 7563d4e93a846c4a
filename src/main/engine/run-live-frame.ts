/**
 * One live camera frame inside the engine worker, with tracking (face-tracker.ts): on most
 * frames the tiny detector runs only on a small square around each tracked face (the region
 * its landmarks gave in the previous frame; a face that no longer looks like the tracked one
 * is described at once, face-appearance.ts) at {@link REGION_INPUT_SIZE} px, and the 68-point
 * net on the face it finds there; the full-frame detector runs when a face is lost, when
 * nothing is tracked, and every DETECT_EVERY_FRAMES frames to notice new faces. Descriptors
 * are computed only for the frames the tracker picks (new track, larger face, refresh), with
 * the same 5-point alignment and MobileFaceNet as every other path, so kiosk descriptors stay
 * comparable with enrolment ones. Photos never come here (run-detection.ts).
 * Every tensor made here is disposed before returning, also on failure.
 */
import type { Box, Point } from '../../shared/models'
import type { DetectOptions, EngineFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import type { FaceTracker } from './face-tracker'
import type { Pixels, PreparedImage } from './image-input'
import type { MobileFaceNet } from './mobilefacenet'
import { TINY_SCORE_THRESHOLD } from './detector-options'
import { faceAppearance } from './face-appearance'
import { findFaces, rgbImage, scalePoint, toImageBox, type FoundFace } from './run-detection'

/**
 * Tiny detector input size for the region around a tracked face, in pixels (a multiple of 32).
 * The region is twice the face, so the face spans about half of it: ≈ 80 px here, well inside
 * what the tiny detector finds, at about a seventh of the full frame's 416 px cost.
 */
export const REGION_INPUT_SIZE = 160

interface FaceApiResult {
  detection: { box: Box; score: number }
  landmarks: { positions: Point[] }
  alignedRect: { box: Box }
}

/** RGB int32 values of one rectangle of the pixels (row-major HWC), for a tensor of just that region. */
function regionValues(pixels: Pixels, region: Box): Int32Array {
  const { data, channels, width } = pixels
  const out = new Int32Array(region.width * region.height * 3)
  let d = 0
  for (let y = region.y; y < region.y + region.height; y++) {
    for (let x = region.x, s = (y * width + region.x) * channels; x < region.x + region.width; x++, s += channels) {
      out[d++] = data[s] as number
      out[d++] = data[s + 1] as number
      out[d++] = data[s + 2] as number
    }
  }
  return out
}

/** The most confident face in `region`, in inference pixels; null when the detector finds none there. */
async function findInRegion(api: LoadedFaceApi, pixels: Pixels, region: Box, minScore: number): Promise<FoundFace | null> {
  const { faceapi, tf } = api
  const input = tf.tensor3d(regionValues(pixels, region), [region.height, region.width, 3], 'int32')
  try {
    const options = new faceapi.TinyFaceDetectorOptions({ inputSize: REGION_INPUT_SIZE, scoreThreshold: minScore })
    const results = (await faceapi.detectAllFaces(input, options).withFaceLandmarks()) as FaceApiResult[]
    const best = results.sort((a, b) => b.detection.score - a.detection.score)[0]
    if (!best) return null
    const shift = (b: Box): Box => ({ x: b.x + region.x, y: b.y + region.y, width: b.width, height: b.height })
    return {
      box: shift(best.detection.box),
      score: best.detection.score,
      landmarks: best.landmarks.positions.map((p) => ({ x: p.x + region.x, y: p.y + region.y })),
      alignedBox: shift(best.alignedRect.box)
    }
  } finally {
    input.dispose()
  }
}

/**
 * Detects (or tracks) the faces of one live frame. Same output as {@link runDetection} for a
 * frame (boxes, scores, 68 landmarks in the sent image's pixels, sorted by score), plus each
 * face's `trackId`; `descriptor` only on the faces the tracker chose to describe this frame
 * (`options.track.describeEveryFrame` describes all). No thumbnails.
 * Throws ClockfaceError `invalid-input` for bad detector options.
 */
export async function runLiveFrame(api: LoadedFaceApi, describer: MobileFaceNet, image: PreparedImage, options: DetectOptions, tracker: FaceTracker): Promise<EngineFace[]> {
  const { pixels } = image
  const minScore = options.minScore ?? TINY_SCORE_THRESHOLD
  let found: FoundFace[] | null = null
  if (!tracker.needsDetection(pixels.width, pixels.height)) {
    found = []
    for (const region of tracker.regions(pixels.width, pixels.height)) {
      const face = await findInRegion(api, pixels, region, minScore)
      if (!face) {
        found = null // a face was lost: look at the whole frame
        break
      }
      found.push(face)
    }
  }
  const fromDetector = found === null
  found ??= await findFaces(api, pixels, options)
  const withAppearance = found.map((face) => ({ ...face, appearance: faceAppearance(pixels, face.landmarks) }))
  const decisions = tracker.update(withAppearance, fromDetector, options.track?.describeEveryFrame === true)
  const rgb = options.withDescriptors && decisions.some((d) => d.describe) ? rgbImage(pixels) : null
  const faces: EngineFace[] = found.map((result, i) => {
    const decision = decisions[i] as (typeof decisions)[number]
    const face: EngineFace = {
      box: toImageBox(result.box, image.scale, image.width, image.height),
      score: result.score,
      landmarks: result.landmarks.map((p) => scalePoint(p, image.scale)),
      trackId: decision.trackId
    }
    if (rgb && decision.describe) face.descriptor = Array.from(api.tf.tidy(() => describer.describe(rgb, result.landmarks)))
    return face
  })
  return faces.sort((a, b) => b.score - a.score)
}
