/**
 * CSV answers of the REST API (`GET /api/v1/attendance?format=csv`), for payroll and
 * spreadsheets: RFC 4180 quoting by csv-stringify, a UTF-8 byte-order mark so Excel reads
 * names with accents right, and cells that a spreadsheet would run as a formula neutralised.
 */
import { stringify } from 'csv-stringify/sync'
import type { OperationName } from '../../shared/contract'
import type { AttendanceEvent } from '../../shared/models'

/** Media type of a CSV answer. */
export const CSV_TYPE = 'text/csv; charset=utf-8'

/** The UTF-8 byte-order mark every CSV answer starts with. */
export const CSV_BOM = '\uFEFF'

/**
 * Characters that make a spreadsheet read a cell as a formula (`=`, `+`, `-`, `@`) or that
 * some programs strip before doing so (tab, carriage return): OWASP's "CSV injection" list.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/**
 * A text cell made safe to open in a spreadsheet: one starting with a formula character gets
 * a leading apostrophe, so `=HYPERLINK(…)` in an employee's name shows as text instead of
 * running. Other text is unchanged.
 */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

/** One CSV column: its header and the row field it shows. */
export interface CsvColumn {
  header: string
  key: string
}

/**
 * Rows as CSV text: BOM, a header line, one line per row (CRLF line ends, RFC 4180 quoting);
 * text cells pass through {@link neutraliseFormula}; null and missing values are empty cells.
 */
export function toCsv(rows: readonly object[], columns: readonly CsvColumn[]): string {
  const body = stringify(rows as Record<string, unknown>[], {
    header: true,
    columns: columns.map(({ header, key }) => ({ header, key })),
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula }
  })
  return CSV_BOM + body
}

/** Columns of the attendance CSV: when, who, which way, how, where; ids last. */
export const ATTENDANCE_COLUMNS: readonly (CsvColumn & { key: keyof AttendanceEvent })[] = [
  { header: 'time', key: 'time' },
  { header: 'employee_code', key: 'employeeCode' },
  { header: 'employee_name', key: 'employeeName' },
  { header: 'type', key: 'type' },
  { header: 'source', key: 'source' },
  { header: 'kiosk_id', key: 'kioskId' },
  { header: 'distance', key: 'distance' },
  { header: 'id', key: 'id' },
  { header: 'employee_id', key: 'employeeId' }
]

/**
 * Operations whose answer (an array of rows) can also be had as CSV, with their columns:
 * `?format=csv` or `Accept: text/csv`.
 */
export const CSV_OPERATIONS: Partial<Record<OperationName, readonly CsvColumn[]>> = {
  listAttendance: ATTENDANCE_COLUMNS
}
