/**
 * CSV writer for one export table, made to open correctly in Excel as well as in payroll
 * importers: UTF-8 with a byte order mark (without it Excel reads UTF-8 as the machine's ANSI
 * code page and mangles `José Núñez`), comma separators, CRLF line ends (RFC 4180), a header
 * row, and fields quoted only when they hold a comma, quote or line break (csv-stringify).
 */
import { stringify } from 'csv-stringify/sync'
import type { ExportCell, ExportTable } from './export-table'
import { escapeFormula } from './formula-escape'

/** MIME type of the CSV exports. */
export const CSV_MIME_TYPE = 'text/csv; charset=utf-8'

/**
 * One cell as CSV text: numbers as plain JavaScript numbers with a dot as decimal separator and
 * no thousands separator (`7.75`, `1234`), so the value is the same whatever the reader's
 * locale; text with formula escaping (formula-escape.ts); empty cells as empty fields.
 */
export function csvField(cell: ExportCell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return String(cell)
  return escapeFormula(cell)
}

/** The table (header row, then its rows) as CSV bytes: BOM, UTF-8, commas, CRLF after every row. */
export function csvFile(table: ExportTable): Buffer {
  const records = [table.header, ...table.rows].map((row) => row.map(csvField))
  return Buffer.from(stringify(records, { bom: true, delimiter: ',', record_delimiter: 'windows' }), 'utf8')
}
