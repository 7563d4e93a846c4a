import { existsSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { ClockfaceError } from '../../shared/errors'
import { readFileWithinSync } from './read-limited-file'

/**
 * Largest people.csv read, in bytes: 4 MB. A row (code, name, department) is well under
 * 100 bytes, so this is over 40,000 employees, while a mistaken file (a photo archive or a
 * database dump named people.csv) is refused before it is read and parsed into memory.
 */
export const MAX_PEOPLE_CSV_BYTES = 4 * 1024 * 1024

/** Name and department of one employee code, from people.csv. */
export interface PersonRow {
  name: string
  department: string
}

/**
 * Reads `people.csv` (header `code,name,department`; department optional; UTF-8, BOM allowed)
 * into a map by code. Returns an empty map when the file does not exist.
 * Raises ClockfaceError `too-large` for a file over {@link MAX_PEOPLE_CSV_BYTES} (checked
 * before reading), `invalid-input` for a malformed file, a row without code or name, or a
 * path that is not a regular file.
 */
export function readPeopleCsv(path: string): Map<string, PersonRow> {
  const people = new Map<string, PersonRow>()
  if (!existsSync(path)) return people
  let bytes: Uint8Array<ArrayBuffer>
  try {
    bytes = readFileWithinSync(path, MAX_PEOPLE_CSV_BYTES, 'people.csv')
  } catch (error) {
    if (error instanceof ClockfaceError) throw error
    throw new ClockfaceError('invalid-input', `Cannot read ${path}: ${(error as Error).message}`)
  }
  let rows: Record<string, string>[]
  try {
    rows = parse(Buffer.from(bytes.buffer), { columns: true, bom: true, trim: true, skip_empty_lines: true }) as Record<string, string>[]
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
