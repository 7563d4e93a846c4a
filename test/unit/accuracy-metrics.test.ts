import { describe, expect, it } from 'vitest'
import { chipTemplate, similarityTransform } from '../../src/main/engine/face-chip'
import { parseLfwPairs } from '../../bench/accuracy/lfw-pairs'
import { mulberry32 } from '../../bench/accuracy/make-identify-protocol'
import {
  accuracyAt,
  bestThreshold,
  fnirAtFpir,
  fnirInterval,
  foldAccuracy,
  rank1Rate,
  rocAuc,
  tarAtFar,
  type ScoredPair,
  type SearchOutcome
} from '../../bench/accuracy/metrics'

const pair = (score: number | null, same: boolean, fold = 0): ScoredPair => ({ score, same, fold })

/** Same pairs score 0.9, 0.8, 0.4; different pairs 0.5, 0.3, 0.1 (similarities). */
const sixPairs = [pair(0.9, true), pair(0.8, true), pair(0.4, true), pair(0.5, false), pair(0.3, false), pair(0.1, false)]

describe('verification accuracy', () => {
  it('counts pairs decided correctly when scores strictly above the threshold are accepted', () => {
    // 0.45: 0.9 and 0.8 accepted (right), 0.4 rejected (wrong); 0.5 accepted (wrong), 0.3 and 0.1 rejected (right).
    expect(accuracyAt(sixPairs, 0.45)).toBeCloseTo(4 / 6)
    // A score equal to the threshold is not accepted: 0.4 same is rejected, 0.3 and 0.1 too.
    expect(accuracyAt(sixPairs, 0.4)).toBeCloseTo(4 / 6)
  })

  it('counts a pair with no score as an error, even a different pair', () => {
    expect(accuracyAt([...sixPairs, pair(null, false)], 0.45)).toBeCloseTo(4 / 7)
  })

  it('chooses the threshold that maximises accuracy, the middle of tied candidates', () => {
    // Sweeping up from below all scores: correct 3, 4 (past 0.1), 5 (0.3), 4 (0.4), 5 (0.5), 4 (0.8), 3 (0.9).
    // 5/6 is reached at the midpoints 0.35 and 0.65; of two ties the first middle one is 0.35.
    const best = bestThreshold(sixPairs)
    expect(best.threshold).toBeCloseTo(0.35)
    expect(best.accuracy).toBeCloseTo(5 / 6)
  })

  it('k-fold accuracy chooses each fold’s threshold on the other folds', () => {
    // Fold 1 alone (0.7 same, 0.6 different) gives 0.65: fold 0 (0.9, 0.1) is all right, 1.0.
    // Fold 0 alone gives 0.5: in fold 1 the different pair 0.6 is accepted, 0.5.
    const result = foldAccuracy([pair(0.9, true, 0), pair(0.1, false, 0), pair(0.7, true, 1), pair(0.6, false, 1)])
    expect(result.folds.map((f) => f.threshold)).toEqual([expect.closeTo(0.65), expect.closeTo(0.5)])
    expect(result.folds.map((f) => f.accuracy)).toEqual([1, 0.5])
    expect(result.mean).toBeCloseTo(0.75)
    // Sample standard deviation of 1 and 0.5: √((0.25² + 0.25²) / 1).
    expect(result.sd).toBeCloseTo(Math.SQRT2 / 4)
  })
})

describe('TAR at FAR', () => {
  const impostors = [0.95, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0, -0.1, -0.2].map((s) => pair(s, false))
  const genuine = [0.9, 0.6, 0.5, 0.45, null].map((s) => pair(s, true))

  it('sets the threshold at the (k+1)-th highest impostor score, k = ⌊FAR × impostors⌋', () => {
    // FAR 10% of 10: one false accept allowed, threshold 0.5; genuine above it: 0.9 and 0.6 of 5.
    const at10 = tarAtFar([...impostors, ...genuine], 0.1)
    expect(at10).toEqual({ threshold: 0.5, falseRate: 0.1, rate: 0.4 })
  })

  it('allows no false accept when FAR × impostors is below one', () => {
    // FAR 1% of 10: threshold is the highest impostor, 0.95; no genuine score is above it.
    expect(tarAtFar([...impostors, ...genuine], 0.01)).toEqual({ threshold: 0.95, falseRate: 0, rate: 0 })
  })
})

describe('ROC AUC', () => {
  it('is the probability that a same pair outscores a different pair, ties counting half', () => {
    // 0.9 beats 0.5 and 0.1; 0.5 ties 0.5 (½) and beats 0.1: 3.5 of 4 comparisons.
    expect(rocAuc([pair(0.9, true), pair(0.5, true), pair(0.5, false), pair(0.1, false)])).toBeCloseTo(0.875)
  })

  it('ranks a failed pair below everything', () => {
    // 0.9 beats 0.1 (1); the failed same pair loses to it (0): ½.
    expect(rocAuc([pair(0.9, true), pair(null, true), pair(0.1, false)])).toBeCloseTo(0.5)
    expect(rocAuc([pair(null, true), pair(null, false)])).toBeCloseTo(0.5)
  })
})

