/**
 * Browser mode: `npm run serve -- [--port P] [--data DIR] [--database postgres://…] [--threshold T] [--cooldown S] [--kiosk-id ID] [--confirm-frames N]
 * [--api [--api-port P] [--api-host H] [--tls-cert FILE --tls-key FILE] [--api-rate N]]`.
 * Starts the Clockface core and serves the renderer plus the HTTP API on 127.0.0.1 only; with
 * `--api`, also the integration REST API (`/api/v1`, API keys) on its own port. With
 * `--database`, the data is in PostgreSQL (server mode, server-core.ts) instead of the data
 * folder, and kiosks sync with it.
 */
import { randomInt } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Command } from 'commander'
import pino from 'pino'
import { ClockfaceError } from '../shared/errors'
import { startClockface } from './app-core'
import { startServerCore } from './server-core'
import { kioskSyncFromEnv } from './sync/sync-env'
import { redactUrl } from './store/postgres/pg-database'
import { cliDataKey } from './cli/backup-command'
import { nonNegativeNumber, port, positiveInteger, positiveNumber } from './cli/cli-options'
import { defaultDataDir } from './default-data-dir'
import { DEFAULT_CONFIRM_FRAMES, DEFAULT_COOLDOWN_MS, DEFAULT_THRESHOLD, type ServiceConfig } from './services/service-config'
import { createHttpServer } from './transport/http-server'
import { DEFAULT_API_HOST, DEFAULT_API_PORT, startRestApi, type RestApiHandle } from './transport/rest-api'
import { DEFAULT_RATE_LIMIT } from './transport/rest-server'

/** Default TCP port of browser mode on 127.0.0.1 (`--port` overrides it; 0 picks a free one). */
export const DEFAULT_PORT = 5780

interface ServeOptions {
  port: number
  data?: string
  threshold?: number
  cooldown?: number
  confirmFrames?: number
  kioskId?: string
  keyFile?: string
  api?: boolean
  apiPort: number
  apiHost: string
  tlsCert?: string
  tlsKey?: string
  apiRate?: number
  database?: string
  syncServer?: string
  kioskKeyFile?: string
}

