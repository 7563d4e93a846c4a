/**
 * Starting the integration REST API next to a running core, for browser mode (server.ts,
 * `--api`) and the desktop app (index.ts, the owner's `apiEnabled` setting): the server of
 * rest-server.ts, the core's API keys, and the rotating error log in the data folder.
 */
import { readFileSync } from 'node:fs'
import type { FastifyBaseLogger } from 'fastify'
import { ClockfaceError } from '../../shared/errors'
import type { ClockfaceCore } from '../app-core'
import { createApiKeyService } from '../services/api/api-keys'
import { createRestErrorLog, errorLogPath } from './rest-error-log'
import { createRestServer, DEFAULT_RATE_LIMIT } from './rest-server'

/** Default TCP port of the REST API (browser mode's UI is on 5780). */
export const DEFAULT_API_PORT = 5781
/** Default address of the REST API: this computer only. */
export const DEFAULT_API_HOST = '127.0.0.1'

/** PEM certificate chain and private key (the text, or the path of a file holding it). */
export interface TlsFiles {
  cert: string
  key: string
}

/** Options of {@link startRestApi}. */
export interface RestApiOptions {
  /** Address to bind; default {@link DEFAULT_API_HOST}. Any non-loopback address needs `tls`. */
  host?: string
  /** TCP port; default {@link DEFAULT_API_PORT} (0: any free one). */
  port?: number
  /** Certificate and key: PEM text, or paths of PEM files. */
  tls?: TlsFiles
  /** Requests per minute per API key; default {@link DEFAULT_RATE_LIMIT}.max. */
  ratePerMinute?: number
  /** Request log and server errors; omitted: silent (the error log file is still written). */
  logger?: FastifyBaseLogger
}

/** A running REST API. */
export interface RestApiHandle {
  /** Base URL, e.g. `http://127.0.0.1:5781/api/v1`. */
  url: string
  /** URL of the browsable docs. */
  docsUrl: string
  /** Path of the error log file. */
  errorLog: string
  /** Stops the server (waiting for requests in flight) and closes the error log. Safe to call twice. */
  stop(): Promise<void>
}

/** PEM text as given, or the contents of the file it names. Throws with the path when it cannot be read. */
function pem(value: string, what: string): string {
  if (value.trimStart().startsWith('-----BEGIN')) return value
  try {
    return readFileSync(value, 'utf8')
  } catch (error) {
    throw new ClockfaceError('invalid-input', `The TLS ${what} file ${value} cannot be read: ${(error as Error).message}`)
  }
}

/**
 * Starts the REST API for `core` and resolves once it listens. Server errors (5xx) go to the
 * logger and to `<data folder>/logs/api-errors.log` (rotated by size, a few kept). Rejects
 * with ClockfaceError `invalid-input` when the address needs TLS and none is given or a TLS
 * file cannot be read, and with the system error when the port is taken (`EADDRINUSE`);
 * nothing is left open then.
 */
export async function startRestApi(core: Pick<ClockfaceCore, 'dispatch' | 'repos' | 'config'> & { store: Pick<ClockfaceCore['store'], 'dataDir'> }, options: RestApiOptions = {}): Promise<RestApiHandle> {
  const tls = options.tls ? { cert: pem(options.tls.cert, 'certificate'), key: pem(options.tls.key, 'key') } : undefined
  const logger = options.logger
  const errorLog = createRestErrorLog(core.store.dataDir, { onError: (error) => logger?.warn({ reason: error.message }, 'API error log cannot be written') })
  const server = await createRestServer({
    dispatch: core.dispatch,
    apiKeys: createApiKeyService(core.repos.apiKeys, core.config),
    errorLog,
    rateLimit: { max: options.ratePerMinute ?? DEFAULT_RATE_LIMIT.max, timeWindowMs: 60_000 },
    ...(logger ? { logger } : {})
  })
  let address: { url: string; docsUrl: string }
  try {
    address = await server.listen({ host: options.host ?? DEFAULT_API_HOST, port: options.port ?? DEFAULT_API_PORT, ...(tls ? { tls } : {}) })
  } catch (error) {
    await server.close().catch(() => undefined)
    await errorLog.close()
    throw error
  }
  let stopping: Promise<void> | undefined
  return {
    ...address,
    errorLog: errorLogPath(core.store.dataDir),
    stop() {
      stopping ??= server.close().finally(() => errorLog.close())
      return stopping
    }
  }
}

/**
 * The REST API settings an owner keeps in the desktop app's settings: `apiEnabled`,
 * `apiHost`, `apiPort`, `apiTlsCert`, `apiTlsKey` (PEM text or file paths), `apiRatePerMinute`.
 */
export interface RestApiSettings {
  apiEnabled?: boolean
  apiHost?: string
  apiPort?: number
  apiTlsCert?: string
  apiTlsKey?: string
  apiRatePerMinute?: number
}

/**
 * Options of {@link startRestApi} from the owner's settings (an object that may hold the
 * fields of {@link RestApiSettings}; others are ignored), or null when the API is off
 * (`apiEnabled` not true). A certificate without its key (or the other way round) is left
 * out, so a non-loopback host without both refuses to start with a clear error.
 */
export function restApiOptionsFromSettings(settings: object): RestApiOptions | null {
  const s = settings as { [K in keyof RestApiSettings]?: unknown }
  if (s.apiEnabled !== true) return null
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined)
  const host = text(s.apiHost)
  const cert = text(s.apiTlsCert)
  const key = text(s.apiTlsKey)
  return {
    ...(host ? { host } : {}),
    ...(typeof s.apiPort === 'number' ? { port: s.apiPort } : {}),
    ...(typeof s.apiRatePerMinute === 'number' ? { ratePerMinute: s.apiRatePerMinute } : {}),
    ...(cert && key ? { tls: { cert, key } } : {})
  }
}
