/**
 * CSV payroll exports read back with csv-parse: BOM, CRLF, header, every field compared with
 * the expected values, formula-like text escaped with a quote, numbers plain with a dot.
 */
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { buildExport, type ExportRequest } from '../../src/main/attendance/export/build-export'
import { DAY_HEADER_EN, DAY_ROWS, exportData, PUNCH_HEADER_EN, PUNCH_ROWS } from './export-fixtures'

const period = { from: '2026-11-01', to: '2026-11-30' }

/** Exports, checks the byte-level CSV conventions and answers the parsed records (BOM stripped). */
async function exportCsv(request: Omit<ExportRequest, 'format' | 'from' | 'to'>): Promise<{ records: string[][]; text: string; rows: number; fileName: string; mimeType: string }> {
  const file = await buildExport({ ...request, ...period, format: 'csv' }, exportData)
  const bytes = Buffer.from(file.base64, 'base64')
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.subarray(3).toString('utf8')
  expect(text.endsWith('\r\n')).toBe(true)
  const records = parse(text, { record_delimiter: '\r\n', relax_column_count: false }) as string[][]
  return { records, text, rows: file.rows, fileName: file.fileName, mimeType: file.mimeType }
}

/** What a cell of the expected (XLSX-view) rows looks like in CSV: numbers as text with a dot, empty as '', formula-like text quoted. */
function asCsv(cell: string | number | null): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

describe('CSV exports', () => {
  it('punches with history: name, MIME type, rows, header and every field', async () => {
    const { records, text, rows, fileName, mimeType } = await exportCsv({ kind: 'punches', history: true, language: 'en' })
    expect(fileName).toBe('clockface-punches-2026-11-01_2026-11-30.csv')
    expect(mimeType).toBe('text/csv; charset=utf-8')
    expect(rows).toBe(6)
    expect(records[0]).toEqual(PUNCH_HEADER_EN)
    expect(records.slice(1)).toEqual(PUNCH_ROWS.map((row) => row.map(asCsv)))
    // Spelled out once, independently of asCsv: the dangerous cells and the numbers.
    const e10 = records.find((r) => r[0] === 'E10')!
    expect(e10.slice(1, 3)).toEqual([`'=HYPERLINK("http://x")`, "'+SUM(A1)"])
    expect(e10[10]).toBe('0.4123')
    const e1 = records.find((r) => r[0] === 'E1')!
    expect(e1.slice(1, 3)).toEqual(["'@Ann", "'-Night"])
    expect(records.filter((r) => r[0] === 'E3').map((r) => r[1])).toEqual(["'-Bob", "'-Bob"])
    // Every line ends in CRLF; the only bare LF is the one inside the quoted correction reason.
    expect(text.split('\r\n').length - 1).toBe(records.length)
    expect(text.replace(/\r\n/g, '').split('\n').length - 1).toBe(1)
    expect(text).toContain('"2026-11-22 11:00 by bob: edit Check-in 12:00 → Break start 12:00 ""wrong type""; 2026-11-22 11:05 by bob: void Break start 12:00 ""double, ""by mistake""\nsecond line"""')
    expect(text).toContain('José Núñez')
  })

  it('punches without history: the first 13 columns only', async () => {
    const { records, rows } = await exportCsv({ kind: 'punches', history: false, language: 'en' })
    expect(rows).toBe(6)
    expect(records[0]).toEqual(PUNCH_HEADER_EN.slice(0, 13))
    expect(records.slice(1)).toEqual(PUNCH_ROWS.map((row) => row.slice(0, 13).map(asCsv)))
  })

  it('timesheet: one row per employee and day with presence, absence or a flag', async () => {
    const { records, rows, fileName } = await exportCsv({ kind: 'timesheet', history: false, language: 'en' })
    expect(fileName).toBe('clockface-timesheet-2026-11-01_2026-11-30.csv')
    expect(rows).toBe(4)
    expect(records[0]).toEqual(DAY_HEADER_EN)
    expect(records.slice(1)).toEqual(DAY_ROWS.map((row) => row.map(asCsv)))
    expect(records[1]!.slice(8, 10)).toEqual(['7.75', '7:45'])
    expect(records[3]!.slice(1, 3)).toEqual([`'=HYPERLINK("http://x")`, "'+SUM(A1)"])
    // The day off (2026-11-21, nothing on it) has no row.
    expect(records.some((r) => r[3] === '2026-11-21')).toBe(false)
  })

  it('Spanish: translated headers and labels, same column order', async () => {
    const { records } = await exportCsv({ kind: 'timesheet', history: false, language: 'es' })
    expect(records[0]).toEqual([
      'Código de empleado',
      'Nombre',
      'Departamento',
      'Fecha',
      'Día de la semana',
      'Zona horaria',
      'Primera entrada',
      'Última salida',
      'Horas trabajadas',
      'Trabajado (h:mm)',
      'Pausa (h:mm)',
      'Previsto (h:mm)',
      'Retraso (minutos)',
      'Salida anticipada (minutos)',
      'Horas extra',
      'Horas extra (h:mm)',
      'Avisos'
    ])
    expect(records[1]).toEqual(['E2', 'José Núñez', 'Cocina', '2026-11-20', 'viernes', 'Europe/Madrid', '08:00', '16:45', '7.75', '7:45', '1:00', '8:00', '0', '15', '0', '0:00', 'Salida anticipada; Corregido'])
    const punches = await exportCsv({ kind: 'punches', history: true, language: 'es' })
    expect(punches.records[0]!.length).toBe(PUNCH_HEADER_EN.length)
    expect(punches.records[2]!.slice(7, 9)).toEqual(['Entrada', 'PIN'])
    expect(punches.records[2]![16]).toBe('2026-11-20 09:12 por alice: cambio Entrada 08:05 → 08:00 "forgot to punch"')
  })
})
