/**
 * Presentation-attack detection metrics in the terms of ISO/IEC 30107-3, for scores where
 * higher means "more likely an attack" and a presentation is classified as an attack when its
 * score is at or above the threshold:
 * - APCER: proportion of attack presentations classified as bona fide (score < threshold);
 * - BPCER: proportion of bona fide presentations classified as attacks (score ≥ threshold);
 * - ACER: (APCER + BPCER) / 2 (the mean used by the ISO/IEC 30107-3 draft and the OULU-NPU
 *   protocols; here over the one attack type of each data set).
 * Pure.
 */

/** One scored presentation. */
export interface ScoredPresentation {
  score: number
  attack: boolean
}

/** Error rates at one threshold (fractions 0..1; NaN when a class is empty). */
export interface PadRates {
  threshold: number
  apcer: number
  bpcer: number
  acer: number
}

/** APCER, BPCER and ACER of `items` at `threshold`. */
export function padRates(items: readonly ScoredPresentation[], threshold: number): PadRates {
  const attacks = items.filter((i) => i.attack)
  const bonaFide = items.filter((i) => !i.attack)
  const apcer = attacks.length === 0 ? NaN : attacks.filter((i) => i.score < threshold).length / attacks.length
  const bpcer = bonaFide.length === 0 ? NaN : bonaFide.filter((i) => i.score >= threshold).length / bonaFide.length
  return { threshold, apcer, bpcer, acer: (apcer + bpcer) / 2 }
}

/** Rates at each threshold of `thresholds` (a DET-style sweep). */
export const sweep = (items: readonly ScoredPresentation[], thresholds: readonly number[]): PadRates[] => thresholds.map((t) => padRates(items, t))

/**
 * The threshold with the lowest ACER among the distinct scores (and 1 + the highest, which
 * accepts everything); ties go to the higher threshold, which asks bona fide people less
 * often. Throws when `items` is empty.
 */
export function bestAcerThreshold(items: readonly ScoredPresentation[]): PadRates {
  if (items.length === 0) throw new Error('no scored presentations')
  const candidates = [...new Set(items.map((i) => i.score)), Math.max(...items.map((i) => i.score)) + 1].sort((a, b) => a - b)
  let best = padRates(items, candidates[0] as number)
  for (const t of candidates) {
    const r = padRates(items, t)
    if (r.acer <= best.acer) best = r
  }
  return best
}

/**
 * Area under the ROC curve: the probability that a random attack scores higher than a random
 * bona fide presentation (ties count half). NaN when a class is empty.
 */
export function rocAuc(items: readonly ScoredPresentation[]): number {
  const attacks = items.filter((i) => i.attack).map((i) => i.score)
  const bonaFide = items.filter((i) => !i.attack).map((i) => i.score)
  if (attacks.length === 0 || bonaFide.length === 0) return NaN
  let wins = 0
  for (const a of attacks) for (const b of bonaFide) wins += a > b ? 1 : a === b ? 0.5 : 0
  return wins / (attacks.length * bonaFide.length)
}

/**
 * The operating threshold with BPCER at most `maxBpcer` on `items` that classifies the most
 * attacks: with the bona fide scores in descending order s₀ ≥ s₁ ≥ …, k = ⌊maxBpcer · count⌋
 * of them may be flagged, so the threshold lies halfway between s_k (passed) and s_{k−1}
 * (flagged; just above s₀ when k = 0). Throws when there is no bona fide item.
 */
export function thresholdAtBpcer(items: readonly ScoredPresentation[], maxBpcer: number): number {
  const bonaFide = items.filter((i) => !i.attack).map((i) => i.score).sort((a, b) => b - a)
  if (bonaFide.length === 0) throw new Error('no bona fide presentations')
  const k = Math.min(Math.floor(maxBpcer * bonaFide.length), bonaFide.length - 1)
  const passed = bonaFide[k] as number
  const flagged = k === 0 ? passed + 1e-6 : (bonaFide[k - 1] as number)
  return (passed + flagged) / 2 > passed ? (passed + flagged) / 2 : passed + 1e-6
}
