/**
 * Face tracks of one live camera stream, kept in the engine thread between frames, so a kiosk
 * frame need not run a detector and the descriptor network every time (run-live-frame.ts).
 * Pure bookkeeping: which square to find each face's landmarks in next, whether those
 * landmarks still show the tracked face, when to run the full-frame detector, which faces to
 * describe. Boxes and points are in inference pixels.
 *
 * Constants were chosen on the talking-head clips at 25 frames/s (bench/live): a face moves a
 * few percent of its width per frame there, and about 20 % when someone walks past.
 */
import type { Box, Point } from '../../shared/models'
import { boxFrame, placeBox, type BoxFrame } from './box-frame'
import { appearanceSimilarity, APPEARANCE_MIN_SIMILARITY } from './face-appearance'
import { landmarkSquare, type Square } from './landmark-square'
import { pointsBox } from './points-box'

/**
 * Frames between full-frame detections while faces are tracked (≈ 0.4 s at 25 frames/s): new
 * faces appear within that, and landmarks followed from frame to frame are re-anchored on a
 * detector's box before they can drift.
 */
export const DETECT_EVERY_FRAMES = 10
/**
 * Largest change of a followed face's size between two frames (ratio of its landmarks' larger
 * side, either way) still taken as the same face; a bigger jump means the landmark net lost
 * the face and placed its points on something else. Someone walking towards a 25 frames/s
 * camera grows by a few percent per frame.
 */
export const FOLLOW_MAX_SCALE_CHANGE = 1.3
/** Smallest larger side of a followed face's landmarks, pixels: below it the points have collapsed. */
export const FOLLOW_MIN_SIDE = 8
/** A new track is described on its first frames, so multi-frame confirmation gets its agreeing descriptors at once. */
export const DESCRIBE_FIRST_FRAMES = 3
/** Describe again when the face has grown by this factor since its last descriptor (closer: more detail). */
export const DESCRIBE_GROWTH = 1.2
/** Describe again after this many frames without (≈ 0.5 s at 25 frames/s), so a turned face gets new tries. */
export const DESCRIBE_REFRESH_FRAMES = 12
/**
 * …or after this long without, in ms, whatever the frame rate: under the 1.5 s a track's
 * identification stands for (services/track-identities.ts), so a slow kiosk re-describes a
 * face before its name lapses.
 */
export const DESCRIBE_REFRESH_MS = 1000
/** Smallest intersection over union of a detection and a track's last box to continue that track. */
export const MATCH_IOU = 0.2

/** A face found in the current frame. */
export interface TrackedFace {
  box: Box
  score: number
  landmarks: Point[]
  /** Its appearance signature (face-appearance.ts); without one, position alone continues a track. */
  appearance?: Float32Array
  /** Full-frame detections in a row that did not see this followed face (merge-detection.ts); 0 or absent when the last one did. */
  misses?: number
}

/** What the tracker decided for a face of the current frame. */
export interface TrackDecision {
  trackId: string
  /** Whether to compute this face's descriptor in this frame. */
  describe: boolean
  /**
   * The face in the track's place no longer looks like the track's last one: whoever stands
   * there now must be described in this very frame, and descriptors still being computed for
   * the track's earlier frames must be dropped (they may show the person before).
   */
  changed: boolean
  /** Descriptors asked for this track so far, this one included (1 on the first). */
  described: number
}

interface Track {
  id: string
  box: Box
  score: number
  /** The detector's box around the landmarks when the face was last detected, so followed faces get a box of the same kind. */
  frame: BoxFrame
  landmarks: Point[]
  appearance: Float32Array | undefined
  /** See {@link TrackedFace.misses}. */
  misses: number
  /** Frames this track has been seen in. */
  frames: number
  described: number
  describedWidth: number
  framesSinceDescribed: number
  /** Clock (ms) of the last descriptor. */
  describedAt: number
}

/** The tracks of one stream. */
export interface FaceTracker {
  /** Whether this frame needs the full-frame detector (no tracks, periodic look for new faces, or another frame size). */
  needsDetection(width: number, height: number): boolean
  /** Whether there are tracks to follow in a frame of this size (a new size forgets every track). */
  canFollow(width: number, height: number): boolean
  /** Whether the periodic full-frame detection is due ({@link DETECT_EVERY_FRAMES} frames since the last one). */
  detectionDue(): boolean
  /** Records that a full-frame detection was started elsewhere (its faces arrive in a later frame), so the next is due {@link DETECT_EVERY_FRAMES} frames from now. */
  detectionStarted(): void
  /** The square to find each tracked face's landmarks in (landmark-square.ts), one per track in track order. */
  squares(): Square[]
  /**
   * The tracked faces of this frame from the landmarks found in the {@link squares} (same
   * order) and their appearance signatures: each with a box placed around its landmarks as
   * the detector's was at the last detection, and that detection's score. Null when any face
   * has been lost (its appearance no longer like its track's, < APPEARANCE_MIN_SIMILARITY,
   * its size jumped by more than {@link FOLLOW_MAX_SCALE_CHANGE}, or its points collapsed):
   * the frame then needs the full-frame detector. Changes no track; pass the faces to update.
   */
  follow(landmarks: readonly Point[][], appearances: readonly Float32Array[]): TrackedFace[] | null
  /**
   * Takes this frame's faces (`fromDetector`: found by the full-frame detector), continues or
   * starts tracks, forgets tracks not seen, and says per face whether to describe it. A face
   * continues a track when it overlaps the track's last box (intersection over union ≥
   * {@link MATCH_IOU}); when both carry an appearance signature and the face no longer looks
   * like the track's last one (< APPEARANCE_MIN_SIMILARITY), it is described in this very frame,
   * so whoever now stands there is identified afresh instead of inheriting the track's name.
   * `describeAll` describes every face (e.g. a 1:1 check against a typed code); `nowMs` is
   * the engine thread's clock (default `performance.now()`). `fromDetector` may also be given
   * per face, for faces of a detection made a few frames earlier and merged into followed
   * ones (merge-detection.ts): those take the detection's box and score, and the frame does
   * not count as a detection frame (see {@link detectionStarted}).
   */
  update(faces: readonly TrackedFace[], fromDetector: boolean | readonly boolean[], describeAll?: boolean, nowMs?: number): TrackDecision[]
}

