/**
 * The calibration report an admin reads in settings: what the thresholds in force mean in
 * false accepts and false rejects on the benchmark, and what 1:N does at today's gallery size.
 */
import type { RecognitionReport } from '../../../shared/contract'
import { RECOGNITION_MODEL } from '../../engine/engine-types'
import type { DecisionSettings } from '../identification'
import { CALIBRATION } from './calibration'
import type { MigrationStatus } from './template-migration'
import { expectedFpir, falseAcceptRate, falseRejectRate, openSetThreshold } from './threshold-policy'

/** Builds the report for `persons` enrolled people under `settings`; `defaultThreshold` is the one used when the owner has not set one. */
export function recognitionReport(settings: DecisionSettings, defaultThreshold: number, persons: number, migration: MigrationStatus): RecognitionReport {
  const identificationThreshold = openSetThreshold(CALIBRATION, settings.threshold, settings.targetFpir, persons)
  return {
    model: CALIBRATION.model,
    modelName: RECOGNITION_MODEL,
    metric: CALIBRATION.metric,
    calibration: { protocol: CALIBRATION.protocol, measuredAt: CALIBRATION.measuredAt, genuinePairs: CALIBRATION.genuinePairs, impostorPairs: CALIBRATION.impostorPairs },
    threshold: settings.threshold,
    defaultThreshold,
    targetFpir: settings.targetFpir,
    ambiguityMargin: settings.ambiguityMargin,
    galleryPersons: persons,
    identificationThreshold,
    farAtThreshold: falseAcceptRate(CALIBRATION, settings.threshold),
    frrAtThreshold: falseRejectRate(CALIBRATION, settings.threshold),
    expectedFpir: expectedFpir(CALIBRATION, identificationThreshold, persons),
    frrAtIdentificationThreshold: falseRejectRate(CALIBRATION, identificationThreshold),
    curve: CALIBRATION.points,
    migration
  }
}
