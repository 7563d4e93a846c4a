/**
 * One live camera frame inside the engine worker, with tracking (face-tracker.ts): on most
 * frames no detector runs at all; the 68-point net looks for each tracked face in the square
 * its previous frame's landmarks give (landmark-square.ts), and the face's appearance
 * signature (face-appearance.ts) says whether that is still the tracked face. The full-frame
 * detector runs when a face is lost or no longer looks like its track (a face found there in
 * a track's place but looking different is then described at once), when nothing is tracked,
 * and every DETECT_EVERY_FRAMES frames to notice new faces and re-anchor the landmarks. Descriptors
 * are computed only for the frames the tracker picks (new track, larger face, refresh), with
 * the same 5-point alignment and MobileFaceNet as every other path, so kiosk descriptors stay
 * comparable with enrolment ones. Photos never come here (run-detection.ts).
 * Every tensor made here is disposed before returning, also on failure.
 */
import type { DetectOptions, EngineFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import type { FaceTracker, TrackedFace } from './face-tracker'
import type { PreparedImage } from './image-input'
import type { MobileFaceNet } from './mobilefacenet'
import { faceAppearance } from './face-appearance'
import { landmarksInSquares } from './landmark-square'
import { findFaces, rgbImage, scalePoint, toImageBox } from './run-detection'

/**
 * Detects (or tracks) the faces of one live frame. Same output as {@link runDetection} for a
 * frame (boxes, scores, 68 landmarks in the sent image's pixels, sorted by score), plus each
 * face's `trackId`; `descriptor` only on the faces the tracker chose to describe this frame
 * (`options.track.describeEveryFrame` describes all). No thumbnails.
 * Throws ClockfaceError `invalid-input` for bad detector options.
 */
export async function runLiveFrame(api: LoadedFaceApi, describer: MobileFaceNet, image: PreparedImage, options: DetectOptions, tracker: FaceTracker): Promise<EngineFace[]> {
  const { pixels } = image
  let found: TrackedFace[] | null = null
  if (!tracker.needsDetection(pixels.width, pixels.height)) {
    const landmarks = await landmarksInSquares(api, pixels, tracker.squares())
    found = tracker.follow(
      landmarks,
      landmarks.map((points) => faceAppearance(pixels, points))
    )
  }
  const fromDetector = found === null
  found ??= (await findFaces(api, pixels, options)).map((face) => ({ ...face, appearance: faceAppearance(pixels, face.landmarks) }))
  const decisions = tracker.update(found, fromDetector, options.track?.describeEveryFrame === true)
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
