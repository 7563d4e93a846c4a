/**
 * A recognition model's calibration: how often its Euclidean distances between unit-length
 * descriptors accept a stranger (FAR) or reject the right person (FRR) at each threshold,
 * measured by `npm run bench:accuracy -- verify --write-calibration FILE` on labelled photos.
 * The threshold and the open-set rule of the model are derived from it (threshold-policy.ts).
 */
export interface RecognitionCalibration {
  /** Id of the recognition model the figures belong to (see recognition-model.ts). */
  model: string
  /** Euclidean distance between L2-normalised descriptors (equal to √(2 − 2·cosine)). */
  metric: 'euclidean-l2'
  /** Data and protocol the figures were measured on, in words. */
  protocol: string
  /** Date of the measurement, YYYY-MM-DD. */
  measuredAt: string
  images: number
  genuinePairs: number
  impostorPairs: number
  /** FAR and FRR (0..1) of the rule "match when distance < threshold", ascending distance. */
  points: { distance: number; far: number; frr: number }[]
  /**
   * ln FAR ≈ slope · distance + intercept, fitted on the closest impostor pairs, used for
   * false-accept rates under `validBelowFar`, where too few impostor pairs were seen to count.
   * `closestImpostors`: the ten smallest impostor distances, for inspection.
   */
  tail: { slope: number; intercept: number; validBelowFar: number; closestImpostors: number[] }
}
