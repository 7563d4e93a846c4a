/**
 * The Clockface core every front end starts: the store, the engine thread and the services
 * over them. The Electron shell, browser mode (server.ts) and the CLI differ only in how they
 * expose the handlers.
 */
import type { OperationHandlers } from '../shared/contract'
import { createEngine } from './engine/create-engine'
import type { EngineOptions, FaceEngine } from './engine/engine-types'
import { createServices } from './services/create-services'
import { resolveServiceConfig, type ServiceConfig } from './services/service-config'
import { openStore } from './store/open-store'
import type { ClockfaceStore } from './store/store-types'

/** Options of {@link startClockface}. */
export interface ClockfaceOptions {
  /** Data folder (created if missing) holding employees.db, templates.db, attendance.db. */
  dataDir: string
  /** Paths and backend of the engine; defaults suit the built app run from the project folder. */
  engineOptions?: EngineOptions
  /** Threshold, cooldown, kiosk id, clock overrides (see service-config.ts). */
  config?: Partial<ServiceConfig>
}

/** A running core. */
export interface ClockfaceCore {
  /** One handler per contract operation; transports call them through shared/dispatch.ts. */
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
 * `engine.ready()` / `getEngineStatus`) and creates the services.
 * Rejects with ClockfaceError `store-error` when the data folder cannot be opened (corrupt
 * file, folder in use by another Clockface process), and with a RangeError for a bad config;
 * the engine is not started in either case.
 */
export async function startClockface(options: ClockfaceOptions): Promise<ClockfaceCore> {
  const config = resolveServiceConfig(options.config)
  const store = await openStore(options.dataDir)
  const engine = createEngine(options.engineOptions)
  const handlers = createServices({ store, engine, config })
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