/** Intersection over union of two boxes, 0..1. */
export function iou(a: Box, b: Box): number {
  const x0 = Math.max(a.x, b.x)
  const y0 = Math.max(a.y, b.y)
  const x1 = Math.min(a.x + a.width, b.x + b.width)
  const y1 = Math.min(a.y + a.height, b.y + b.height)
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0)
  const union = a.width * a.height + b.width * b.height - inter
  return union > 0 ? inter / union : 0
}

const sideOf = (b: Box): number => Math.max(b.width, b.height)

/** Creates the tracker of one stream; `prefix` makes track ids unique across engine threads. */
export function createFaceTracker(prefix: string): FaceTracker {
  let tracks: Track[] = []
  let sinceDetection = 0
  let size = { width: 0, height: 0 }
  let nextId = 1

  function shouldDescribe(track: Track, describeAll: boolean, nowMs: number): boolean {
    if (describeAll || track.described < DESCRIBE_FIRST_FRAMES) return true
    if (track.box.width >= DESCRIBE_GROWTH * track.describedWidth) return true
    return track.framesSinceDescribed >= DESCRIBE_REFRESH_FRAMES || nowMs - track.describedAt >= DESCRIBE_REFRESH_MS
  }

  return {
    needsDetection(width, height) {
      return !this.canFollow(width, height) || sinceDetection >= DETECT_EVERY_FRAMES
    },
    canFollow(width, height) {
      if (width !== size.width || height !== size.height) {
        size = { width, height }
        tracks = []
      }
      return tracks.length > 0
    },
    detectionDue() {
      return sinceDetection >= DETECT_EVERY_FRAMES
    },
    detectionStarted() {
      sinceDetection = 0
    },
    squares() {
      return tracks.map((track) => landmarkSquare(track.landmarks))
    },
    follow(landmarks, appearances) {
      if (landmarks.length !== tracks.length) return null
      const faces: TrackedFace[] = []
      for (const [i, track] of tracks.entries()) {
        const points = landmarks[i] as Point[]
        const appearance = appearances[i]
        const around = pointsBox(points)
        const side = sideOf(around)
        const ratio = side / Math.max(1, sideOf(pointsBox(track.landmarks)))
        if (side < FOLLOW_MIN_SIDE || ratio > FOLLOW_MAX_SCALE_CHANGE || ratio < 1 / FOLLOW_MAX_SCALE_CHANGE) return null
        if (appearance && track.appearance && appearanceSimilarity(appearance, track.appearance) < APPEARANCE_MIN_SIMILARITY) return null
        faces.push({ box: placeBox(track.frame, around), score: track.score, landmarks: points, misses: track.misses, ...(appearance ? { appearance } : {}) })
      }
      return faces
    },
    update(faces, fromDetector, describeAll = false, nowMs = performance.now()) {
      sinceDetection = fromDetector === true ? 1 : sinceDetection + 1
      const detected = (f: number): boolean => (typeof fromDetector === 'boolean' ? fromDetector : fromDetector[f] === true)
      const pairs: { face: number; track: number; overlap: number }[] = []
      faces.forEach((face, f) => tracks.forEach((track, t) => pairs.push({ face: f, track: t, overlap: iou(face.box, track.box) })))
      pairs.sort((a, b) => b.overlap - a.overlap)
      const trackOf = new Map<number, Track>()
      const taken = new Set<number>()
      for (const { face, track, overlap } of pairs) {
        if (overlap < MATCH_IOU) break
        if (trackOf.has(face) || taken.has(track)) continue
        trackOf.set(face, tracks[track] as Track)
        taken.add(track)
      }
      const next: Track[] = []
      const decisions = faces.map((face, f) => {
        const track = trackOf.get(f) ?? { id: `${prefix}-${nextId++}`, box: face.box, score: face.score, frame: boxFrame(face.box, pointsBox(face.landmarks)), landmarks: face.landmarks, appearance: undefined, misses: 0, frames: 0, described: 0, describedWidth: 0, framesSinceDescribed: 0, describedAt: nowMs }
        const changed = face.appearance !== undefined && track.appearance !== undefined && appearanceSimilarity(face.appearance, track.appearance) < APPEARANCE_MIN_SIMILARITY
        if (detected(f)) {
          track.score = face.score
          track.frame = boxFrame(face.box, pointsBox(face.landmarks))
        }
        track.box = face.box
        track.landmarks = face.landmarks
        track.appearance = face.appearance
        track.misses = face.misses ?? 0
        track.frames++
        const describe = changed || shouldDescribe(track, describeAll, nowMs)
        if (describe) {
          track.described++
          track.describedWidth = face.box.width
          track.framesSinceDescribed = 0
          track.describedAt = nowMs
        } else track.framesSinceDescribed++
        next.push(track)
        return { trackId: track.id, describe, changed, described: track.described }
      })
      tracks = next
      return decisions
    }
  }
}
