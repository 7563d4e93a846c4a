/** The TypeScript source of src/main/engine/pad/texture-weights.ts for fitted parameters. */
import type { TextureClassifier } from '../../src/main/engine/pad/texture-classifier'

const list = (xs: readonly number[]): string => `[${xs.map((x) => Number(x.toPrecision(6))).join(', ')}]`

/** The module text for `model`, fitted on `bonaFide` + `attacks` training faces with L2 penalty `lambda`. */
export function weightsSource(model: TextureClassifier, bonaFide: number, attacks: number, lambda: number): string {
  return `/**
 * The shipped texture classifier (texture-classifier.ts over texture-features.ts), fitted by
 * \`npm run bench:pad -- --train\` on the official training split of the NUAA Photograph
 * Imposter Database subset in the shared datasets (X. Tan et al., ECCV 2010; the \`train\`
 * rows of nuaa-dev/manifest.csv: ${bonaFide} bona fide and ${attacks} printed-photo faces of
 * subjects 0001–0008), L2 penalty ${lambda}. Measured on the held-out \`test\` rows and the replay
 * videos in bench/results/pad.md. Generated: do not edit by hand.
 */
import type { TextureClassifier } from './texture-classifier'

export const TEXTURE_WEIGHTS: TextureClassifier = {
  mean: ${list(model.mean)},
  std: ${list(model.std)},
  weights: ${list(model.weights)},
  bias: ${Number(model.bias.toPrecision(6))}
}
`
}