describe('open-set identification', () => {
  const search = (mated: boolean, topIsMate: boolean, topScore: number | null): SearchOutcome => ({ mated, topIsMate, topScore })
  const searches = [
    search(true, true, 0.9),
    search(true, true, 0.6),
    search(true, false, 0.8),
    search(true, false, null),
    search(false, false, 0.7),
    search(false, false, 0.5),
    search(false, false, 0.3),
    search(false, false, 0.2)
  ]

  it('rank-1 rate counts mated searches whose top candidate is the mate', () => {
    expect(rank1Rate(searches)).toBe(0.5)
  })

  it('FNIR at FPIR: threshold from the non-mated top scores, misses among the mated searches', () => {
    // FPIR 25% of 4 non-mated: one may pass, threshold 0.5; mates at rank 1 above 0.5: 0.9 and 0.6 of 4.
    expect(fnirAtFpir(searches, 0.25)).toEqual({ threshold: 0.5, falseRate: 0.25, rate: 0.5 })
    // FPIR 0: threshold 0.7, only 0.9 remains a hit.
    expect(fnirAtFpir(searches, 0.001)).toEqual({ threshold: 0.7, falseRate: 0, rate: 0.75 })
  })

  it('bootstrap interval of FNIR: brackets the figure, narrows with more searches, repeats with its seed', () => {
    // 1,000 mated searches of which 80 miss (FNIR 8%), 2,000 non-mated scoring under every hit.
    const many = [
      ...Array.from({ length: 1000 }, (_, i) => search(true, i >= 80, 0.9)),
      ...Array.from({ length: 2000 }, (_, i) => search(false, false, 0.1 + (0.4 * i) / 2000))
    ]
    const wide = fnirInterval(many, 0.01, mulberry32(1), 400)
    expect(fnirAtFpir(many, 0.01).rate).toBeCloseTo(0.08)
    expect(wide.low).toBeLessThan(0.08)
    expect(wide.high).toBeGreaterThan(0.08)
    // Binomial: ±1.96 × √(0.08 × 0.92 / 1000) ≈ ±1.7 points.
    expect(wide.high - wide.low).toBeGreaterThan(0.025)
    expect(wide.high - wide.low).toBeLessThan(0.045)
    const tenfold = [...many, ...many, ...many, ...many, ...many, ...many, ...many, ...many, ...many, ...many]
    const narrow = fnirInterval(tenfold, 0.01, mulberry32(1), 200)
    expect(narrow.high - narrow.low).toBeLessThan((wide.high - wide.low) / 2)
    expect(fnirInterval(many, 0.01, mulberry32(1), 400)).toEqual(wide)
    expect(() => fnirInterval(many.filter((s) => s.mated), 0.01, mulberry32(1))).toThrow(RangeError)
  })
})

describe('LFW pairs files', () => {
  it('reads View 1 (one set) and View 2 (folds) headers, same and different lines', () => {
    const view1 = parseLfwPairs('1\nAbel_Pacheco\t1\t4\nAbdel_Madi_Shabneh\t1\tDean_Barker\t1\n')
    expect(view1).toEqual({
      folds: 1,
      pairs: [
        { a: 'Abel_Pacheco/Abel_Pacheco_0001.jpg', b: 'Abel_Pacheco/Abel_Pacheco_0004.jpg', same: true, fold: 0 },
        { a: 'Abdel_Madi_Shabneh/Abdel_Madi_Shabneh_0001.jpg', b: 'Dean_Barker/Dean_Barker_0001.jpg', same: false, fold: 0 }
      ]
    })
    const view2 = parseLfwPairs('2 1\nA\t1\t2\nA\t1\tB\t1\nC\t1\t2\nC\t1\tD\t1')
    expect(view2.folds).toBe(2)
    expect(view2.pairs.map((p) => [p.fold, p.same])).toEqual([
      [0, true],
      [0, false],
      [1, true],
      [1, false]
    ])
  })

  it('refuses a file whose line count does not match its header', () => {
    expect(() => parseLfwPairs('2\nA\t1\t2\nA\t1\tB\t1\n')).toThrow(/announces/)
  })
})

describe('face chip alignment', () => {
  it('recovers a known similarity transform of the chip template', () => {
    const from = chipTemplate()
    // Scale 0.5, rotation 30°, shift (40, 25).
    const a = 0.5 * Math.cos(Math.PI / 6)
    const b = 0.5 * Math.sin(Math.PI / 6)
    const to = from.map((p) => ({ x: a * p.x - b * p.y + 40, y: b * p.x + a * p.y + 25 }))
    const t = similarityTransform(from, to)
    expect(t.a).toBeCloseTo(a, 9)
    expect(t.b).toBeCloseTo(b, 9)
    expect(t.tx).toBeCloseTo(40, 9)
    expect(t.ty).toBeCloseTo(25, 9)
  })

  it('places dlib’s mean eyes symmetrically in the 150 px chip with padding 0.25', () => {
    const [leftEye, rightEye] = chipTemplate(150, 0.25)
    // Mean-face eye centres x ≈ 0.2255 and 0.7548: (0.25 + x) / 1.5 × 150.
    expect(leftEye?.x).toBeCloseTo(((0.25 + 0.225492) / 1.5) * 150, 3)
    expect(rightEye?.x).toBeCloseTo(((0.25 + 0.754761) / 1.5) * 150, 3)
    expect(leftEye?.y).toBeCloseTo(rightEye?.y ?? NaN, 6)
  })
})
