/**
 * The calibration of the recognition model in use (see calibration-types.ts), and the
 * defaults derived from it: the 1:1 threshold at a false-accept rate of 0.1%, and the
 * ambiguity margin. The JSON file is written by
 * `npm run bench:accuracy -- verify --write-calibration …` and committed with the model.
 */
import type { RecognitionCalibration } from './calibration-types'
import calibrationFile from './calibration/mobilefacenet-arcface-mirror-v2.json'
import { RECOGNITION_MODEL_ID } from './recognition-model'
import { thresholdForFar } from './threshold-policy'

/** The calibration of {@link RECOGNITION_MODEL_ID}. */
export const CALIBRATION: RecognitionCalibration = calibrationFile as RecognitionCalibration
if (CALIBRATION.model !== RECOGNITION_MODEL_ID) throw new Error(`the calibration file is for ${CALIBRATION.model}, not ${RECOGNITION_MODEL_ID}`)

/** False-accept rate the default threshold is set at (1:1, per comparison). */
export const DEFAULT_THRESHOLD_FAR = 0.001

/** The distance at {@link DEFAULT_THRESHOLD_FAR}, rounded down to 0.01 (the stricter side). */
export const CALIBRATED_THRESHOLD = Math.floor(thresholdForFar(CALIBRATION, DEFAULT_THRESHOLD_FAR) * 100) / 100

/**
 * Ambiguity margin (Euclidean distance): a match is refused when the second-nearest person is
 * within this distance of the nearest. Measured with the open-set protocol of
 * bench/results/accuracy.md (388 mated probes against the 1,000-person gallery, at the 1:1
 * threshold, the loosest the rule ever uses): no margin named the wrong person for 8 probes;
 * 0.05 named the wrong person for 3 and refused 10 right ones (2.6%); wider margins refused
 * three right ones or more for each wrong one removed. At the open-set threshold for that
 * gallery size it refuses one right probe in 345 and changes no wrong one.
 */
export const CALIBRATED_AMBIGUITY_MARGIN = 0.05
