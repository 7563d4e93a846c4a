/**
 * One live camera frame inside the engine worker, with tracking (face-tracker.ts): on most
 * frames no detector runs at all; the 68-point net looks for each tracked face in the square
 * its previous frame's landmarks give (landmark-square.ts), and the face's appearance
 * signature (face-appearance.ts) says whether that is still the tracked face. The full-frame
 * detector runs here when a face is lost or no longer looks like its track (a face found there
 * in a track's place but looking different is then described at once), and when nothing is
 * tracked. Every DETECT_EVERY_FRAMES frames a full-frame detection notices new faces and
 * re-anchors the landmarks. Descriptors are computed only for the frames the tracker picks (new
 * track, larger face, refresh), with the same 5-point alignment and MobileFaceNet as every
 * other path, so kiosk descriptors stay comparable with enrolment ones.
 *
 * With a live helper thread (live-helper.ts) on the machine's other core, the periodic
 * detection and most descriptors run there while this thread keeps following faces, so the
 * overlay is not held up by them: the detection is merged into a later frame
 * (merge-detection.ts), and descriptors are delivered with a later frame of their track, one
 * per face per frame, so each still counts as one frame's identification. Urgent descriptors
 * stay here: a new track's first two, a changed face's, and every face's in a 1:1 check.
 * Photos never come here (run-detection.ts).
 * Every tensor made here is disposed before returning, also on failure.
 */
import type { DetectOptions, EngineFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import { ARCFACE_TEMPLATE_112, fivePoints, warpToTemplate } from './face-chip'
import type { TrackedFace, TrackDecision } from './face-tracker'
import type { Pixels, PreparedImage } from './image-input'
import type { LiveHelper } from './live-helper'
import { faceChanged, forgetEndedTracks, keepDescriptor, takeDescriptor, type LiveStream } from './live-stream'
import { faceAppearance } from './face-appearance'
import { landmarksInSquares } from './landmark-square'
import { mergeDetection } from './merge-detection'
import { MOBILEFACENET_INPUT, type MobileFaceNet } from './mobilefacenet'
import { findFaces, scalePoint, toImageBox } from './run-detection'

/** The ArcFace chip MobileFaceNet describes, cut straight from RGB or RGBA pixels (the same chip as mobilefacenet.ts alignArcFace). */
function arcFaceChip(pixels: Pixels, landmarks: TrackedFace['landmarks']) {
  return warpToTemplate(pixels, fivePoints(landmarks), ARCFACE_TEMPLATE_112, MOBILEFACENET_INPUT, pixels.channels)
}

/**
 * Whether a descriptor the tracker asked for may be computed by the helper and delivered with a
 * later frame: not a new face's first two (a caller sending single frames, or a face seen in
 * one frame only, gets its identification with the frame, and two agreeing frames can confirm
 * at once), not a changed face's, not in a 1:1 check.
 */
function canWait(decision: TrackDecision, describeAll: boolean): boolean {
  return !describeAll && !decision.changed && decision.described > 2
}

/** Starts a full-frame detection of a copy of `pixels` in the helper; its faces wait in the stream for a later frame. */
function startDetection(stream: LiveStream, helper: LiveHelper, pixels: Pixels, options: DetectOptions): void {
  stream.detecting = true
  stream.tracker.detectionStarted()
  const { detector, minScore, inputSize } = options
  const detectorOnly: DetectOptions = { detector, withDescriptors: false, ...(minScore === undefined ? {} : { minScore }), ...(inputSize === undefined ? {} : { inputSize }) }
  helper
    .detect({ width: pixels.width, height: pixels.height, channels: pixels.channels, data: pixels.data.slice() }, detectorOnly)
    .then(
      (faces) => {
        if (stream.open) stream.detected = faces
      },
      () => {} // a failed helper detection is skipped; the next one is due in DETECT_EVERY_FRAMES frames
    )
    .finally(() => {
      stream.detecting = false
    })
}

/** Lets replies the helper has already sent be received (they arrive as events, between this thread's tasks). */
const receiveReplies = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Detects (or tracks) the faces of one live frame. Same output as {@link runDetection} for a
 * frame (boxes, scores, 68 landmarks in the sent image's pixels, sorted by score), plus each
 * face's `trackId`; `descriptor` only on the faces described this frame or whose descriptor the
 * helper has just finished (`options.track.describeEveryFrame` describes all, in this frame).
 * `helper` may be null or not ready: everything then runs in this thread. No thumbnails.
 * Throws ClockfaceError `invalid-input` for bad detector options.
 */
export async function runLiveFrame(api: LoadedFaceApi, describer: MobileFaceNet, image: PreparedImage, options: DetectOptions, stream: LiveStream, helper: LiveHelper | null): Promise<EngineFace[]> {
  const { pixels } = image
  const { tracker } = stream
  const describeAll = options.track?.describeEveryFrame === true
  const aside = helper !== null && helper.ready() && !describeAll ? helper : null
  let found: TrackedFace[] | null = null
  let fromDetector: boolean | boolean[] = false
  if (tracker.canFollow(pixels.width, pixels.height) && (aside !== null || !tracker.detectionDue())) {
    const landmarks = await landmarksInSquares(api, pixels, tracker.squares())
    found = tracker.follow(
      landmarks,
      landmarks.map((points) => faceAppearance(pixels, points))
    )
  }
  if (found !== null && stream.detected !== null) {
    const merged = await mergeDetection(api, pixels, found, stream.detected)
    found = merged.faces
    fromDetector = merged.fromDetector
  }
  stream.detected = null
  if (found === null) {
    found = (await findFaces(api, pixels, options)).map((face) => ({ ...face, appearance: faceAppearance(pixels, face.landmarks) }))
    fromDetector = true
  } else if (aside !== null && tracker.detectionDue() && !stream.detecting) startDetection(stream, aside, pixels, options)

  const decisions = tracker.update(found, fromDetector, describeAll)
  forgetEndedTracks(
    stream,
    decisions.map((d) => d.trackId)
  )
  const descriptors: (Float32Array | null)[] = found.map(() => null)
  let asked = false
  found.forEach((face, i) => {
    const decision = decisions[i] as TrackDecision
    if (decision.changed) faceChanged(stream, decision.trackId)
    if (!options.withDescriptors || !decision.describe) return
    const chip = arcFaceChip(pixels, face.landmarks)
    if (aside !== null && canWait(decision, describeAll)) {
      const generation = stream.generations.get(decision.trackId) ?? 0
      asked = true
      aside.describe(chip).then(
        (descriptor) => keepDescriptor(stream, decision.trackId, generation, descriptor),
        () => {} // lost with a failed helper; the track is described again at its next refresh
      )
    } else descriptors[i] = api.tf.tidy(() => describer.describeChip(chip))
  })
  if (options.withDescriptors && (asked || stream.descriptors.size > 0 || (aside?.pending() ?? 0) > 0)) {
    await receiveReplies()
    found.forEach((_, i) => {
      descriptors[i] ??= takeDescriptor(stream, (decisions[i] as TrackDecision).trackId)
    })
  }
  const faces: EngineFace[] = found.map((result, i) => {
    const face: EngineFace = {
      box: toImageBox(result.box, image.scale, image.width, image.height),
      score: result.score,
      landmarks: result.landmarks.map((p) => scalePoint(p, image.scale)),
      trackId: (decisions[i] as TrackDecision).trackId
    }
    const descriptor = descriptors[i]
    if (descriptor) face.descriptor = Array.from(descriptor)
    return face
  })
  return faces.sort((a, b) => b.score - a.score)
}
