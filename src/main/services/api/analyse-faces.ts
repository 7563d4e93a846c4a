/**
 * analyseFaces: age, gender and expression estimates of each face of a photo, from face-api's
 * own models, for integrators that ask for them (visitor statistics, a friendlier greeting).
 * Off unless an owner turns on the `analyseEnabled` setting: these are estimates about people
 * who did not ask to be estimated, so nothing computes them by default.
 *
 * Published accuracy (the @vladmandic/face-api 1.7.15 package's TUTORIAL.md, "Age and Gender
 * Recognition Model"; its README gives no figures): trained and tested with an 80/20 split on
 * UTK, FGNET, Chalearn, Wiki, IMDB, CACD, MegaAge and MegaAge-Asian, total mean age error
 * 4.54 years (per age band from 1.52 for 0–3 to 9.91 for 80+) and total gender accuracy 95 %
 * (0.93–0.97 per database that has gender labels, 0.69 for ages 0–3). The expression model
 * is only described as giving "reasonable accuracy", with no test figure, and less accurate
 * on faces with glasses. Gender is the model's binary female/male guess, not anyone's gender.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { FaceAnalysis, Settings } from '../../../shared/models'
import type { AnalysedFace, FaceEngine } from '../../engine/engine-types'
import { PHOTO_DETECTOR } from '../describe-face'
import { toDetectedFace } from '../detected-face'

/** What {@link analyseFaces} needs. */
export interface AnalyseFacesDeps {
  engine: Pick<FaceEngine, 'analyse'>
  /** The settings in force (loaded first). */
  settings: () => Promise<Pick<Settings, 'analyseEnabled'>>
}

/** The most likely expression of a face (its expressions come most likely first; `neutral` when there are none). */
function topExpression(face: AnalysedFace): string {
  let best = 'neutral'
  let bestProbability = -1
  for (const [expression, probability] of Object.entries(face.expressions)) {
    if (probability > bestProbability) {
      best = expression
      bestProbability = probability
    }
  }
  return best
}

/**
 * analyseFaces: every face of the image (photo detector, 68 landmarks) with its estimated
 * `age` in years, `gender` female or male with `genderProbability` (0..1), the most likely
 * `expression` and every expression's probability (0..1, summing to 1). The analysis models
 * load in the engine thread on the first call. Raises `forbidden` while the `analyseEnabled`
 * setting is off; `unreadable-image`, `unsupported-image`, `too-large`, `engine-unavailable`
 * (also when an analysis model file is missing or damaged), `busy`, `timeout`, `store-error`.
 */
export async function analyseFaces(deps: AnalyseFacesDeps, { image }: ValidatedRequest<'analyseFaces'>): Promise<FaceAnalysis[]> {
  if (!(await deps.settings()).analyseEnabled) {
    throw new ClockfaceError('forbidden', 'Face analysis is turned off; an owner can turn it on in the settings (analyseEnabled).')
  }
  const analysis = await deps.engine.analyse(image, { detector: PHOTO_DETECTOR })
  return analysis.faces.map((face) => ({
    ...toDetectedFace(face),
    age: face.age,
    gender: face.gender,
    genderProbability: face.genderProbability,
    expression: topExpression(face),
    expressions: face.expressions
  }))
}
