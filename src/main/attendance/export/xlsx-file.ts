/**
 * XLSX writer for export tables (write-excel-file): one sheet per table, a bold header row kept
 * in view while scrolling. Every cell is written with an explicit type, text as string cells
 * and numbers as numeric cells, so no value can ever become a formula: string cells are never
 * evaluated, so text is stored as it is (no quote prefix as in CSV).
 */
import writeXlsxFile, { type Cell, type SheetData } from 'write-excel-file/node'
import type { ExportCell, ExportTable } from './export-table'

/** MIME type of the XLSX exports. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Widest column, in characters (Excel's unit for column widths), so a long correction history does not make a sheet unreadable. */
const MAX_COLUMN_WIDTH = 60

/** Excel rejects sheet names over 31 characters. */
const MAX_SHEET_NAME = 31

function xlsxCell(cell: ExportCell): Cell {
  if (cell === null) return null
  return typeof cell === 'number' ? { type: Number, value: cell } : { type: String, value: cell }
}

/** Column widths from the longest text in each column (header included), within 8..{@link MAX_COLUMN_WIDTH}. */
function columnWidths(table: ExportTable): { width: number }[] {
  return table.header.map((label, c) => {
    const longest = Math.max(label.length, ...table.rows.map((row) => String(row[c] ?? '').length))
    return { width: Math.min(MAX_COLUMN_WIDTH, Math.max(8, longest + 2)) }
  })
}

/** The tables as the bytes of one XLSX workbook, one sheet per table in the order given. */
export async function xlsxFile(tables: readonly ExportTable[]): Promise<Buffer> {
  const sheets = tables.map((table) => {
    const data: SheetData = [table.header.map((label) => ({ type: String, value: label, fontWeight: 'bold' })), ...table.rows.map((row) => row.map(xlsxCell))]
    return { data, sheet: table.name.slice(0, MAX_SHEET_NAME), columns: columnWidths(table), stickyRowsCount: 1 }
  })
  return writeXlsxFile(sheets).toBuffer()
}
