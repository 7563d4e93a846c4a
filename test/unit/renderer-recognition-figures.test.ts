/**
 * The renderer's reading of the benchmark curve (format/recognition-figures.ts): linear
 * interpolation of FAR and FRR, "not resolved" where the benchmark counted no impostor, the
 * inverse for a FAR, and the live figures of a threshold being tried, checked against the
 * figures main reports for the same settings.
 */
import { describe, expect, it } from 'vitest'
import { comparisonFarFor, distanceForFar, figuresFor, rateText, ratesAt, type CurvePoint } from '../../src/renderer/src/format/recognition-figures'
import { CALIBRATION } from '../../src/main/services/decision/calibration'
import { recognitionReport } from '../../src/main/services/decision/recognition-report'

const curve: CurvePoint[] = [
  { distance: 0.4, far: 0, frr: 0.9 },
  { distance: 0.5, far: 0, frr: 0.5 },
  { distance: 0.6, far: 0.001, frr: 0.1 },
  { distance: 0.7, far: 0.01, frr: 0.02 },
  { distance: 0.8, far: 0.1, frr: 0 }
]
const idle = { state: 'idle' as const, total: 0, done: 0, failed: 0, error: null }

describe('recognition figures from the benchmark curve', () => {
  it('interpolates FAR and FRR linearly between points, in any order of the curve', () => {
    const at = ratesAt([...curve].reverse(), 0.65)
    expect(at.far).toBeCloseTo(0.0055, 10)
    expect(at.frr).toBeCloseTo(0.06, 10)
    expect(ratesAt(curve, 0.7)).toEqual({ far: 0.01, frr: 0.02 }) // a point of the curve is read as it is
  })

  it('says nothing where the benchmark does not resolve: outside the curve, or before the first impostor counted', () => {
    expect(ratesAt(curve, 0.39)).toEqual({ far: null, frr: null })
    expect(ratesAt(curve, 0.81)).toEqual({ far: null, frr: null })
    expect(ratesAt(curve, 0.55)).toEqual({ far: null, frr: expect.closeTo(0.3, 10) as unknown as number })
    expect(ratesAt(curve, 0.6).far).toBe(0.001)
  })

  it('inverts FAR to a distance over the counted points', () => {
    expect(distanceForFar(curve, 0.0055)).toBeCloseTo(0.65, 10)
    expect(distanceForFar(curve, 0.0001)).toBeNull()
    expect(distanceForFar(curve, 0.5)).toBe(0.8)
  })

  it('tightens 1:N for the gallery size so FPIR stays at its target', () => {
    const far = comparisonFarFor(0.01, 100)
    expect(1 - (1 - far) ** 100).toBeCloseTo(0.01, 12)
    expect(comparisonFarFor(0.01, 0)).toBeCloseTo(0.01, 12)
    const figures = figuresFor({ curve, galleryPersons: 1 }, 0.75, 0.01)
    expect(figures.identificationThreshold).toBeCloseTo(0.7, 10)
    expect(figures.expectedFpir).toBeCloseTo(0.01, 10)
    expect(figuresFor({ curve, galleryPersons: 0 }, 0.65, 0.01)).toMatchObject({ identificationThreshold: 0.65, expectedFpir: 0 })
    expect(figuresFor({ curve, galleryPersons: 1000 }, 0.75, 0.01)).toMatchObject({ identificationThreshold: null, expectedFpir: null })
  })

  it('agrees with the figures main reports for the same settings on the real calibration', () => {
    for (const persons of [0, 10, 500]) {
      for (const threshold of [0.95, 1.04, 1.15]) {
        const report = recognitionReport({ threshold, targetFpir: 0.01, ambiguityMargin: 0.02 }, 1.04, persons, idle)
        const figures = figuresFor(report, threshold, 0.01)
        const label = `${persons} persons at ${threshold}`
        expect(figures.frr, label).toBeCloseTo(report.frrAtThreshold, 6)
        // Main extends the FAR into the impostor tail with a fitted exponential; where the curve
        // rests on a handful of impostor pairs (FAR ≈ 10⁻⁵) the two may differ by up to about 2×.
        expect(Math.abs(Math.log((figures.far ?? 0) / report.farAtThreshold)), label).toBeLessThan(Math.log(2.5))
        expect(figures.identificationThreshold, label).not.toBeNull()
        // Same cause for 1:N: at FAR ≈ FPIR / persons the grid and the fit may part by a few hundredths.
        expect(Math.abs((figures.identificationThreshold ?? 0) - report.identificationThreshold), label).toBeLessThan(0.04)
        expect(figures.expectedFpir ?? 0, label).toBeLessThanOrEqual(0.01 * 1.3)
      }
    }
    expect(CALIBRATION.points.length).toBeGreaterThan(10)
  })

  it('words rates as percentages in the screen language', () => {
    expect(rateText(0.00096, 'en')).toBe('0.096%')
    expect(rateText(0.018, 'es')).toMatch(/^1,8\s%$/) // a no-break space before the sign
    expect(rateText(0, 'en')).toBe('0%')
  })
})
