/**
 * Pure parts of presentation-attack detection: crops, LBP texture features, the logistic
 * classifier, the APCER/BPCER metrics, the active signals (blink, head movement) and the
 * policy decision.
 */
import { describe, expect, it } from 'vitest'
import { bestAcerThreshold, padRates, rocAuc, sweep, thresholdAtBpcer } from '../../bench/pad/pad-metrics'
import { laplacianSharpness } from '../../src/main/engine/pad/fas-sharpness'
import { normalisedBox, squareCrop } from '../../src/main/engine/pad/pad-crop'
import { attackProbability, fitTextureClassifier } from '../../src/main/engine/pad/texture-classifier'
import { greyCrop, LBP_BINS, lbpHistogram, TEXTURE_FEATURES, textureFeatures } from '../../src/main/engine/pad/texture-features'
import { TEXTURE_OPERATING_THRESHOLD, TEXTURE_WEIGHTS } from '../../src/main/engine/pad/texture-weights'
import { createActiveSignals, evidenceOf, meanAttackScore, type SignalSample } from '../../src/main/services/liveness/active-signals'
import { decideLiveness } from '../../src/main/services/liveness/liveness-decision'
import { DEFAULT_LIVENESS_POLICY, livenessPolicySchema, type LivenessPolicy } from '../../src/shared/liveness-policy'

describe('PAD crops', () => {
  it('squares a box around its centre and enlarges it', () => {
    expect(squareCrop({ x: 100, y: 100, width: 40, height: 60 }, { enlarge: 1.5, keepInside: false }, 640, 480)).toEqual({ x: 75, y: 85, width: 90, height: 90 })
  })
  it('moves a square that overruns the frame back inside when asked', () => {
    expect(squareCrop({ x: -10, y: 400, width: 100, height: 100 }, { enlarge: 1, keepInside: true }, 640, 480)).toEqual({ x: 0, y: 380, width: 100, height: 100 })
  })
  it('normalises to [y1, x1, y2, x2] fractions', () => {
    expect(normalisedBox({ x: 64, y: 48, width: 320, height: 240 }, 640, 480)).toEqual([0.1, 0.1, 0.6, 0.6])
  })
})

describe('texture features', () => {
  const flat = { width: 8, height: 8, channels: 3 as const, data: new Uint8Array(8 * 8 * 3).fill(128) }

  it('reads the BT.601 luma of the crop and black outside the image', () => {
    const grey = greyCrop(flat, { x: 4, y: 0, width: 8, height: 8 }, 2)
    expect(grey[0]).toBeCloseTo(128, 3)
    expect(grey[1]).toBe(0)
  })
  it('puts every pixel of a flat image in the all-ones uniform pattern', () => {
    const hist = lbpHistogram(new Float32Array(16 * 16).fill(7), 16, 1)
    expect(hist).toHaveLength(LBP_BINS)
    expect(Math.max(...hist)).toBeCloseTo(1, 6)
    expect(hist.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 6)
  })
  it('gives a vector of the classifier length with histograms that sum to 1', () => {
    const f = textureFeatures(flat, { x: 2, y: 2, width: 4, height: 4 })
    expect(f).toHaveLength(TEXTURE_FEATURES)
    expect(TEXTURE_WEIGHTS.weights).toHaveLength(TEXTURE_FEATURES)
    expect(f.slice(0, LBP_BINS).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5)
  })
})

describe('texture classifier', () => {
  it('learns a separable problem and scores 0..1', () => {
    const samples = [
      [0, 1],
      [0.1, 0.9],
      [0.2, 1.1],
      [1, 0],
      [0.9, 0.1],
      [1.1, 0.2]
    ]
    const attack = [false, false, false, true, true, true]
    const model = fitTextureClassifier(samples, attack, { steps: 500 })
    expect(attackProbability(model, [1, 0])).toBeGreaterThan(0.8)
    expect(attackProbability(model, [0, 1])).toBeLessThan(0.2)
  })
  it('refuses training data of one class and vectors of the wrong length', () => {
    expect(() => fitTextureClassifier([[1], [2]], [true, true])).toThrow(/both/)
    expect(() => attackProbability(TEXTURE_WEIGHTS, [1, 2, 3])).toThrow(/expected/)
  })
})

describe('APCER, BPCER, ACER', () => {
  const items = [
    { score: 0.9, attack: true },
    { score: 0.7, attack: true },
    { score: 0.3, attack: true },
    { score: 0.1, attack: false },
    { score: 0.4, attack: false },
    { score: 0.8, attack: false }
  ]
  it('counts attacks under the threshold and bona fide at or above it', () => {
    expect(padRates(items, 0.5)).toEqual({ threshold: 0.5, apcer: 1 / 3, bpcer: 1 / 3, acer: 1 / 3 })
    expect(padRates(items, 0.8).bpcer).toBeCloseTo(1 / 3)
    expect(sweep(items, [0, 1]).map((r) => [r.apcer, r.bpcer])).toEqual([
      [0, 1],
      [1, 0]
    ])
  })
  it('finds the best-ACER threshold and the ROC AUC', () => {
    expect(bestAcerThreshold(items).acer).toBeCloseTo(1 / 3)
    expect(rocAuc(items)).toBeCloseTo(6 / 9)
  })
})

