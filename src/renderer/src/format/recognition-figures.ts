/**
 * What a recognition setting would do, read off the benchmark curve of the calibration report
 * (getRecognitionReport): the false-accept rate (FAR) and false-reject rate (FRR) of a 1:1
 * threshold, the threshold 1:N identification would use for a target false-positive
 * identification rate (FPIR) at a gallery size, and the FPIR to expect from it. Values
 * between the curve's points are interpolated linearly; a value the benchmark cannot tell
 * apart from zero (no impostor pair counted that close, or a distance under the curve) is
 * `null`, which the screen words as "below what the benchmark resolves". Distances are
 * Euclidean between unit-length descriptors; rates are fractions (0..1).
 */
import type { RecognitionReport } from '../../../shared/contract'

/** One point of the benchmark curve. */
export type CurvePoint = RecognitionReport['curve'][number]

/** The figures of one setting; `null` where the benchmark does not resolve the value. */
export interface RecognitionFigures {
  /** 1:1 threshold in force. */
  threshold: number
  far: number | null
  frr: number | null
  /** Threshold 1:N uses at this gallery size (never looser than `threshold`). */
  identificationThreshold: number | null
  /** FPIR expected at `identificationThreshold` over the gallery (0 for an empty gallery). */
  expectedFpir: number | null
  /** FRR of an enrolled person at `identificationThreshold`. */
  frrAtIdentification: number | null
}

/** Curve points in ascending distance. */
function sorted(curve: readonly CurvePoint[]): CurvePoint[] {
  return [...curve].sort((a, b) => a.distance - b.distance)
}

/** Linear interpolation between `a` and `b` at `x` along `from`, of `to`. */
function lerp(a: CurvePoint, b: CurvePoint, x: number, from: 'distance' | 'far', to: 'distance' | 'far' | 'frr'): number {
  const span = b[from] - a[from]
  const t = span === 0 ? 0 : (x - a[from]) / span
  return a[to] + t * (b[to] - a[to])
}

/**
 * FAR and FRR at `distance`, interpolated on `curve`; each is `null` outside the curve's
 * distances, and FAR also where no impostor pair of the benchmark was that close (0 counted).
 */
export function ratesAt(curve: readonly CurvePoint[], distance: number): { far: number | null; frr: number | null } {
  const points = sorted(curve)
  const first = points[0]
  const last = points[points.length - 1]
  if (!first || !last || distance < first.distance || distance > last.distance) return { far: null, frr: null }
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as CurvePoint
    const b = points[i] as CurvePoint
    if (distance === b.distance) return { far: b.far > 0 ? b.far : null, frr: b.frr }
    if (distance < b.distance) {
      // A segment that starts at a zero FAR mixes "not resolved" with a count: below the first counted point, FAR is not known.
      const far = a.far > 0 ? lerp(a, b, distance, 'distance', 'far') : null
      return { far, frr: lerp(a, b, distance, 'distance', 'frr') }
    }
  }
  return { far: first.far > 0 ? first.far : null, frr: first.frr }
}

/**
 * The distance at which the curve's FAR is `far`, interpolated over the points with a counted
 * (non-zero) FAR; `null` when `far` is below the smallest FAR counted, the largest distance
 * when it is above the largest.
 */
export function distanceForFar(curve: readonly CurvePoint[], far: number): number | null {
  const counted = sorted(curve).filter((p) => p.far > 0)
  const first = counted[0]
  const last = counted[counted.length - 1]
  if (!first || !last || far < first.far) return null
  if (far >= last.far) return last.distance
  for (let i = 1; i < counted.length; i++) {
    const a = counted[i - 1] as CurvePoint
    const b = counted[i] as CurvePoint
    if (far <= b.far) return lerp(a, b, far, 'far', 'distance')
  }
  return last.distance
}

/**
 * Per-comparison FAR that gives `fpir` over a gallery of `persons` people, taking the
 * comparisons as independent: FPIR = 1 − (1 − FAR)^N.
 */
export function comparisonFarFor(fpir: number, persons: number): number {
  return 1 - (1 - fpir) ** (1 / Math.max(1, persons))
}

/**
 * The figures `threshold` and `targetFpir` would give on the report's curve at the report's
 * gallery size, the same rule 1:N applies: the identification threshold is `threshold`
 * tightened to the distance whose FAR keeps the FPIR at `targetFpir`.
 */
export function figuresFor(report: Pick<RecognitionReport, 'curve' | 'galleryPersons'>, threshold: number, targetFpir: number): RecognitionFigures {
  const { far, frr } = ratesAt(report.curve, threshold)
  const persons = report.galleryPersons
  const tightened = distanceForFar(report.curve, comparisonFarFor(targetFpir, persons))
  // A needed FAR below the benchmark's resolution puts the threshold under the closest impostor counted: not resolved.
  const identificationThreshold = tightened === null ? null : Math.min(threshold, tightened)
  let expectedFpir: number | null = null
  let frrAtIdentification: number | null = null
  if (identificationThreshold !== null) {
    const at = ratesAt(report.curve, identificationThreshold)
    frrAtIdentification = at.frr
    expectedFpir = persons === 0 ? 0 : at.far === null ? null : 1 - (1 - at.far) ** persons
  }
  return { threshold, far, frr, identificationThreshold, expectedFpir, frrAtIdentification }
}

/** The figures the report states for the settings in force (computed by main, with the fitted tail of the calibration). */
export function reportedFigures(report: RecognitionReport): RecognitionFigures {
  return {
    threshold: report.threshold,
    far: report.farAtThreshold,
    frr: report.frrAtThreshold,
    identificationThreshold: report.identificationThreshold,
    expectedFpir: report.expectedFpir,
    frrAtIdentification: report.frrAtIdentificationThreshold
  }
}

/** A rate (0..1) as a percentage in `locale` with two significant digits ("0.096%", "1.8%"); 0 as "0%". */
export function rateText(rate: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumSignificantDigits: 2 }).format(rate)
}

/** A distance with two decimals in `locale` ("1.04", "1,04"). */
export function distanceText(distance: number, locale: string): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(distance)
}
