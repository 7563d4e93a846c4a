/**
 * The payroll export of a period: punches or timesheets as a CSV or XLSX file (see
 * punch-columns.ts, timesheet-columns.ts for the columns, csv-file.ts and xlsx-file.ts for the
 * formats). The caller (the exportAttendance operation) chooses and filters the data; this
 * module only lays it out.
 */
import type { ExportFile, Language, Timesheet } from '../../../shared/attendance-models'
import type { AttendanceEvent } from '../../../shared/models'
import { CSV_MIME_TYPE, csvFile } from './csv-file'
import { exportLabels } from './export-labels'
import type { ExportTable } from './export-table'
import { punchTable } from './punch-columns'
import { timesheetTables } from './timesheet-columns'
import { XLSX_MIME_TYPE, xlsxFile } from './xlsx-file'

/**
 * What to export: `kind` punches (one row per punch) or timesheet (one row per employee and
 * day); `format` csv or xlsx; `history` adds the correction columns to a punch export (ignored
 * for timesheets); `language` of headers and labels; `from`/`to` the period's local dates
 * `YYYY-MM-DD`, used in the file name.
 */
export interface ExportRequest {
  kind: 'punches' | 'timesheet'
  format: 'csv' | 'xlsx'
  history: boolean
  language: Language
  from: string
  to: string
}

/**
 * The data of an export: `punches` already filtered to the period, employee and department
 * (used for kind punches), the `timesheet` of the period (used for kind timesheet), and the
 * IANA zone for punches recorded without one.
 */
export interface ExportData {
  punches: AttendanceEvent[]
  timesheet: Timesheet
  defaultTimeZone: string
}

/** The suggested file name: `clockface-<kind>-<from>_<to>.<format>`, e.g. `clockface-punches-2026-11-01_2026-11-30.csv`. */
export function exportFileName(request: Pick<ExportRequest, 'kind' | 'format' | 'from' | 'to'>): string {
  return `clockface-${request.kind}-${request.from}_${request.to}.${request.format}`
}

/**
 * Builds the export file: name (exportFileName), MIME type (`text/csv; charset=utf-8` or the
 * XLSX type), bytes as base64, and `rows`, the number of data rows (punches, or timesheet day
 * rows; headers and the XLSX Totals and Departments sheets not counted).
 *
 * A timesheet CSV holds the day rows only; the XLSX workbook holds the sheets Days, Totals and
 * Departments (named in `language`, always in that order). In both, days without presence,
 * absence or flag are left out (timesheet-columns.ts isReportedDay). A punch XLSX has one sheet.
 * Raises RangeError for a time that cannot be read or an invalid `defaultTimeZone`.
 */
export async function buildExport(request: ExportRequest, data: ExportData): Promise<ExportFile> {
  const labels = exportLabels(request.language)
  let tables: ExportTable[]
  if (request.kind === 'punches') {
    tables = [punchTable(data.punches, { history: request.history, labels, defaultTimeZone: data.defaultTimeZone })]
  } else {
    const { days, totals, departments } = timesheetTables(data.timesheet, labels, data.defaultTimeZone)
    tables = request.format === 'csv' ? [days] : [days, totals, departments]
  }
  const first = tables[0]!
  const bytes = request.format === 'csv' ? csvFile(first) : await xlsxFile(tables)
  return {
    fileName: exportFileName(request),
    mimeType: request.format === 'csv' ? CSV_MIME_TYPE : XLSX_MIME_TYPE,
    base64: bytes.toString('base64'),
    rows: first.rows.length
  }
}