const policy = (mode: LivenessPolicy['mode']): LivenessPolicy => ({ ...DEFAULT_LIVENESS_POLICY, mode, movementDegrees: 8 })
const still = (t: number, ear = 0.3, attack: number | null = null): SignalSample => ({ t, ear, yaw: 2, pitch: 1, roll: 0, attack })

describe('active signals', () => {
  it('sees a blink only as open, closed, open again', () => {
    const thresholds = { blinkEar: 0.2, movementDegrees: 8 }
    expect(evidenceOf([still(0), still(100, 0.12), still(200)], thresholds).blinked).toBe(true)
    expect(evidenceOf([still(0), still(100, 0.12)], thresholds).blinked).toBe(false)
    expect(evidenceOf([still(0, 0.22), still(100, 0.19), still(200, 0.22)], thresholds).blinked).toBe(false)
  })
  it('sees head movement as a range of yaw, pitch or roll', () => {
    const thresholds = { blinkEar: 0.2, movementDegrees: 8 }
    expect(evidenceOf([still(0), { ...still(100), pitch: 10 }], thresholds).moved).toBe(true)
    expect(evidenceOf([still(0), { ...still(100), yaw: 6 }], thresholds).moved).toBe(false)
  })
  it('averages the passive scores the window has', () => {
    expect(meanAttackScore([still(0, 0.3, 0.2), still(1, 0.3, null), still(2, 0.3, 0.6)], 2)).toBeCloseTo(0.4)
    expect(meanAttackScore([still(0, 0.3, 0.9), still(3000, 0.3, 0.1)], 3000)).toBeCloseTo(0.1)
    expect(meanAttackScore([still(0)], 0)).toBeNull()
  })
  it('keeps samples per key within the window', () => {
    const signals = createActiveSignals()
    signals.observe('a', still(0), 1000)
    signals.observe('a', still(900), 1000)
    signals.observe('a', still(1500), 1000)
    signals.observe('b', still(1500), 1000)
    expect(signals.samples('a', 1500, 1000).map((s) => s.t)).toEqual([900, 1500])
    signals.forget('a')
    expect(signals.samples('a', 1500, 1000)).toEqual([])
  })
})

describe('liveness decision', () => {
  const moved = { blinked: false, moved: true, frames: 5 }
  const none = { blinked: false, moved: false, frames: 5 }
  it('passes everything when off', () => {
    expect(decideLiveness(policy('off'), null, null).passed).toBe(true)
  })
  it('refuses a high or missing passive score and asks to look and blink', () => {
    expect(decideLiveness(policy('passive'), 0.9, null)).toMatchObject({ passed: false, reason: 'attack-score', instruction: 'look-and-blink' })
    expect(decideLiveness(policy('passive'), null, null).passed).toBe(false)
    expect(decideLiveness(policy('passive'), 0.1, null).passed).toBe(true)
  })
  it('needs a blink or movement under an active policy, and both checks under both', () => {
    expect(decideLiveness(policy('active'), null, none)).toMatchObject({ passed: false, reason: 'no-blink-or-movement' })
    expect(decideLiveness(policy('active'), null, moved).passed).toBe(true)
    expect(decideLiveness(policy('both'), 0.9, moved).passed).toBe(false)
    expect(decideLiveness(policy('both'), 0.1, none).passed).toBe(false)
    expect(decideLiveness(policy('both'), 0.1, moved).passed).toBe(true)
  })
  it('defaults to the texture detector operating threshold chosen on the training rows', () => {
    expect(DEFAULT_LIVENESS_POLICY.attackThreshold).toBe(TEXTURE_OPERATING_THRESHOLD)
  })
  it('validates policies', () => {
    expect(livenessPolicySchema.safeParse(DEFAULT_LIVENESS_POLICY).success).toBe(true)
    expect(livenessPolicySchema.safeParse({ ...DEFAULT_LIVENESS_POLICY, mode: 'maybe' }).success).toBe(false)
    expect(livenessPolicySchema.safeParse({ ...DEFAULT_LIVENESS_POLICY, attackThreshold: 2 }).success).toBe(false)
  })
})

describe('operating threshold and the FaceAntiSpoofing blur pre-check', () => {
  it('keeps BPCER within the bound and catches the most attacks', () => {
    const bona = Array.from({ length: 20 }, (_, i) => ({ score: i / 100, attack: false }))
    const items = [...bona, { score: 0.185, attack: true }, { score: 0.5, attack: true }]
    const t = thresholdAtBpcer(items, 0.05)
    expect(t).toBeCloseTo(0.185, 6)
    expect(padRates(items, t).bpcer).toBeLessThanOrEqual(0.05)
    expect(padRates(items, t).apcer).toBe(0)
  })
  it('counts Laplacian responses above 50: none on a flat crop, the bright pixels of a checkerboard', () => {
    const side = 8
    const flat = new Array<number>(side * side * 3).fill(128)
    expect(laplacianSharpness(flat, side)).toBe(0)
    const board = Array.from({ length: side * side * 3 }, (_, i) => (((Math.floor(i / 3) % side) + Math.floor(i / 3 / side)) % 2 === 0 ? 0 : 255))
    // Interior dark pixels see four bright neighbours (+1020), bright ones −1020: half of the 6×6 interior.
    expect(laplacianSharpness(board, side)).toBe(18)
  })
})
