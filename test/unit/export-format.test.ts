/**
 * The small pieces of the payroll export: durations in both forms, the formula guard, local
 * times in named zones whatever the machine's zone, and the correction history text.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { buildExport } from '../../src/main/attendance/export/build-export'
import { decimalHours, hoursMinutes } from '../../src/main/attendance/export/duration-format'
import { exportLabels } from '../../src/main/attendance/export/export-labels'
import { escapeFormula } from '../../src/main/attendance/export/formula-escape'
import { zoneOrDefault } from '../../src/main/attendance/export/local-time'
import { revisionText } from '../../src/main/attendance/export/revision-text'
import { exportData } from './export-fixtures'

describe('durations', () => {
  it('gives decimal hours to 2 decimals and h:mm', () => {
    expect([465, 20, 0, 500, 1, 59, 60, 1505].map(decimalHours)).toEqual([7.75, 0.33, 0, 8.33, 0.02, 0.98, 1, 25.08])
    expect([465, 20, 0, 5, 60, 1505, -30].map(hoursMinutes)).toEqual(['7:45', '0:20', '0:00', '0:05', '1:00', '25:05', '-0:30'])
  })

  it('rounds every whole minute of a day consistently with the h:mm form', () => {
    for (let m = 0; m <= 24 * 60; m++) {
      const [h, mm] = hoursMinutes(m).split(':').map(Number)
      expect(Math.abs(decimalHours(m) - (h! + mm! / 60))).toBeLessThanOrEqual(0.005)
      expect(decimalHours(m).toString()).toMatch(/^\d+(\.\d{1,2})?$/)
    }
  })
})

describe('escapeFormula', () => {
  it('prefixes a quote to text a spreadsheet would run, and only to that', () => {
    expect(['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx', '\rx'].map(escapeFormula)).toEqual(["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "'\tx", "'\rx"])
    expect(['José', 'a=b', '', ' =x', "'quoted"].map(escapeFormula)).toEqual(['José', 'a=b', '', ' =x', "'quoted"])
  })
})

describe('zones', () => {
  const savedTz = process.env.TZ
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ
    else process.env.TZ = savedTz
  })

  it('falls back to the default zone, and refuses an invalid default', () => {
    expect(zoneOrDefault('Europe/Madrid', 'UTC')).toBe('Europe/Madrid')
    expect(zoneOrDefault(undefined, 'America/Mexico_City')).toBe('America/Mexico_City')
    expect(zoneOrDefault('Not/AZone', 'UTC')).toBe('UTC')
    expect(() => zoneOrDefault(undefined, 'Not/AZone')).toThrow(RangeError)
  })

  it('writes the same bytes whatever zone the machine runs in', async () => {
    const request = { kind: 'punches', format: 'csv', history: true, language: 'en', from: '2026-11-01', to: '2026-11-30' } as const
    const files: string[] = []
    for (const tz of ['Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']) {
      process.env.TZ = tz
      files.push((await buildExport(request, exportData)).base64)
      files.push((await buildExport({ ...request, kind: 'timesheet' }, exportData)).base64)
    }
    expect(new Set(files.filter((_, i) => i % 2 === 0)).size).toBe(1)
    expect(new Set(files.filter((_, i) => i % 2 === 1)).size).toBe(1)
  })
})

describe('revisionText', () => {
  it('describes a correction in English and in Spanish, with the date when it moves to another day', () => {
    const revision = {
      at: '2026-11-20T08:12:00.000Z',
      by: 'alice',
      action: 'edit',
      reason: 'forgot to punch',
      before: { type: 'check-in', time: '2026-11-20T07:05:00.000Z', voided: false },
      after: { type: 'check-out', time: '2026-11-19T22:55:00.000Z', voided: false }
    } as const
    expect(revisionText(revision, 'Europe/Madrid', '2026-11-19', exportLabels('en'))).toBe(
      '2026-11-20 09:12 by alice: edit Check-in 2026-11-20 08:05 → Check-out 23:55 "forgot to punch"'
    )
    expect(revisionText(revision, 'Europe/Madrid', '2026-11-19', exportLabels('es'))).toBe(
      '2026-11-20 09:12 por alice: cambio Entrada 2026-11-20 08:05 → Salida 23:55 "forgot to punch"'
    )
  })
})
