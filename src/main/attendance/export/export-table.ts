/**
 * The format-neutral shape every export goes through: named tables of typed cells, written
 * out by csv-file.ts or xlsx-file.ts. Keeping the cell type (text or number) up to the writer
 * lets CSV escape text that a spreadsheet would run as a formula while XLSX stores it as
 * plain string cells, and lets XLSX store numbers as numeric cells.
 */

/** One cell: text, a number (written as a number, never as text), or empty (`null`). */
export type ExportCell = string | number | null

/**
 * One table: `name` is the XLSX sheet name (ignored by CSV), `header` the column labels and
 * `rows` the data rows, each as long as `header`.
 */
export interface ExportTable {
  name: string
  header: string[]
  rows: ExportCell[][]
}

/**
 * Builds a table from items and an ordered list of column keys: the header is each key's label,
 * each row the key's cell of one item. The key order given is the column order.
 */
export function buildTable<Item, Key extends string>(
  name: string,
  keys: readonly Key[],
  labels: Readonly<Record<Key, string>>,
  items: readonly Item[],
  cell: (item: Item, key: Key) => ExportCell
): ExportTable {
  return { name, header: keys.map((key) => labels[key]), rows: items.map((item) => keys.map((key) => cell(item, key))) }
}
