/**
 * Accuracy metrics of face recognition on score lists, independent of any model.
 *
 * Every score is a similarity: higher means "more likely the same person". Distance-based
 * pipelines pass the negated Euclidean distance. A comparison is accepted as a match when its
 * score is strictly greater than the threshold (the engine matches when the distance is
 * strictly under its threshold). A `null` score is a failure to acquire (missing image, no
 * face found): it is always an error in verification accuracy, and in ROC, TAR@FAR and
 * FNIR@FPIR it is a rejection (lowest possible score), as NIST FRVT scores failed templates.
 */

/** One 1:1 verification comparison: similarity (or null on failure), ground truth, and fold (0-based). */
export interface ScoredPair {
  score: number | null
  same: boolean
  fold: number
}

/** A threshold and the fraction of correctly decided pairs it gives (0..1). */
export interface ThresholdAccuracy {
  threshold: number
  accuracy: number
}

/** Mean and sample standard deviation (n − 1) of per-fold accuracies, with the per-fold values and thresholds. */
export interface FoldAccuracy {
  mean: number
  sd: number
  folds: ThresholdAccuracy[]
}

/** True-accept rate at a false-accept rate target, with the FAR actually reached and the threshold. */
export interface RateAtThreshold {
  /** TAR (verification) or FNIR (identification), 0..1. */
  rate: number
  /** FAR or FPIR actually reached at `threshold`, 0..1 (≤ the target). */
  falseRate: number
  threshold: number
}

const valueOf = (score: number | null): number => score ?? -Infinity

/** Fraction of pairs decided correctly when scores strictly above `threshold` are accepted; failures are errors. */
export function accuracyAt(pairs: readonly ScoredPair[], threshold: number): number {
  if (pairs.length === 0) return NaN
  let correct = 0
  for (const p of pairs) {
    if (p.score === null) continue
    if (p.score > threshold === p.same) correct++
  }
  return correct / pairs.length
}

/**
 * The threshold that maximises {@link accuracyAt} on `pairs`: candidates are the midpoints
 * between consecutive distinct scores, and one below and above all of them. When several
 * candidates tie, the middle one of them is taken so the choice does not lean to either end.
 */
export function bestThreshold(pairs: readonly ScoredPair[]): ThresholdAccuracy {
  const scored = pairs.filter((p): p is ScoredPair & { score: number } => p.score !== null).sort((a, b) => a.score - b.score)
  if (scored.length === 0) return { threshold: 0, accuracy: accuracyAt(pairs, 0) }
  // Start below every score: all accepted, so every valid same pair is right.
  let correct = scored.filter((p) => p.same).length
  const first = scored[0] as { score: number }
  const candidates: { threshold: number; correct: number }[] = [{ threshold: first.score - 1, correct }]
  for (let i = 0; i < scored.length; i++) {
    const p = scored[i] as ScoredPair & { score: number }
    // Raising the threshold past p rejects it: right for a different pair, wrong for a same pair.
    correct += p.same ? -1 : 1
    const next = scored[i + 1]
    if (next && next.score === p.score) continue
    candidates.push({ threshold: next ? (p.score + next.score) / 2 : p.score + 1, correct })
  }
  const best = Math.max(...candidates.map((c) => c.correct))
  const ties = candidates.filter((c) => c.correct === best)
  const chosen = ties[Math.floor((ties.length - 1) / 2)] as { threshold: number }
  return { threshold: chosen.threshold, accuracy: best / pairs.length }
}

/** Mean and sample standard deviation (n − 1; 0 for one value). */
export function meanSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length
  if (n === 0) return { mean: NaN, sd: NaN }
  const mean = values.reduce((a, b) => a + b, 0) / n
  if (n === 1) return { mean, sd: 0 }
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)
  return { mean, sd: Math.sqrt(variance) }
}

/**
 * k-fold verification accuracy as in the LFW protocol: for each fold, the threshold is chosen
 * on all other folds ({@link bestThreshold}) and accuracy is measured on that fold.
 */
export function foldAccuracy(pairs: readonly ScoredPair[]): FoldAccuracy {
  const foldIds = [...new Set(pairs.map((p) => p.fold))].sort((a, b) => a - b)
  const folds = foldIds.map((k) => {
    const { threshold } = bestThreshold(pairs.filter((p) => p.fold !== k))
    return { threshold, accuracy: accuracyAt(pairs.filter((p) => p.fold === k), threshold) }
  })
  return { ...meanSd(folds.map((f) => f.accuracy)), folds }
}

/**
 * Threshold at which at most `rate` of the `negatives` scores are accepted (strictly above
 * it): the (k+1)-th highest negative score with k = ⌊rate × n⌋. Returns that threshold and
 * the false rate actually reached. With n negatives the smallest reachable non-zero rate is
 * 1/n, so a target below it means no false accept at all.
 */
export function thresholdAtFalseRate(negatives: readonly (number | null)[], rate: number): { threshold: number; falseRate: number } {
  const sorted = negatives.map(valueOf).sort((a, b) => b - a)
  const k = Math.floor(rate * sorted.length + 1e-9)
  const threshold = sorted[k] ?? -Infinity
  const accepted = sorted.filter((s) => s > threshold).length
  return { threshold, falseRate: sorted.length === 0 ? NaN : accepted / sorted.length }
}