async function main(argv: string[]): Promise<void> {
  const program = new Command('clockface-serve')
    .description('Serve Clockface in a browser at http://127.0.0.1:<port>/ (this computer only).')
    .option('--port <port>', 'TCP port on 127.0.0.1 (0 picks a free one)', port, DEFAULT_PORT)
    .option('--data <dir>', `data folder (default: ${defaultDataDir()})`)
    .option('--threshold <distance>', `Euclidean distance under which a face matches (default ${DEFAULT_THRESHOLD})`, positiveNumber)
    .option('--cooldown <seconds>', `seconds during which a second punch of the same person is ignored (default ${DEFAULT_COOLDOWN_MS / 1000})`, nonNegativeNumber)
    .option('--database <url>', 'server mode: keep the data in PostgreSQL (postgres://user:password@host:port/database; or CLOCKFACE_DATABASE_URL) instead of the data folder')
    .option('--sync-server <url>', 'offline-first kiosk: sync with the Clockface server at this address (punches pushed, staff and faces pulled)')
    .option('--kiosk-key-file <file>', 'file holding the kiosk key an admin issued on the server (or CLOCKFACE_KIOSK_KEY)')
    .option('--kiosk-id <id>', 'kiosk id of punches made by an admin without a kiosk registration (default: host name)')
    .option('--key-file <file>', 'key of the encrypted data files (default: <data>.key next to the data folder, or the passphrase in CLOCKFACE_DATA_PASSPHRASE)')
    .option('--confirm-frames <n>', `frames that must agree on a person before the kiosk punches (default ${DEFAULT_CONFIRM_FRAMES})`, positiveInteger)
    .option('--api', 'also serve the integration REST API (/api/v1, API keys) on its own port')
    .option('--api-port <port>', 'TCP port of the REST API (0 picks a free one)', port, DEFAULT_API_PORT)
    .option('--api-host <address>', 'address of the REST API; anything but loopback needs --tls-cert and --tls-key', DEFAULT_API_HOST)
    .option('--tls-cert <file>', 'PEM certificate (chain) of the REST API: it then speaks HTTPS')
    .option('--tls-key <file>', 'PEM private key of --tls-cert')
    .option('--api-rate <n>', `requests per minute per API key (default ${DEFAULT_RATE_LIMIT.max})`, positiveInteger)
    .parse(argv)
  const opts = program.opts<ServeOptions>()
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) program.error('--tls-cert and --tls-key go together')

  const logger = pino({ name: 'clockface' })
  const config: Partial<ServiceConfig> = {
    warn: (message, details) => logger.warn(details ?? {}, message),
    ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
    ...(opts.cooldown === undefined ? {} : { cooldownMs: opts.cooldown * 1000 }),
    ...(opts.confirmFrames === undefined ? {} : { confirmFrames: opts.confirmFrames }),
    ...(opts.kioskId === undefined ? {} : { kioskId: opts.kioskId })
  }
  const dataDir = resolve(opts.data ?? defaultDataDir())
  // Whoever reaches the port first must not be able to claim the owner account: at first run
  // the set-up screen asks for this code, which only the person who started the server sees.
  const setupCode = randomInt(0, 1e8).toString().padStart(8, '0')
  const databaseUrl = opts.database ?? process.env['CLOCKFACE_DATABASE_URL']
  if (databaseUrl !== undefined && (opts.syncServer ?? process.env['CLOCKFACE_SYNC_SERVER']) !== undefined) program.error('--database (server mode) and --sync-server (a kiosk of a server) exclude each other')
  // The flags win over the environment the desktop app reads (sync-env.ts); the key is never a flag of its own, since other users can read the process list.
  const sync = kioskSyncFromEnv({
    ...process.env,
    ...(opts.syncServer === undefined ? {} : { CLOCKFACE_SYNC_SERVER: opts.syncServer }),
    ...(opts.kioskKeyFile === undefined ? {} : { CLOCKFACE_KIOSK_KEY_FILE: opts.kioskKeyFile })
  })
  const core =
    databaseUrl === undefined
      ? await startClockface({ dataDir, config, setupCode, channel: 'browser', dataKey: cliDataKey(dataDir, opts, true), ...(sync ? { sync } : {}) })
      : await startServerCore({ databaseUrl, dataDir, config, setupCode, channel: 'browser' })
  const unsubscribe = core.engine.onStatus((status) => {
    if (status.state === 'ready') logger.info({ backend: status.backend }, 'recognition engine ready')
    if (status.state === 'error') logger.error({ error: status.error }, 'recognition engine failed')
    if (status.state === 'loading' && status.restarts) logger.warn({ restarts: status.restarts, reason: status.error }, 'recognition engine restarting')
  })

  // The build puts this file in out/main/ and the renderer next to it in out/renderer/.
  const rendererDir = join(__dirname, '..', 'renderer')
  if (!existsSync(join(rendererDir, 'index.html'))) logger.warn({ rendererDir }, 'renderer not built: serving the API only')
  const server = await createHttpServer({ dispatch: core.dispatch, auth: core.auth, rendererDir, logger })

  let api: RestApiHandle | undefined
  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) {
      process.exit(1) // second Ctrl-C: give up waiting
    }
    stopping = true
    logger.info({ signal }, 'shutting down')
    unsubscribe()
    try {
      await Promise.all([server.close(), api?.stop()])
    } finally {
      await core.close()
    }
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))

  try {
    const { url } = await server.listen(opts.port)
    console.log(`Clockface is running at ${url}  (data: ${databaseUrl === undefined ? dataDir : redactUrl(databaseUrl)}; Ctrl-C to stop)`)
    if (await core.auth.setupRequired()) {
      console.log(`First run: open ${url}#/admin to create the owner account; the set-up code is ${setupCode}`)
    }
    if (opts.api) {
      api = await startRestApi(core, {
        host: opts.apiHost,
        port: opts.apiPort,
        ...(opts.tlsCert && opts.tlsKey ? { tls: { cert: opts.tlsCert, key: opts.tlsKey } } : {}),
        ...(opts.apiRate === undefined ? {} : { ratePerMinute: opts.apiRate }),
        logger
      })
      console.log(`Integration API (REST) at ${api.url}  (docs: ${api.docsUrl}; errors also in ${api.errorLog})`)
    }
  } catch (error) {
    await server.close().catch(() => undefined)
    await core.close()
    throw error
  }
}

main(process.argv).catch((error: unknown) => {
  const message =
    error instanceof ClockfaceError || error instanceof RangeError
      ? error.message
      : (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `${(error as Error).message}: the port is taken; pick another with --port (or --api-port)`
        : String(error instanceof Error ? (error.stack ?? error.message) : error)
  console.error(`clockface serve: ${message}`)
  process.exit(1)
})
