/**
 * XLSX payroll exports read back with read-excel-file: sheets, headers, every cell (numbers as
 * numeric cells, text raw), and no formula anywhere in the workbook's XML.
 */
import { strFromU8, unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { buildExport, type ExportRequest } from '../../src/main/attendance/export/build-export'
import { DAY_HEADER_EN, DAY_ROWS, exportData, PUNCH_HEADER_EN, PUNCH_ROWS } from './export-fixtures'

const period = { from: '2026-11-01', to: '2026-11-30' }
const FORMULA_NAME = '=HYPERLINK("http://x")'
const FORMULA_DEPARTMENT = '+SUM(A1)'

/** Exports as XLSX; answers the sheets as read-excel-file reads them (text untrimmed) and the raw XML of every worksheet. */
async function exportXlsx(request: Omit<ExportRequest, 'format' | 'from' | 'to'>) {
  const file = await buildExport({ ...request, ...period, format: 'xlsx' }, exportData)
  expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  const bytes = Buffer.from(file.base64, 'base64')
  const sheets = await readXlsxFile(bytes, { trim: false })
  const entries = unzipSync(new Uint8Array(bytes))
  const sheetXml = Object.entries(entries)
    .filter(([name]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
    .map(([, data]) => strFromU8(data))
  return { file, sheets, sheetXml, sharedStrings: strFromU8(entries['xl/sharedStrings.xml']!) }
}

const TOTAL_TAIL = ['Worked hours', 'Worked (h:mm)', 'Break (h:mm)', 'Scheduled hours', 'Scheduled (h:mm)', 'Late (minutes)', 'Early leave (minutes)', 'Overtime hours', 'Overtime (h:mm)', 'Days worked', 'Days absent', 'Days to review']

describe('XLSX exports', () => {
  it('punches with history: one sheet, every cell as expected, numbers numeric, no formulas', async () => {
    const { file, sheets, sheetXml, sharedStrings } = await exportXlsx({ kind: 'punches', history: true, language: 'en' })
    expect(file.fileName).toBe('clockface-punches-2026-11-01_2026-11-30.xlsx')
    expect(file.rows).toBe(6)
    expect(sheets.map((s) => s.sheet)).toEqual(['Punches'])
    const data = sheets[0]!.data
    expect(data[0]).toEqual(PUNCH_HEADER_EN)
    expect(data.slice(1)).toEqual(PUNCH_ROWS)
    // Formula-like text is stored raw, as a shared string (a string cell is never evaluated).
    expect(data[6]!.slice(1, 3)).toEqual([FORMULA_NAME, FORMULA_DEPARTMENT])
    expect(sharedStrings).toContain('<t>=HYPERLINK("http://x")</t>')
    expect(typeof data[6]![10]).toBe('number')
    expect(sheetXml).toHaveLength(1)
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[\s>/]/)
  })

  it('punches without history: the first 13 columns', async () => {
    const { sheets } = await exportXlsx({ kind: 'punches', history: false, language: 'en' })
    expect(sheets[0]!.data).toEqual([PUNCH_HEADER_EN.slice(0, 13), ...PUNCH_ROWS.map((row) => row.slice(0, 13))])
  })

  it('timesheet: Days, Totals and Departments sheets with numeric durations and h:mm text', async () => {
    const { file, sheets, sheetXml } = await exportXlsx({ kind: 'timesheet', history: false, language: 'en' })
    expect(file.fileName).toBe('clockface-timesheet-2026-11-01_2026-11-30.xlsx')
    expect(file.rows).toBe(4)
    expect(sheets.map((s) => s.sheet)).toEqual(['Days', 'Totals', 'Departments'])
    const [days, totals, departments] = sheets.map((s) => s.data)
    expect(days).toEqual([DAY_HEADER_EN, ...DAY_ROWS])
    expect(totals).toEqual([
      ['Employee code', 'Name', 'Department', ...TOTAL_TAIL],
      ['E2', 'José Núñez', 'Cocina', 7.75, '7:45', '1:00', 16, '16:00', 0, 15, 0, '0:00', 1, 1, 0],
      ['E10', FORMULA_NAME, FORMULA_DEPARTMENT, 8.33, '8:20', '0:00', 0, '0:00', 7, 0, 8.33, '8:20', 2, 0, 1]
    ])
    expect(departments).toEqual([
      ['Department', 'Employees', ...TOTAL_TAIL],
      [FORMULA_DEPARTMENT, 1, 8.33, '8:20', '0:00', 0, '0:00', 7, 0, 8.33, '8:20', 2, 0, 1],
      ['Cocina', 1, 7.75, '7:45', '1:00', 16, '16:00', 0, 15, 0, '0:00', 1, 1, 0]
    ])
    expect(sheetXml).toHaveLength(3)
    for (const xml of sheetXml) expect(xml).not.toMatch(/<f[\s>/]/)
  })

  it('Spanish: translated sheet names, headers and labels, same positions', async () => {
    const { sheets } = await exportXlsx({ kind: 'timesheet', history: false, language: 'es' })
    expect(sheets.map((s) => s.sheet)).toEqual(['Días', 'Totales', 'Departamentos'])
    const [days, totals] = sheets.map((s) => s.data)
    expect(days![0]!.length).toBe(DAY_HEADER_EN.length)
    expect(days![3]).toEqual(['E10', FORMULA_NAME, FORMULA_DEPARTMENT, '2026-11-20', 'viernes', 'Europe/Madrid', '22:00', '2026-11-21 07:20', 8.33, '8:20', '0:00', '0:00', 0, 0, 8.33, '8:20', 'Fuera de horario; Horas extra'])
    expect(totals![0]!.slice(3, 5)).toEqual(['Horas trabajadas', 'Trabajado (h:mm)'])
  })
})
