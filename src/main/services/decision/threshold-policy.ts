/**
 * Thresholds from a model's calibration (calibration-types.ts): the false-accept rate of a
 * threshold, the threshold of a false-accept rate, and the open-set rule that keeps the
 * false-positive identification rate (FPIR, NIST FRVT's term for "a stranger gets a name")
 * fixed as the gallery grows. All distances are Euclidean between unit-length descriptors.
 */
import type { RecognitionCalibration } from './calibration-types'

/** Linear interpolation of `key` → `value` over points sorted by ascending distance. */
function interpolate(points: RecognitionCalibration['points'], x: number, from: 'distance' | 'far', to: 'distance' | 'far' | 'frr'): number {
  const first = points[0]
  const last = points[points.length - 1]
  if (!first || !last) throw new Error('the calibration has no points')
  if (x <= first[from]) return first[to]
  if (x >= last[from]) return last[to]
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as (typeof points)[number]
    const b = points[i] as (typeof points)[number]
    if (x <= b[from]) {
      const span = b[from] - a[from]
      const t = span === 0 ? 0 : (x - a[from]) / span
      return a[to] + t * (b[to] - a[to])
    }
  }
  return last[to]
}

/** Probability (0..1) that a stranger's face falls under `distance` from one template. */
export function falseAcceptRate(calibration: RecognitionCalibration, distance: number): number {
  const counted = interpolate(calibration.points, distance, 'distance', 'far')
  if (counted >= calibration.tail.validBelowFar) return counted
  return Math.min(calibration.tail.validBelowFar, Math.exp(calibration.tail.slope * distance + calibration.tail.intercept))
}

/** Probability (0..1) that the right person's face falls at or over `distance` from their template. */
export function falseRejectRate(calibration: RecognitionCalibration, distance: number): number {
  return interpolate(calibration.points, distance, 'distance', 'frr')
}

/** The distance whose false-accept rate is `far` (0 < far < 1); below the counted range from the fitted tail. */
export function thresholdForFar(calibration: RecognitionCalibration, far: number): number {
  if (!(far > 0 && far < 1)) throw new RangeError(`far must be in (0, 1), got ${far}`)
  if (far >= calibration.tail.validBelowFar) return interpolate(calibration.points, far, 'far', 'distance')
  return (Math.log(far) - calibration.tail.intercept) / calibration.tail.slope
}

/**
 * Per-comparison false-accept rate that gives `fpir` over a gallery of `persons` people,
 * assuming independent comparisons: FPIR = 1 − (1 − FAR)^N, so FAR = 1 − (1 − FPIR)^(1/N).
 */
export function comparisonFarFor(fpir: number, persons: number): number {
  return 1 - (1 - fpir) ** (1 / Math.max(1, persons))
}

/**
 * The threshold 1:N identification uses for a gallery of `persons` people: the admin's
 * `threshold`, tightened so that a stranger is named with probability at most `targetFpir`.
 * Never looser than `threshold`.
 */
export function openSetThreshold(calibration: RecognitionCalibration, threshold: number, targetFpir: number, persons: number): number {
  return Math.min(threshold, thresholdForFar(calibration, comparisonFarFor(targetFpir, persons)))
}

/** Expected FPIR (0..1) of `threshold` over a gallery of `persons` people. */
export function expectedFpir(calibration: RecognitionCalibration, threshold: number, persons: number): number {
  return 1 - (1 - falseAcceptRate(calibration, threshold)) ** Math.max(0, persons)
}
