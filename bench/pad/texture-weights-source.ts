/** The TypeScript source of src/main/engine/pad/texture-weights.ts for fitted parameters. */
import type { TextureClassifier } from '../../src/main/engine/pad/texture-classifier'
import { AUGMENTATIONS } from './pad-augment'

const list = (xs: readonly number[]): string => `[${xs.map((x) => Number(x.toPrecision(6))).join(', ')}]`

/** How the weights were fitted, for the generated module's comment. */
export interface FitRecord {
  /** Training faces of each class (before the augmented variants). */
  bonaFide: number
  attacks: number
  /** L2 penalty. */
  lambda: number
  /** Operating threshold chosen on the training rows. */
  threshold: number
  /** How the threshold was chosen and what it gave there, in words. */
  validation: string
}

/** The module text for `model`, fitted as `record` says. */
export function weightsSource(model: TextureClassifier, record: FitRecord): string {
  return `/**
 * The shipped texture classifier (texture-classifier.ts over texture-features.ts), fitted by
 * \`npm run bench:pad -- --train\` on the official training split of the NUAA Photograph
 * Imposter Database subset in the shared datasets (X. Tan et al., ECCV 2010; the \`train\`
 * rows of nuaa-dev/manifest.csv: ${record.bonaFide} bona fide and ${record.attacks} printed-photo faces of
 * subjects 0001–0008, each also as its camera-quality variants
 * ${AUGMENTATIONS.join(', ')} of bench/pad/pad-augment.ts), L2 penalty ${record.lambda}.
 * Measured on the held-out \`test\` rows and the replay videos in bench/results/pad.md.
 * Generated: do not edit by hand.
 */
import type { TextureClassifier } from './texture-classifier'

/**
 * The operating threshold chosen on the training rows (the policy's default attackThreshold):
 * ${record.validation}.
 */
export const TEXTURE_OPERATING_THRESHOLD = ${Number(record.threshold.toPrecision(4))}

export const TEXTURE_WEIGHTS: TextureClassifier = {
  mean: ${list(model.mean)},
  std: ${list(model.std)},
  weights: ${list(model.weights)},
  bias: ${Number(model.bias.toPrecision(6))}
}
`
}