/** 1:1 verification: true-accept rate (TAR) at false-accept rate (FAR) `far`, failures rejected. */
export function tarAtFar(pairs: readonly ScoredPair[], far: number): RateAtThreshold {
  const { threshold, falseRate } = thresholdAtFalseRate(
    pairs.filter((p) => !p.same).map((p) => p.score),
    far
  )
  const genuine = pairs.filter((p) => p.same)
  const accepted = genuine.filter((p) => valueOf(p.score) > threshold).length
  return { rate: genuine.length === 0 ? NaN : accepted / genuine.length, falseRate, threshold }
}

/**
 * Area under the ROC curve: the probability that a random same pair scores above a random
 * different pair, ties counting one half (Mann–Whitney U / (n_same × n_different)).
 */
export function rocAuc(pairs: readonly ScoredPair[]): number {
  const all = pairs.map((p) => ({ s: valueOf(p.score), same: p.same })).sort((a, b) => a.s - b.s)
  const nSame = all.filter((p) => p.same).length
  const nDiff = all.length - nSame
  if (nSame === 0 || nDiff === 0) return NaN
  // Rank sum of the same pairs, tied scores sharing their average rank (1-based).
  let rankSum = 0
  for (let i = 0; i < all.length; ) {
    let j = i
    while (j + 1 < all.length && (all[j + 1] as { s: number }).s === (all[i] as { s: number }).s) j++
    const averageRank = (i + j) / 2 + 1
    for (let m = i; m <= j; m++) if ((all[m] as { same: boolean }).same) rankSum += averageRank
    i = j + 1
  }
  return (rankSum - (nSame * (nSame + 1)) / 2) / (nSame * nDiff)
}

/**
 * One 1:N search as the metrics need it: whether the probe's identity is enrolled (mated),
 * whether the top-ranked gallery candidate is that identity, and the top candidate's
 * similarity (null when the probe yielded no face or the gallery is empty).
 */
export interface SearchOutcome {
  mated: boolean
  topIsMate: boolean
  topScore: number | null
}

/** Closed-set rank-1 identification rate over the mated searches (a failed search is a miss). */
export function rank1Rate(searches: readonly SearchOutcome[]): number {
  const mated = searches.filter((s) => s.mated)
  return mated.length === 0 ? NaN : mated.filter((s) => s.topIsMate && s.topScore !== null).length / mated.length
}

/**
 * Open-set 1:N (NIST FRVT terms): the threshold at which the false positive identification
 * rate FPIR (non-mated searches whose top candidate scores above the threshold) is at most
 * `fpir`, and the false negative identification rate FNIR there (mated searches whose mate is
 * not the rank-1 candidate above the threshold).
 */
export function fnirAtFpir(searches: readonly SearchOutcome[], fpir: number): RateAtThreshold {
  const { threshold, falseRate } = thresholdAtFalseRate(
    searches.filter((s) => !s.mated).map((s) => s.topScore),
    fpir
  )
  const mated = searches.filter((s) => s.mated)
  const hits = mated.filter((s) => s.topIsMate && valueOf(s.topScore) > threshold).length
  return { rate: mated.length === 0 ? NaN : 1 - hits / mated.length, falseRate, threshold }
}

/** A two-sided percentile interval (0..1 rates). */
export interface RateInterval {
  low: number
  high: number
}

/**
 * 95% percentile-bootstrap interval of {@link fnirAtFpir}'s FNIR: `resamples` times, the mated
 * and the non-mated searches are each drawn with replacement (so the threshold is re-chosen on
 * each draw, as the protocol would), and the 2.5th and 97.5th percentiles of the FNIRs are
 * returned. It shows how far the figure could move with another draw of people of the same
 * kind: with 1,000 mated probes at 8%, the binomial standard error alone is about 0.9 points.
 * `random` gives uniform numbers in [0, 1) (seed it for repeatable output). Throws a
 * RangeError when either kind of search is missing.
 */
export function fnirInterval(searches: readonly SearchOutcome[], fpir: number, random: () => number, resamples = 1000): RateInterval {
  // Each search reduced to one number: a non-mated search's top score (failures lowest), and a
  // mated search's score when its mate is rank 1 (else -Infinity: a miss at any threshold).
  const hitScores = Float64Array.from(searches.filter((s) => s.mated).map((s) => (s.topIsMate ? valueOf(s.topScore) : -Infinity)))
  const nonMated = Float64Array.from(searches.filter((s) => !s.mated).map((s) => valueOf(s.topScore)))
  if (hitScores.length === 0 || nonMated.length === 0) throw new RangeError('fnirInterval needs mated and non-mated searches')
  const k = Math.floor(fpir * nonMated.length + 1e-9)
  const drawnNon = new Float64Array(nonMated.length)
  const rates = new Float64Array(resamples)
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < drawnNon.length; i++) drawnNon[i] = nonMated[Math.floor(random() * nonMated.length)] as number
    drawnNon.sort()
    // As thresholdAtFalseRate: the (k+1)-th highest non-mated score.
    const threshold = drawnNon[drawnNon.length - 1 - k] as number
    let misses = 0
    for (let i = 0; i < hitScores.length; i++) if (!((hitScores[Math.floor(random() * hitScores.length)] as number) > threshold)) misses++
    rates[r] = misses / hitScores.length
  }
  rates.sort()
  const at = (q: number): number => rates[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))] as number
  return { low: at(0.025), high: at(0.975) }
}
