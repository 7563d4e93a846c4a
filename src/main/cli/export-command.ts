/**
 * `export`: the payroll export of a period (punches or timesheets, CSV or XLSX) from the
 * command line, through the exportAttendance operation, written to a file or to standard output.
 */
import { rename, rm, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { InvalidArgumentError, Option, type Command } from 'commander'
import { DateTime } from 'luxon'
import type { Language } from '../../shared/attendance-models'
import { ClockfaceError } from '../../shared/errors'
import { unwrap, type CliContext } from './cli-context'

/** The options `export` takes (besides --data and --key-file, added by cli.ts). */
export interface ExportCliOptions {
  /** First local date of the period, `YYYY-MM-DD`. */
  from: string
  /** Last local date of the period (inclusive), `YYYY-MM-DD`. */
  to: string
  format: 'csv' | 'xlsx'
  kind: 'punches' | 'timesheet'
  department?: string
  code?: string
  /** Add the correction history columns (punch exports). */
  history?: boolean
  /** Language of headers and labels; default: the one the operation chooses. */
  language?: Language
  /** File to write; default: standard output. */
  out?: string
}

/** Where the export goes when there is no --out, and where messages go. */
export interface ExportOutput {
  /** Standard output, written as raw bytes. */
  stdout: NodeJS.WritableStream
  /** Whether standard output is a terminal (binary XLSX bytes would garble it). */
  stdoutIsTerminal: boolean
  /** Prints a line for the user (only used with --out, so it never mixes with exported bytes). */
  print: (line: string) => void
}

/** commander parser for a calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export function localDateArgument(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value, { zone: 'utc' }).isValid) {
    throw new InvalidArgumentError('must be a date YYYY-MM-DD')
  }
  return value
}

/**
 * Declares `export` on `program` (so it inherits the program's exit and help settings) with
 * its options and `action`; returns the command so the caller can add the data options.
 * `--format`, `--kind`, `--from`, `--to` are required; `--format`, `--kind` and `--language`
 * accept only their listed values; dates must be `YYYY-MM-DD`.
 */
export function addExportCommand(program: Command, action: (options: ExportCliOptions) => Promise<void>): Command {
  return program
    .command('export')
    .description('payroll export of a period: punches or timesheets as CSV (UTF-8 with BOM) or XLSX, to --out FILE or standard output')
    .addOption(new Option('--from <date>', 'first local date of the period, YYYY-MM-DD').argParser(localDateArgument).makeOptionMandatory())
    .addOption(new Option('--to <date>', 'last local date of the period (inclusive), YYYY-MM-DD').argParser(localDateArgument).makeOptionMandatory())
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).makeOptionMandatory())
    .addOption(new Option('--kind <kind>', 'punches (one row per punch) or timesheet (one row per employee and day)').choices(['punches', 'timesheet']).makeOptionMandatory())
    .option('--department <department>', 'only this department')
    .option('--code <code>', 'only this employee code')
    .option('--history', 'add the correction history columns (punch exports)')
    .addOption(new Option('--language <language>', 'language of headers and labels').choices(['en', 'es']))
    .option('--out <file>', 'file to write (default: standard output; an XLSX file is never written to a terminal)')
    .action((options: ExportCliOptions) => action(options))
}

/** Writes bytes to a stream and waits until they are handed to the system. */
function writeBytes(stream: NodeJS.WritableStream, bytes: Buffer): Promise<void> {
  return new Promise((done, fail) => {
    stream.write(bytes, (error) => (error ? fail(error) : done()))
  })
}

/**
 * Writes `bytes` to `file` through a `.part` file renamed into place, so an interrupted run
 * never leaves a half-written file under the final name. Raises `invalid-input` when the file
 * cannot be written (folder missing, no permission).
 */
async function writeWhole(file: string, bytes: Buffer): Promise<void> {
  const part = `${file}.part`
  try {
    await writeFile(part, bytes)
    await rename(part, file)
  } catch (error) {
    await rm(part, { force: true })
    throw new ClockfaceError('invalid-input', `Cannot write ${file}: ${(error as Error).message}`)
  }
}

/**
 * `export --from DATE --to DATE --format csv|xlsx --kind punches|timesheet [--department D]
 * [--code C] [--history] [--language en|es] [--out FILE]`: runs exportAttendance and writes the
 * file's bytes to FILE (then prints what was written) or, without --out, to standard output
 * alone (binary-safe, nothing else printed there). An XLSX export to a terminal is refused
 * before anything runs. Raises ClockfaceError `invalid-input` (XLSX to a terminal, a file that
 * cannot be written, a period the operation refuses) or the operation's error.
 */
export async function exportCommand(ctx: Pick<CliContext, 'call'>, options: ExportCliOptions, output: ExportOutput): Promise<void> {
  if (options.out === undefined && options.format === 'xlsx' && output.stdoutIsTerminal) {
    throw new ClockfaceError('invalid-input', 'Refusing to write an XLSX file (binary) to the terminal: give --out FILE or redirect standard output to a file.')
  }
  const file = unwrap(
    await ctx.call('exportAttendance', {
      from: options.from,
      to: options.to,
      format: options.format,
      kind: options.kind,
      history: options.history === true,
      ...(options.code === undefined ? {} : { code: options.code }),
      ...(options.department === undefined ? {} : { department: options.department }),
      ...(options.language === undefined ? {} : { language: options.language })
    })
  )
  const bytes = Buffer.from(file.base64, 'base64')
  if (options.out === undefined) {
    await writeBytes(output.stdout, bytes)
    return
  }
  const target = resolve(options.out)
  await writeWhole(target, bytes)
  output.print(`Wrote ${target}: ${file.rows} ${options.kind === 'punches' ? 'punches' : 'day rows'}, ${bytes.length} bytes (suggested name ${file.fileName}).`)
}
