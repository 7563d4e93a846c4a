/**
 * The calibration report (getRecognitionReport) through dispatch over a real store: the
 * figures follow the recognition settings an owner saves, 1:N never runs looser than 1:1, the
 * expected FPIR stays within its target once people are enrolled, and the recognition settings
 * refuse values out of their ranges. No engine needed: templates are stored directly, made by
 * the current model so nothing is migrated.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recognitionReportSchema, SETTINGS_DECISION_RANGES } from '../../src/shared/contract'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import { DEFAULT_SETTINGS } from '../../src/main/services/privacy/settings'
import type { Result } from '../../src/shared/errors'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`operation failed: ${result.error.code}: ${result.error.message}`)
  return result.value
}

/** A unit-length 192-D descriptor pointing mostly along axis `i`. */
function descriptor(i: number): number[] {
  const d = Array.from({ length: 192 }, () => 0.01)
  d[i % 192] = 1
  const norm = Math.hypot(...d)
  return d.map((x) => x / norm)
}

describe('getRecognitionReport', () => {
  let core: UnitCore

  beforeAll(async () => {
    core = await openUnitCore()
  })

  afterAll(async () => {
    await core?.close()
  })

  it('reports the model default with nobody enrolled: 1:N at the 1:1 threshold, FPIR 0, no migration', async () => {
    const report = value(await core.call('getRecognitionReport', {}))
    expect(recognitionReportSchema.safeParse(report).success).toBe(true)
    expect(report.model).toBe(RECOGNITION_MODEL_ID)
    expect(report.threshold).toBe(report.defaultThreshold)
    expect(report.targetFpir).toBe(DEFAULT_SETTINGS.targetFpir)
    expect(report.ambiguityMargin).toBe(DEFAULT_SETTINGS.ambiguityMargin)
    expect(report.galleryPersons).toBe(0)
    expect(report.identificationThreshold).toBeLessThanOrEqual(report.threshold)
    expect(report.expectedFpir).toBe(0)
    expect(report.farAtThreshold).toBeGreaterThan(0)
    expect(report.farAtThreshold).toBeLessThan(0.01)
    expect(report.frrAtThreshold).toBeGreaterThan(0)
    expect(report.frrAtThreshold).toBeLessThan(0.2)
    expect(report.curve.length).toBeGreaterThan(10)
    expect(report.curve[0]?.distance).toBeCloseTo(0.4)
    expect(report.curve.at(-1)?.distance).toBeCloseTo(1.6)
    expect(report.migration).toMatchObject({ failed: 0, total: 0 })
  })

  it('follows the threshold, target FPIR and margin an owner saves, and the model default again after a reset', async () => {
    const before = value(await core.call('getRecognitionReport', {}))
    value(await core.call('updateSettings', { matchThreshold: 1.1, targetFpir: 0.05, ambiguityMargin: 0.1 }))
    const looser = value(await core.call('getRecognitionReport', {}))
    expect(looser).toMatchObject({ threshold: 1.1, targetFpir: 0.05, ambiguityMargin: 0.1, defaultThreshold: before.defaultThreshold })
    expect(looser.farAtThreshold).toBeGreaterThan(before.farAtThreshold)
    expect(looser.frrAtThreshold).toBeLessThanOrEqual(before.frrAtThreshold)

    value(await core.call('updateSettings', { matchThreshold: 0.9 }))
    const stricter = value(await core.call('getRecognitionReport', {}))
    expect(stricter.threshold).toBe(0.9)
    expect(stricter.farAtThreshold).toBeLessThan(before.farAtThreshold)
    expect(stricter.frrAtThreshold).toBeGreaterThan(before.frrAtThreshold)

    const reset = value(await core.call('updateSettings', { matchThreshold: null, targetFpir: DEFAULT_SETTINGS.targetFpir, ambiguityMargin: DEFAULT_SETTINGS.ambiguityMargin }))
    expect(reset.settings.matchThreshold).toBeNull()
    expect(value(await core.call('getRecognitionReport', {}))).toMatchObject({ threshold: before.defaultThreshold, targetFpir: before.targetFpir, farAtThreshold: before.farAtThreshold })
  })

  it('tightens 1:N as the gallery grows and keeps the expected FPIR within its target', async () => {
    // A second data folder whose templates are stored before the gallery is first read.
    const enrolled = await openUnitCore()
    try {
      const now = new Date().toISOString()
      for (let i = 0; i < 60; i++) {
        const employee = await enrolled.store.employees.insert({ code: `R${i}`, name: `Person ${i}`, department: '', createdAt: now, updatedAt: now })
        await enrolled.store.templates.insert({ employeeId: employee._id, descriptor: descriptor(i), thumbnail: '', source: 'file', createdAt: now, model: RECOGNITION_MODEL_ID })
      }
      await galleryFigures(enrolled)
    } finally {
      await enrolled.close()
    }
  })

  async function galleryFigures(enrolled: UnitCore): Promise<void> {
    const small = value(await core.call('getRecognitionReport', {}))
    const report = value(await enrolled.call('getRecognitionReport', {}))
    expect(report.galleryPersons).toBe(60)
    expect(report.identificationThreshold).toBeLessThanOrEqual(report.threshold)
    expect(report.identificationThreshold).toBeLessThanOrEqual(small.identificationThreshold)
    expect(report.expectedFpir).toBeGreaterThan(0)
    expect(report.expectedFpir).toBeLessThanOrEqual(report.targetFpir + 1e-9)
    expect(report.frrAtIdentificationThreshold).toBeGreaterThanOrEqual(report.frrAtThreshold)

    // A tighter target tightens 1:N further; the 1:1 threshold does not move.
    value(await enrolled.call('updateSettings', { targetFpir: 0.001 }))
    const strict = value(await enrolled.call('getRecognitionReport', {}))
    expect(strict.threshold).toBe(report.threshold)
    expect(strict.identificationThreshold).toBeLessThan(report.identificationThreshold)
    expect(strict.expectedFpir).toBeGreaterThan(0)
    expect(strict.expectedFpir).toBeLessThanOrEqual(0.001 + 1e-9)
  }

  it('refuses recognition settings out of their ranges and keeps the ones in force', async () => {
    const before = value(await core.call('getSettings', {}))
    const { matchThreshold, targetFpir, ambiguityMargin } = SETTINGS_DECISION_RANGES
    for (const bad of [
      { matchThreshold: matchThreshold.min - 0.01 },
      { matchThreshold: matchThreshold.max + 0.01 },
      { matchThreshold: '1.0' },
      { targetFpir: 0 },
      { targetFpir: targetFpir.max + 0.001 },
      { targetFpir: 1 },
      { ambiguityMargin: -0.01 },
      { ambiguityMargin: ambiguityMargin.max + 0.01 }
    ]) {
      expect(await core.call('updateSettings', bad as never), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(value(await core.call('getSettings', {}))).toEqual(before)
    for (const edge of [{ matchThreshold: matchThreshold.min }, { targetFpir: targetFpir.min }, { ambiguityMargin: ambiguityMargin.max }]) {
      expect((await core.call('updateSettings', edge)).ok, JSON.stringify(edge)).toBe(true)
    }
  })
})
