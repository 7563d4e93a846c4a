import type { DetectedFace } from '../../shared/models'

/** The transport-safe part of an engine face: box, score, landmarks (drops descriptor and thumbnail). */
export function toDetectedFace(face: DetectedFace): DetectedFace {
  return { box: face.box, score: face.score, landmarks: face.landmarks }
}
