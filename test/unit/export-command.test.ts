/**
 * The `export` command: its options as commander parses them, and what it writes (a file, or
 * raw bytes on standard output, never XLSX to a terminal), with the exportAttendance operation
 * answered by the real export builder.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { Command, CommanderError } from 'commander'
import readXlsxFile from 'read-excel-file/node'
import { afterEach, describe, expect, it } from 'vitest'
import { buildExport } from '../../src/main/attendance/export/build-export'
import type { CliContext } from '../../src/main/cli/cli-context'
import { addExportCommand, exportCommand, type ExportCliOptions, type ExportOutput } from '../../src/main/cli/export-command'
import type { OperationRequest } from '../../src/shared/contract'
import { ClockfaceError } from '../../src/shared/errors'
import { exportData } from './export-fixtures'

/** Parses `args` with a fresh program holding only `export`; answers the options the action got. */
async function parse(args: string[]): Promise<ExportCliOptions> {
  const program = new Command('clockface').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
  let got: ExportCliOptions | undefined
  addExportCommand(program, async (options) => {
    got = options
  })
  await program.parseAsync(['export', ...args], { from: 'user' })
  return got!
}

/** Runs `parse` expecting commander to refuse; answers its error code. */
async function refusal(args: string[]): Promise<string> {
  const error = await parse(args).then(
    () => null,
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(CommanderError)
  return (error as CommanderError).code
}

const required = ['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'csv', '--kind', 'punches']

describe('export options', () => {
  it('reads every option', async () => {
    expect(await parse(required)).toEqual({ from: '2026-11-01', to: '2026-11-30', format: 'csv', kind: 'punches' })
    const all = ['--from', '2026-11-01', '--to', '2026-11-30', '--format', 'xlsx', '--kind', 'timesheet', '--department', 'Cocina', '--code', 'E2', '--history', '--language', 'es', '--out', 'pay.xlsx']
    expect(await parse(all)).toEqual({ from: '2026-11-01', to: '2026-11-30', format: 'xlsx', kind: 'timesheet', department: 'Cocina', code: 'E2', history: true, language: 'es', out: 'pay.xlsx' })
  })

  it('refuses missing required options, unknown values and dates that do not exist', async () => {
    expect(await refusal(required.slice(0, 6))).toBe('commander.missingMandatoryOptionValue')
    expect(await refusal(required.slice(2))).toBe('commander.missingMandatoryOptionValue')
    expect(await refusal([...required.slice(0, 5), 'pdf', ...required.slice(6)])).toBe('commander.invalidArgument')
    expect(await refusal([...required.slice(0, 7), 'hours'])).toBe('commander.invalidArgument')
    expect(await refusal([...required, '--language', 'fr'])).toBe('commander.invalidArgument')
    expect(await refusal(['--from', '2026-02-30', ...required.slice(2)])).toBe('commander.invalidArgument')
    expect(await refusal(['--from', '1/11/2026', ...required.slice(2)])).toBe('commander.invalidArgument')
  })
})

describe('exportCommand', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  /** A call context whose exportAttendance builds the real file from the fixtures; records the requests. */
  function fakeContext(): { ctx: Pick<CliContext, 'call'>; requests: OperationRequest<'exportAttendance'>[] } {
    const requests: OperationRequest<'exportAttendance'>[] = []
    const call = (async (name: string, request: OperationRequest<'exportAttendance'>) => {
      expect(name).toBe('exportAttendance')
      requests.push(request)
      const value = await buildExport(
        { kind: request.kind, format: request.format, history: request.history === true, language: request.language ?? 'en', from: request.from, to: request.to },
        exportData
      )
      return { ok: true, value }
    }) as unknown as CliContext['call']
    return { ctx: { call }, requests }
  }

  /** An output whose standard output collects bytes; `lines` gets what is printed. */
  function output(stdoutIsTerminal: boolean): ExportOutput & { bytes: () => Buffer; lines: string[] } {
    const stdout = new PassThrough()
    const chunks: Buffer[] = []
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    const lines: string[] = []
    return { stdout, stdoutIsTerminal, print: (line) => lines.push(line), bytes: () => Buffer.concat(chunks), lines }
  }

  const options: ExportCliOptions = { from: '2026-11-01', to: '2026-11-30', format: 'csv', kind: 'punches' }

  it('writes the bytes alone to standard output, BOM included, and passes the options on', async () => {
    const { ctx, requests } = fakeContext()
    const out = output(false)
    await exportCommand(ctx, { ...options, code: 'E2', department: 'Cocina' }, out)
    expect(requests).toEqual([{ from: '2026-11-01', to: '2026-11-30', format: 'csv', kind: 'punches', history: false, code: 'E2', department: 'Cocina' }])
    const expected = await buildExport({ kind: 'punches', format: 'csv', history: false, language: 'en', from: '2026-11-01', to: '2026-11-30' }, exportData)
    expect(out.bytes().equals(Buffer.from(expected.base64, 'base64'))).toBe(true)
    expect([...out.bytes().subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(out.lines).toEqual([])
  })

  it('writes XLSX to a redirected standard output byte for byte', async () => {
    const { ctx } = fakeContext()
    const out = output(false)
    await exportCommand(ctx, { ...options, format: 'xlsx', kind: 'timesheet', language: 'es' }, out)
    const sheets = await readXlsxFile(out.bytes())
    expect(sheets.map((s) => s.sheet)).toEqual(['Días', 'Totales', 'Departamentos'])
  })

  it('refuses XLSX to a terminal before calling the operation, but writes CSV there', async () => {
    const { ctx, requests } = fakeContext()
    const error = await exportCommand(ctx, { ...options, format: 'xlsx' }, output(true)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ClockfaceError)
    expect((error as ClockfaceError).code).toBe('invalid-input')
    expect((error as Error).message).toMatch(/terminal.*--out/)
    expect(requests).toEqual([])
    const out = output(true)
    await exportCommand(ctx, options, out)
    expect(out.bytes().toString('utf8')).toContain('José Núñez')
  })

  it('writes --out FILE whole, with history and language, and says what it wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-export-'))
    dirs.push(dir)
    const { ctx, requests } = fakeContext()
    const out = output(false)
    const file = join(dir, 'punches.xlsx')
    await exportCommand(ctx, { ...options, format: 'xlsx', history: true, language: 'es', out: file }, out)
    expect(requests[0]).toMatchObject({ history: true, language: 'es', format: 'xlsx' })
    const sheets = await readXlsxFile(readFileSync(file))
    expect(sheets[0]!.sheet).toBe('Fichajes')
    expect(sheets[0]!.data).toHaveLength(7)
    expect(out.bytes().length).toBe(0)
    expect(out.lines).toEqual([`Wrote ${file}: 6 punches, ${readFileSync(file).length} bytes (suggested name clockface-punches-2026-11-01_2026-11-30.xlsx).`])
    expect(readdirSync(dir)).toEqual(['punches.xlsx'])
  })

  it('raises invalid-input for a file it cannot write, and the operation’s own error', async () => {
    const { ctx } = fakeContext()
    const missing = join(tmpdir(), 'clockface-no-such-folder', 'x.csv')
    const error = await exportCommand(ctx, { ...options, out: missing }, output(false)).catch((e: unknown) => e)
    expect((error as ClockfaceError).code).toBe('invalid-input')
    expect(existsSync(`${missing}.part`)).toBe(false)
    const refusing = { call: (async () => ({ ok: false, error: { code: 'forbidden', message: 'no export scope' } })) as unknown as CliContext['call'] }
    const refused = await exportCommand(refusing, options, output(false)).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(ClockfaceError)
    expect((refused as ClockfaceError).code).toBe('forbidden')
  })
})
