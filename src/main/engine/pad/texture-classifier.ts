/**
 * A logistic-regression classifier over {@link textureFeatures}: features standardised with
 * the training set's mean and standard deviation, then σ(w·x + b) = probability of a
 * presentation attack. Pure; the fit is plain batch gradient descent with an L2 penalty,
 * deterministic (zero start), small enough for a few hundred training faces.
 */

/** Trained parameters (see texture-weights.ts for the shipped ones and how they were made). */
export interface TextureClassifier {
  mean: readonly number[]
  std: readonly number[]
  weights: readonly number[]
  bias: number
}

/** Attack probability 0..1 of one feature vector. Throws when its length is not the classifier's. */
export function attackProbability(model: TextureClassifier, features: ArrayLike<number>): number {
  if (features.length !== model.weights.length) throw new Error(`expected ${model.weights.length} texture features, got ${features.length}`)
  let z = model.bias
  for (let i = 0; i < features.length; i++) z += (model.weights[i] as number) * (((features[i] as number) - (model.mean[i] as number)) / (model.std[i] as number))
  return 1 / (1 + Math.exp(-z))
}

/** Options of {@link fitTextureClassifier}. */
export interface FitOptions {
  /** L2 penalty on the weights (default 0.01). */
  lambda?: number
  /** Gradient steps (default 2,000). */
  steps?: number
  /** Step size (default 0.5). */
  rate?: number
}

/**
 * Fits the classifier to `samples` (feature vectors) with labels `attack` (true = attack).
 * Classes are weighted to count equally. Throws when there are no samples of one class.
 */
export function fitTextureClassifier(samples: readonly ArrayLike<number>[], attack: readonly boolean[], options: FitOptions = {}): TextureClassifier {
  const { lambda = 0.01, steps = 2000, rate = 0.5 } = options
  const n = samples.length
  const d = samples[0]?.length ?? 0
  const attacks = attack.filter(Boolean).length
  if (attacks === 0 || attacks === n) throw new Error('training needs both attack and bona fide samples')
  const mean = new Array<number>(d).fill(0)
  const std = new Array<number>(d).fill(0)
  for (const s of samples) for (let j = 0; j < d; j++) mean[j]! += (s[j] as number) / n
  for (const s of samples) for (let j = 0; j < d; j++) std[j]! += ((s[j] as number) - (mean[j] as number)) ** 2 / n
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] as number) || 1
  const x = samples.map((s) => Array.from({ length: d }, (_, j) => ((s[j] as number) - (mean[j] as number)) / (std[j] as number)))
  const classWeight = attack.map((a) => (a ? n / (2 * attacks) : n / (2 * (n - attacks))))
  const w = new Array<number>(d).fill(0)
  let b = 0
  for (let step = 0; step < steps; step++) {
    const gw = w.map((wj) => lambda * wj)
    let gb = 0
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number[]
      let z = b
      for (let j = 0; j < d; j++) z += (w[j] as number) * (xi[j] as number)
      const err = (classWeight[i] as number) * (1 / (1 + Math.exp(-z)) - (attack[i] ? 1 : 0))
      for (let j = 0; j < d; j++) gw[j]! += (err * (xi[j] as number)) / n
      gb += err / n
    }
    for (let j = 0; j < d; j++) w[j]! -= rate * (gw[j] as number)
    b -= rate * gb
  }
  return { mean, std, weights: w, bias: b }
}
