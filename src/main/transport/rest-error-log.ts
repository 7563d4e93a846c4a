/**
 * The REST API's error log: one JSON line per server error (HTTP 5xx) in
 * `<data folder>/logs/api-errors.log`, so an integrator's "it failed at 10:32" can be matched
 * to what happened by the request id they got back. Written by pino to a rotating-file-stream
 * destination in this thread (pino transports run in worker threads, which a bundled main
 * process cannot load). Lines never hold images, keys or request bodies: only the fields of
 * {@link RestErrorEntry}.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'
import { createStream } from 'rotating-file-stream'

/** Size at which the log file is rotated: 5 MB (some 20,000 entries). */
export const ERROR_LOG_ROTATE_SIZE = '5M'

/** Rotated files kept besides the current one (`api-errors.log.1` … `.5`). */
export const ERROR_LOG_KEEP = 5

/** What one line of the error log says about a failed request. */
export interface RestErrorEntry {
  /** The id the client got back in its error body and `X-Request-Id`. */
  requestId: string
  /** The contract operation, when the request reached one. */
  operation?: string
  /** The id (not the secret) of the API key the request came with, when it had a valid one. */
  keyId?: string
  method: string
  /** Path and query of the request (never a body). */
  url: string
  status: number
  code: string
  /** The error message, cut to 500 characters. */
  message: string
}

/** Where server errors of the REST API are written. */
export interface RestErrorLog {
  /** Writes one entry (asynchronously; never throws). */
  write(entry: RestErrorEntry): void
  /** Flushes and closes the file. */
  close(): Promise<void>
}

/** Options of {@link createRestErrorLog}. */
export interface RestErrorLogOptions {
  /** Rotation size, e.g. `'5M'` (see rotating-file-stream's `size`); default {@link ERROR_LOG_ROTATE_SIZE}. */
  size?: string
  /** Rotated files kept; default {@link ERROR_LOG_KEEP}. */
  keep?: number
  /** Called when the file cannot be written (a full disk must not stop the API). */
  onError?: (error: Error) => void
}

/** Path of the error log in a data folder. */
export const errorLogPath = (dataDir: string): string => join(dataDir, 'logs', 'api-errors.log')

/**
 * Opens (creating `<dataDir>/logs`, mode 0700, and the file, mode 0600, like the data files)
 * the rotating error log of the REST API: rotated when it reaches `size`, `keep` old files
 * kept as `api-errors.log.1` (newest) to `.N`.
 */
export function createRestErrorLog(dataDir: string, options: RestErrorLogOptions = {}): RestErrorLog {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const stream = createStream('api-errors.log', {
    path: dir,
    size: options.size ?? ERROR_LOG_ROTATE_SIZE,
    rotate: options.keep ?? ERROR_LOG_KEEP,
    mode: 0o600
  })
  stream.on('error', (error) => options.onError?.(error))
  stream.on('warning', (error) => options.onError?.(error))
  const logger: Logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime, messageKey: 'event' }, stream)
  return {
    write(entry) {
      logger.error({ ...entry, message: entry.message.slice(0, 500) }, 'api error')
    },
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush()
        stream.end(() => resolve())
      })
  }
}
