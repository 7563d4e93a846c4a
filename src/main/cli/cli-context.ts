import { resolve } from 'node:path'
import { MAX_IMAGE_BYTES, type OperationName, type OperationRequest, type OperationResponse } from '../../shared/contract'
import { ClockfaceError, type Result } from '../../shared/errors'
import { cliContext, startClockface, type ClockfaceCore } from '../app-core'
import { defaultDataDir } from '../default-data-dir'
import { startServerCore } from '../server-core'
import { cliDataKey } from './backup-command'
import { EXIT_CODES } from './exit-codes'
import { readFileWithin } from './read-limited-file'

/** Options every data command takes. */
export interface DataOptions {
  /** Data folder (`--data`); default: the kiosk app's folder (defaultDataDir). */
  data?: string
  /** Key file of the encrypted data (`--key-file`); see cliDataKey in backup-command.ts for the default. */
  keyFile?: string
  /** Euclidean match threshold (`--threshold`); default: DEFAULT_THRESHOLD. */
  threshold?: number
}

/** What a command body gets: the running core and a typed, validated call. */
export interface CliContext {
  /** The running core (on the data folder, or server mode's database); commands read `core.config` (e.g. the threshold in force). */
  core: Pick<ClockfaceCore, 'config' | 'dispatch'>
  /** Runs one operation through the core's dispatch as the local operator (audited, validated); returns its Result. */
  call<K extends OperationName>(name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>>
}

/**
 * Reads an image file as an encoded-image request field. Its size is checked before reading
 * (readFileWithin): over MAX_IMAGE_BYTES (contract.ts) raises ClockfaceError `too-large`
 * naming the file, its size and the limit; a file that is not a regular file raises
 * `invalid-input`; one that cannot be opened or read raises `unreadable-image`. The type
 * (JPEG, PNG or WebP) is the engine's check, made before anything decodes the bytes.
 */
export async function readImageFile(path: string): Promise<{ kind: 'encoded'; data: Uint8Array<ArrayBuffer> }> {
  try {
    return { kind: 'encoded', data: await readFileWithin(path, MAX_IMAGE_BYTES, 'image') }
  } catch (error) {
    if (error instanceof ClockfaceError) throw error
    throw new ClockfaceError('unreadable-image', `Cannot read ${path}: ${(error as Error).message}`)
  }
}

/** Unwraps a Result, raising its error as a ClockfaceError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new ClockfaceError(result.error.code, result.error.message, result.error.details)
}

/**
 * Starts the core on `--data` (default: the kiosk app's folder), or on server mode's
 * PostgreSQL when CLOCKFACE_DATABASE_URL is set, runs `body`, closes the core and sets the
 * exit code: 0, or the code of the ClockfaceError raised (see exit-codes.ts) with a one-line
 * message on stderr.
 */
export async function withCore(options: DataOptions, body: (ctx: CliContext) => Promise<void>): Promise<void> {
  let core: (CliContext['core'] & Pick<ClockfaceCore, 'close'>) | undefined
  try {
    const dataDir = resolve(options.data ?? defaultDataDir())
    const config = {
      // stderr, so warnings (say, an audit entry that could not be written) never mix into --json output.
      warn: (message: string, details?: Record<string, unknown>) => console.error(`clockface: warning: ${message}${details ? ` ${JSON.stringify(details)}` : ''}`),
      ...(options.threshold === undefined ? {} : { threshold: options.threshold })
    }
    const databaseUrl = process.env['CLOCKFACE_DATABASE_URL']
    core =
      databaseUrl === undefined
        ? await startClockface({ dataDir, dataKey: cliDataKey(dataDir, options, true), dailyBackups: false, channel: 'cli', config })
        : await startServerCore({ databaseUrl, dataDir, channel: 'cli', config })
    const running = core
    await body({ core, call: (name, request) => running.dispatch(name, request, cliContext()) })
  } catch (error) {
    const code = error instanceof ClockfaceError ? error.code : 'internal'
    const message = error instanceof Error ? error.message : String(error)
    console.error(`clockface: ${code === 'internal' ? 'internal error: ' : ''}${message}`)
    process.exitCode = EXIT_CODES[code]
  } finally {
    await core?.close()
  }
}
