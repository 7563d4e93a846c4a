import { parse } from 'csv-parse/sync'
import { DateTime } from 'luxon'
import { MAX_IMPORTED_PUNCHES, isKnownTimeZone, type OperationRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { punchTypeSchema } from '../../shared/models'
import { unwrap, type CliContext } from './cli-context'
import { readFileWithin } from './read-limited-file'

/** Largest punches CSV read, in bytes: {@link MAX_IMPORTED_PUNCHES} rows of about 80 bytes, with room to spare. */
export const MAX_PUNCH_CSV_BYTES = 16 * 1024 * 1024

type ImportRow = OperationRequest<'importPunches'>['punches'][number]

/**
 * Reads a punches CSV (UTF-8, BOM allowed; header `code,type,time` and optional `timeZone`):
 * `type` is check-in, check-out, break-start or break-end; `time` either an ISO-8601 instant
 * with its offset (`2026-03-23T08:58:00+01:00`) or a local `YYYY-MM-DD HH:mm[:ss]` read in the
 * row's `timeZone`, else in `zone`. Raises `invalid-input` naming the first bad row, `too-large`.
 */
export function readPunchesCsv(text: string, zone: string): ImportRow[] {
  let records: Record<string, string>[]
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true }) as Record<string, string>[]
  } catch (error) {
    throw new ClockfaceError('invalid-input', `Not valid CSV: ${(error as Error).message}`)
  }
  return records.map((record, index) => {
    const where = `row ${index + 2}` // the header is row 1
    const type = punchTypeSchema.safeParse(record['type'])
    if (!type.success) throw new ClockfaceError('invalid-input', `${where}: type must be check-in, check-out, break-start or break-end, got "${record['type'] ?? ''}".`)
    const rowZone = record['timeZone'] || zone
    if (!isKnownTimeZone(rowZone)) throw new ClockfaceError('invalid-input', `${where}: "${rowZone}" is not a known IANA time zone.`)
    const raw = record['time'] ?? ''
    const local = DateTime.fromFormat(raw, raw.length > 16 ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm', { zone: rowZone })
    const instant = local.isValid ? local : DateTime.fromISO(raw, { setZone: true })
    if (!instant.isValid || (!local.isValid && !/([+-]\d\d:?\d\d|Z)$/.test(raw))) {
      throw new ClockfaceError('invalid-input', `${where}: time "${raw}" is neither YYYY-MM-DD HH:mm nor an ISO-8601 time with an offset.`)
    }
    return { code: record['code'] ?? '', type: type.data, time: instant.toUTC().toISO() as string, timeZone: rowZone }
  })
}

/**
 * `import-punches <file.csv> [--zone Z]`: imports the punches of the file (see
 * {@link readPunchesCsv}) through importPunches, all or none; prints how many. Raises
 * `invalid-input`, `too-large`, `not-found` (an unknown code, with its row), `store-error`.
 */
export async function importPunchesCommand(ctx: CliContext, path: string, options: { zone: string }, print: (line: string) => void): Promise<void> {
  const bytes = await readFileWithin(path, MAX_PUNCH_CSV_BYTES, 'punches CSV')
  const punches = readPunchesCsv(Buffer.from(bytes.buffer).toString('utf8'), options.zone)
  if (punches.length === 0) throw new ClockfaceError('invalid-input', `${path} holds no punches.`)
  if (punches.length > MAX_IMPORTED_PUNCHES) throw new ClockfaceError('too-large', `${path} holds ${punches.length} punches; import at most ${MAX_IMPORTED_PUNCHES} at a time.`)
  const { imported } = unwrap(await ctx.call('importPunches', { punches }))
  print(`Imported ${imported} punch${imported === 1 ? '' : 'es'} from ${path}.`)
}
