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
  /** Gradient steps (default 400). */
  steps?: number
}

/**
 * Fits the classifier to `samples` (feature vectors) with labels `attack` (true = attack).
 * Classes are weighted to count equally. Accelerated (Nesterov) gradient descent with step
 * 1 / L, L the loss's gradient Lipschitz bound (a quarter of the largest eigenvalue of the
 * weighted standardised features' second-moment matrix, by power iteration, plus `lambda`):
 * a fixed step diverges once features are strongly correlated, as augmented copies of a face
 * are. Throws when there are no samples of one class.
 */
export function fitTextureClassifier(samples: readonly ArrayLike<number>[], attack: readonly boolean[], options: FitOptions = {}): TextureClassifier {
  const { lambda = 0.01, steps = 400 } = options
  const n = samples.length
  const d = samples[0]?.length ?? 0
  const attacks = attack.filter(Boolean).length
  if (attacks === 0 || attacks === n) throw new Error('training needs both attack and bona fide samples')
  const mean = new Float64Array(d)
  const std = new Float64Array(d)
  for (const s of samples) for (let j = 0; j < d; j++) mean[j]! += (s[j] as number) / n
  for (const s of samples) for (let j = 0; j < d; j++) std[j]! += ((s[j] as number) - (mean[j] as number)) ** 2 / n
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j] as number) || 1
  // Standardised rows with a trailing 1 for the bias (weights index d).
  const D = d + 1
  const x = samples.map((s) => {
    const row = new Float64Array(D)
    for (let j = 0; j < d; j++) row[j] = ((s[j] as number) - (mean[j] as number)) / (std[j] as number)
    row[d] = 1
    return row
  })
  const classWeight = attack.map((a) => (a ? n / (2 * attacks) : n / (2 * (n - attacks))))
  let v = new Float64Array(D).fill(1 / Math.sqrt(D))
  let eigen = 1
  for (let it = 0; it < 30; it++) {
    const u = new Float64Array(D)
    x.forEach((row, i) => {
      let t = 0
      for (let j = 0; j < D; j++) t += (row[j] as number) * (v[j] as number)
      t *= (classWeight[i] as number) / n
      for (let j = 0; j < D; j++) u[j]! += t * (row[j] as number)
    })
    eigen = Math.hypot(...u) || 1
    v = u.map((uj) => uj / eigen)
  }
  const rate = 1 / (eigen / 4 + lambda)
  let w = new Float64Array(D)
  const look = new Float64Array(D)
  const g = new Float64Array(D)
  for (let step = 1; step <= steps; step++) {
    for (let j = 0; j < d; j++) g[j] = lambda * (look[j] as number)
    g[d] = 0
    x.forEach((row, i) => {
      let z = 0
      for (let j = 0; j < D; j++) z += (look[j] as number) * (row[j] as number)
      const err = ((classWeight[i] as number) * (1 / (1 + Math.exp(-z)) - (attack[i] ? 1 : 0))) / n
      for (let j = 0; j < D; j++) g[j]! += err * (row[j] as number)
    })
    const next = look.map((lj, j) => lj - rate * (g[j] as number))
    const momentum = (step - 1) / (step + 2)
    for (let j = 0; j < D; j++) look[j] = (next[j] as number) + momentum * ((next[j] as number) - (w[j] as number))
    w = next
  }
  return { mean: Array.from(mean), std: Array.from(std), weights: Array.from(w.subarray(0, d)), bias: w[d] as number }
}
