import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { ClockfaceError } from '../../shared/errors'

/** Name and department of one employee code, from people.csv. */
export interface PersonRow {
  name: string
  department: string
}

/**
 * Reads `people.csv` (header `code,name,department`; department optional; UTF-8, BOM allowed)
 * into a map by code. Returns an empty map when the file does not exist.
 * Raises ClockfaceError `invalid-input` for a malformed file or a row without code or name.
 */
export function readPeopleCsv(path: string): Map<string, PersonRow> {
  const people = new Map<string, PersonRow>()
  if (!existsSync(path)) return people
  let rows: Record<string, string>[]
  try {
    rows = parse(readFileSync(path), { columns: true, bom: true, trim: true, skip_empty_lines: true }) as Record<string, string>[]
  } catch (error) {
    throw new ClockfaceError('invalid-input', `${path} is not valid CSV: ${(error as Error).message}`)
  }
  rows.forEach((row, i) => {
    const code = row['code'] ?? ''
    const name = row['name'] ?? ''
    if (!code || !name) {
      throw new ClockfaceError('invalid-input', `${path} row ${i + 2}: needs columns code and name (header: code,name,department).`)
    }
    people.set(code, { name, department: row['department'] ?? '' })
  })
  return people
}
