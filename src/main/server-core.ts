/**
 * Server mode's core: the same services, dispatch and middleware as the embedded core
 * (app-core.ts), over PostgreSQL instead of a NeDB data folder. Kiosks sync with it.
 */
import { assembleCore, type ClockfaceCore } from './app-core'
import { createEngine } from './engine/create-engine'
import type { EngineOptions, FaceEngine } from './engine/engine-types'
import { pgDataHealth } from './services/pg-data-health'
import { resolveServiceConfig, type ServiceConfig } from './services/service-config'
import { migrateToLatest, pendingMigrations } from './store/postgres/migrate'
import { openPgDatabase, type PgDb } from './store/postgres/pg-database'
import { createPgRepositories } from './store/postgres/pg-repositories'
import { ClockfaceError } from '../shared/errors'
import type { AuditChannel } from '../shared/models'

/** Options of {@link startServerCore}. */
export interface ServerCoreOptions {
  /** `postgres://user:password@host:port/database` (see pg-database.ts). */
  databaseUrl: string
  /** Folder for what is not data: the REST API's error log. */
  dataDir: string
  engineOptions?: EngineOptions
  /** An engine already made (tests use a stand-in); default: a new engine thread from `engineOptions`. */
  engine?: FaceEngine
  config?: Partial<ServiceConfig>
  setupCode?: string
  channel?: AuditChannel
  /** Apply pending migrations first (default false: a schema behind the code is refused, see below). */
  migrate?: boolean
}

/** A running server-mode core: {@link ClockfaceCore} with the database in place of the data folder. */
export type ServerCore = Omit<ClockfaceCore, 'store'> & {
  db: PgDb
  /** `dataDir` only: there is no NeDB store in server mode. */
  store: { dataDir: string }
}

/**
 * Connects to the database, checks its schema is current (or migrates it when
 * `options.migrate`), starts the engine and assembles the services over the PostgreSQL
 * repositories; settings are loaded and retention scheduled as in startClockface. Raises
 * ClockfaceError `invalid-input` for a malformed URL, `store-error` when the database cannot
 * be reached or its schema is behind (naming the pending migrations and the command that
 * applies them); the engine is not started then.
 */
export async function startServerCore(options: ServerCoreOptions): Promise<ServerCore> {
  const config = resolveServiceConfig(options.config)
  const db = await openPgDatabase(options.databaseUrl)
  try {
    if (options.migrate === true) await migrateToLatest(db)
    const pending = await pendingMigrations(db)
    if (pending.length > 0) {
      throw new ClockfaceError('store-error', `The database schema is behind (pending: ${pending.join(', ')}); run: npm run cli -- migrate --database <url>`)
    }
  } catch (error) {
    await db.destroy()
    throw error
  }
  const engine = options.engine ?? createEngine(options.engineOptions)
  const repos = createPgRepositories(db)
  const core = assembleCore({
    repos,
    dataHealth: pgDataHealth,
    engine,
    config,
    ...(options.setupCode === undefined ? {} : { setupCode: options.setupCode }),
    ...(options.channel ? { channel: options.channel } : {})
  })
  await core.settings.load().catch((error: unknown) => config.warn('settings could not be read; the defaults apply', { reason: String(error) }))
  await core.retention.apply().catch((error: unknown) => config.warn('retention failed', { reason: String(error) }))
  core.retention.schedule()
  let closing: Promise<void> | undefined
  return {
    ...core,
    engine,
    db,
    store: { dataDir: options.dataDir },
    config,
    close() {
      closing ??= (async () => {
        core.retention.stop()
        try {
          await engine.close()
        } finally {
          await db.destroy()
        }
      })()
      return closing
    }
  }
}
