/**
 * The texture presentation-attack detector the engine ships: {@link textureFeatures} scored by
 * the logistic regression in texture-weights.ts, in plain JavaScript (time per face in
 * bench/results/pad.md).
 */
import type { Box } from '../../../shared/models'
import { attackProbability } from './texture-classifier'
import { textureFeatures, type RgbPixels } from './texture-features'
import { TEXTURE_WEIGHTS } from './texture-weights'

/** Attack probability (0 bona fide … 1 attack) of the face with detector box `box` in `pixels`. */
export function textureAttackScore(pixels: RgbPixels, box: Box): number {
  return attackProbability(TEXTURE_WEIGHTS, textureFeatures(pixels, box))
}
