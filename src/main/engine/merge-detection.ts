/**
 * Merges a full-frame detection made by the live helper on an earlier frame (a few frames,
 * ≈ 100–200 ms, ago) into the faces followed in the current frame (run-live-frame.ts). The
 * detection re-anchors the followed faces it still sees (its box and score), ends the ones it
 * has missed twice in a row, and brings in new faces, whose landmarks are looked for in the
 * current frame around where the detection found them.
 */
import type { Point } from '../../shared/models'
import { boxFrame, placeBox } from './box-frame'
import { appearanceSimilarity, APPEARANCE_MIN_SIMILARITY, faceAppearance } from './face-appearance'
import type { LoadedFaceApi } from './face-api-loader'
import { iou, MATCH_IOU, type TrackedFace } from './face-tracker'
import type { Pixels } from './image-input'
import { landmarksInSquares, landmarkSquare } from './landmark-square'
import { pointsBox } from './points-box'

/**
 * Detections in a row that may miss a followed face before its track ends. The tiny detector's
 * score for one face wobbles from frame to frame (on the two-person talking-head test frames, a
 * 320 px face scored 0.56–0.98 and was missed once in 15 frames), while a followed face has just
 * passed the appearance check; ending its track at one miss would restart its identification.
 */
export const MAX_MISSED_DETECTIONS = 2

/** The current frame's faces after the merge, and per face whether a detection anchored it (face-tracker.ts `update`'s `fromDetector`). */
export interface MergedFaces {
  faces: TrackedFace[]
  fromDetector: boolean[]
}

/** Whether the centre of `face`'s landmarks lies inside `box`: the same face moved too fast for the boxes to overlap much. */
function centreInside(face: TrackedFace, box: TrackedFace['box']): boolean {
  const around = pointsBox(face.landmarks)
  const cx = around.x + around.width / 2
  const cy = around.y + around.height / 2
  return cx >= box.x && cx <= box.x + box.width && cy >= box.y && cy <= box.y + box.height
}

/**
 * Merges `detected` (faces of an earlier frame of the same stream, in the same pixels) into
 * `followed` (faces of the current frame `pixels`). A followed face and a detected one are the
 * same face when their boxes overlap (IoU ≥ MATCH_IOU) or the detected face's centre lies in
 * the followed box; the followed face then takes the detection's score and the detector's box
 * placed around its current landmarks. A detected face matching none is looked for in the
 * current frame (the 68-point net in the square of its detected landmarks) and added when what
 * is found there still looks like it (appearance ≥ APPEARANCE_MIN_SIMILARITY) and is not
 * already followed. A followed face the detection did not see is kept (not re-anchored, its
 * TrackedFace.misses counted) until {@link MAX_MISSED_DETECTIONS} detections in a row have
 * missed it, and left out then.
 */
export async function mergeDetection(api: LoadedFaceApi, pixels: Pixels, followed: readonly TrackedFace[], detected: readonly TrackedFace[]): Promise<MergedFaces> {
  const pairs: { f: number; d: number; overlap: number }[] = []
  followed.forEach((face, f) =>
    detected.forEach((det, d) => {
      const overlap = iou(face.box, det.box)
      if (overlap >= MATCH_IOU || centreInside(det, face.box)) pairs.push({ f, d, overlap })
    })
  )
  pairs.sort((a, b) => b.overlap - a.overlap)
  const detectionOf = new Map<number, number>()
  const used = new Set<number>()
  for (const { f, d } of pairs) {
    if (detectionOf.has(f) || used.has(d)) continue
    detectionOf.set(f, d)
    used.add(d)
  }
  const faces: TrackedFace[] = []
  const fromDetector: boolean[] = []
  followed.forEach((face, f) => {
    const d = detectionOf.get(f)
    if (d === undefined) {
      const misses = (face.misses ?? 0) + 1
      if (misses >= MAX_MISSED_DETECTIONS) return
      faces.push({ ...face, misses })
      fromDetector.push(false)
      return
    }
    const det = detected[d] as TrackedFace
    faces.push({ ...face, misses: 0, score: det.score, box: placeBox(boxFrame(det.box, pointsBox(det.landmarks)), pointsBox(face.landmarks)) })
    fromDetector.push(true)
  })
  const fresh = detected.filter((_, d) => !used.has(d))
  if (fresh.length > 0) {
    const found = await landmarksInSquares(api, pixels, fresh.map((det) => landmarkSquare(det.landmarks)))
    fresh.forEach((det, i) => {
      const landmarks = found[i] as Point[]
      const appearance = faceAppearance(pixels, landmarks)
      if (det.appearance && appearanceSimilarity(appearance, det.appearance) < APPEARANCE_MIN_SIMILARITY) return
      const box = placeBox(boxFrame(det.box, pointsBox(det.landmarks)), pointsBox(landmarks))
      if (faces.some((face) => iou(face.box, box) >= MATCH_IOU)) return
      faces.push({ box, score: det.score, landmarks, appearance })
      fromDetector.push(true)
    })
  }
  return { faces, fromDetector }
}
