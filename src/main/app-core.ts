/**
 * The Clockface core every front end starts: the store, the engine thread and the services
 * over them. The Electron shell, browser mode (server.ts) and the CLI differ only in how they
 * expose the handlers.
 */
import type { OperationHandlers } from '../shared/contract'
import type { AuditChannel } from '../shared/models'
import { createEngine } from './engine/create-engine'
import type { EngineOptions, FaceEngine } from './engine/engine-types'
import { withAudit } from './services/audit'
import { createAuditLog } from './services/audit-log'
import { createServices } from './services/create-services'
import { resolveServiceConfig, type ServiceConfig } from './services/service-config'
import { openStore } from './store/open-store'
import type { ClockfaceStore } from './store/store-types'

/** Options of {@link startClockface}. */
export interface ClockfaceOptions {
  /** Data folder (created if missing) holding employees.db, templates.db, attendance.db, audit.db. */
  dataDir: string
  /**
   * Which front end this core serves, recorded with every audit-log entry: `app` (Electron,
   * IPC), `browser` (browser-mode HTTP server) or `cli` (command line). Required, so a new
   * front end cannot be mislabelled by a default.
   */
  channel: AuditChannel
  /** Paths and backend of the engine; defaults suit the built app run from the project folder. */
  engineOptions?: EngineOptions
  /** Threshold, cooldown, kiosk id, clock overrides (see service-config.ts). */
  config?: Partial<ServiceConfig>
}

/** A running core. */
export interface ClockfaceCore {
  /**
   * One handler per contract operation; transports call them through shared/dispatch.ts,
   * which also writes the audit log of admin actions (the handlers carry its hook; see
   * services/audit.ts).
   */
  handlers: OperationHandlers
  /** The engine thread (status, `onStatus` for logging); the handlers already use it. */
  engine: FaceEngine
  /** The opened data folder; the handlers already use it. */
  store: ClockfaceStore
  /** The resolved service settings (threshold, cooldown, kiosk id, clock). */
  config: ServiceConfig
  /** Stops the engine thread and closes (compacts, unlocks) the store. Safe to call twice. */
  close(): Promise<void>
}

/**
 * Opens the store, starts the engine (its models load in the background; see
 * `engine.ready()` / `getEngineStatus`) and creates the services, with the audit log of admin
 * actions on (entries stamped with `options.channel`; a failed audit write goes to
 * `config.warn`).
 * Rejects with ClockfaceError `store-error` when the data folder cannot be opened (corrupt
 * file, folder in use by another Clockface process), and with a RangeError for a bad config;
 * the engine is not started in either case.
 */
export async function startClockface(options: ClockfaceOptions): Promise<ClockfaceCore> {
  const config = resolveServiceConfig(options.config)
  const store = await openStore(options.dataDir)
  const engine = createEngine(options.engineOptions)
  const auditLog = createAuditLog(store, config)
  const handlers = withAudit(createServices({ store, engine, config, auditLog }), auditLog, options.channel, { store, warn: config.warn })
  let closing: Promise<void> | undefined
  return {
    handlers,
    engine,
    store,
    config,
    close() {
      closing ??= (async () => {
        try {
          await engine.close()
        } finally {
          await store.close()
        }
      })()
      return closing
    }
  }
}
