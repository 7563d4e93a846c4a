/**
 * The Clockface core every front end starts: the store, the engine thread, the services over
 * them and the one dispatch function with its middleware. The Electron shell, browser mode
 * (server.ts) and the CLI differ only in how they build each call's context and expose dispatch.
 */
import { userInfo } from 'node:os'
import type { AdminPrincipal, AuditChannel } from '../shared/models'
import { authorize } from './dispatch/authorize'
import { createCallContext, type CallContext } from './dispatch/call-context'
import { createDispatch, type Dispatch, type Middleware } from './dispatch/dispatch'
import { createEngine } from './engine/create-engine'
import type { EngineOptions, FaceEngine } from './engine/engine-types'
import { createAuditMiddleware } from './services/audit'
import { createAuditLog, type AuditLog } from './services/audit-log'
import { createVisitorService } from './services/api/visitors'
import { createAuthService, type AuthService } from './services/auth/auth-service'
import { createServices, type ShellHooks } from './services/create-services'
import { createRetention, type Retention } from './services/privacy/retention'
import { createAttendanceService } from './services/attendance/attendance-service'
import { createSettingsService, type SettingsService } from './services/privacy/settings'
import { resolveServiceConfig, type ServiceConfig } from './services/service-config'
import { createDataHealthHandlers, type DataHealthHandlers } from './services/data-health'
import { defaultBackupDir, scheduleDailyBackups } from './store/backup-schedule'
import type { DataKey } from './store/key-provider'
import { openStore } from './store/open-store'
import { createRepositories, type Repositories } from './store/repositories'
import type { ClockfaceStore } from './store/store-types'
import type { Gallery } from './services/gallery'
import type { KioskSync } from './sync/kiosk-sync'
import { prepareKioskSync, type KioskSyncConfig } from './sync/kiosk-sync-wiring'

/** Options of {@link startClockface}. */
export interface ClockfaceOptions {
  /** Data folder (created if missing) holding the NeDB files (see open-store.ts). */
  dataDir: string
  /** Paths and backend of the engine; defaults suit the built app run from the project folder. */
  engineOptions?: EngineOptions
  /** Threshold, cooldown, kiosk id, clock overrides (see service-config.ts). */
  config?: Partial<ServiceConfig>
  /** First-run set-up code browser mode prints (see AuthOptions.setupCode). */
  setupCode?: string
  /** The desktop shell's hooks. */
  shell?: ShellHooks
  /**
   * Key of the encrypted data files (see store/key-provider.ts). Omitted: the folder must not
   * be encrypted yet and stays as it is; the front ends always give one (a key file next to the
   * folder by default, the OS keyring in the desktop app).
   */
  dataKey?: DataKey
  /** Daily backups into `<dataDir>/backups` (default on; the CLI turns them off: it runs for seconds). */
  dailyBackups?: boolean
  /** The front end running this core, stamped on audit entries the core writes by itself (retention); default `app`. */
  channel?: AuditChannel
  /** Sync with a server as an offline-first kiosk (sync/kiosk-sync-wiring.ts); default: a kiosk on its own. */
  sync?: KioskSyncConfig
}

/** A running core. */
export interface ClockfaceCore {
  /**
   * Runs one operation for one caller: audit middleware (outermost, so refusals are recorded
   * too), authorisation against the contract's `access`, validation, the handler, the
   * response schema. Every transport calls it; never throws.
   */
  dispatch: Dispatch
  /** Admin sessions and kiosk registrations, for transports to resolve the caller's tokens. */
  auth: AuthService
  /** The engine thread (status, `onStatus` for logging); the handlers already use it. */
  engine: FaceEngine
  /** The opened data folder; the handlers already use it. */
  store: ClockfaceStore
  /** Named queries over the store. */
  repos: Repositories
  /** The audit log (retention runs at start). */
  auditLog: AuditLog
  /** The resolved service settings (threshold, cooldown, kiosk id, clock). */
  config: ServiceConfig
  /** The owner's settings (retention, idle minutes), loaded at start. */
  settings: SettingsService
  /** Punch and audit retention: runs at start and daily; `apply()` runs it now. */
  retention: Retention
  /** The sync loop of a kiosk started with `sync` (running); absent otherwise. */
  sync?: KioskSync
  /** Stops the engine thread and closes (compacts, unlocks) the store. Safe to call twice. */
  close(): Promise<void>
}

/**
 * The command line's principal: whoever runs it can read the data folder and its key, so
 * they are the local owner; the audit log names their OS user.
 */
export function localOperator(): AdminPrincipal {
  let user = 'unknown'
  try {
    user = userInfo().username
  } catch {
    // No passwd entry (some containers): the log still says it was the command line.
  }
  return { kind: 'local', accountId: null, username: `local:${user}`, role: 'owner' }
}

/** A context for one CLI call: channel `cli`, the local operator as admin. */
export function cliContext(): CallContext {
  return createCallContext({ channel: 'cli', admin: localOperator() })
}

/** What {@link assembleCore} wires together: an opened store, an engine, resolved settings. */
export interface CoreParts {
  /** The opened data folder; may be left out when `repos` and `dataHealth` are given. */
  store?: ClockfaceStore
  /** Repositories over another store (server mode's PostgreSQL, server-core.ts); default: over `store`. */
  repos?: Repositories
  /** The data-health operations of that other store; default: over `store`. */
  dataHealth?: DataHealthHandlers
  /** The employees' gallery (a syncing kiosk's, see sync/kiosk-sync-wiring.ts); default: over `repos.templates`. */
  gallery?: Gallery
  engine: FaceEngine
  config: ServiceConfig
  setupCode?: string
  shell?: ShellHooks
  channel?: AuditChannel
  /** Middleware after authorisation (a syncing kiosk's staff operations carried out by its server); default none. */
  middleware?: readonly Middleware[]
}

/**
 * Wires repositories, auth, services, the audit log and the dispatch function with its
 * middleware over an opened store and an engine; starts nothing. {@link startClockface} is
 * the one caller in the app; tests call it with a store of their own and a stand-in engine
 * to check the wiring (authorisation, audit) without loading models.
 */
export function assembleCore(parts: CoreParts): Pick<ClockfaceCore, 'dispatch' | 'auth' | 'repos' | 'auditLog' | 'settings' | 'retention'> {
  const { store, engine, config } = parts
  if (store === undefined && (parts.repos === undefined || parts.dataHealth === undefined)) throw new RangeError('assembleCore needs a store, or repositories and data-health handlers')
  const repos = parts.repos ?? createRepositories(store as ClockfaceStore)
  const auditLog = createAuditLog(repos.audit, config)
  const settings = createSettingsService(repos.settings, config)
  const idleMinutes = () => settings.current().idleMinutes
  const auth = createAuthService({ repos, config, idleMinutes, language: () => settings.current().language, ...(parts.setupCode === undefined ? {} : { setupCode: parts.setupCode }) })
  const visitors = createVisitorService({ visitors: repos.visitors, config })
  const attendance = createAttendanceService(repos.attendance, config, { autoCloseHours: () => settings.current().autoCloseHours })
  const handlers = createServices({ repos, engine, auth, config, auditLog, settings, visitors, attendance, dataHealth: parts.dataHealth ?? createDataHealthHandlers(store as ClockfaceStore, { now: config.now }), ...(parts.shell ? { shell: parts.shell } : {}), ...(parts.gallery ? { gallery: parts.gallery } : {}) })
  const dispatch = createDispatch(handlers, [createAuditMiddleware(auditLog, { repos, warn: config.warn, kioskId: config.kioskId }), authorize, ...(parts.middleware ?? [])])
  const retention = createRetention({
    attendance: repos.attendance,
    punchPhotos: repos.punchPhotos,
    closeOpenShifts: () => attendance.closeOpenShifts(),
    auditLog,
    visitors,
    settings: () => settings.current(),
    config,
    channel: parts.channel ?? 'app'
  })
  return { dispatch, auth, repos, auditLog, settings, retention }
}

/**
 * Opens the store, starts the engine (its models load in the background; see
 * `engine.ready()` / `getEngineStatus`), creates the services and the dispatch function with
 * the audit middleware (a failed audit write goes to `config.warn`) and authorisation.
 * Rejects with ClockfaceError `store-error` when the data folder cannot be opened (corrupt
 * file, folder in use by another Clockface process), and with a RangeError for a bad config;
 * the engine is not started in either case.
 */
export async function startClockface(options: ClockfaceOptions): Promise<ClockfaceCore> {
  const config = resolveServiceConfig(options.config)
  const store = await openStore(options.dataDir, options.dataKey ? { key: options.dataKey } : {})
  const engine = createEngine(options.engineOptions)
  const kiosk = options.sync ? prepareKioskSync(store, options.sync, config.warn) : undefined
  const core = assembleCore({ store, engine, config, ...(kiosk ? { repos: kiosk.repos, gallery: kiosk.gallery, middleware: kiosk.middleware } : {}), ...(options.setupCode === undefined ? {} : { setupCode: options.setupCode }), ...(options.shell ? { shell: options.shell } : {}), ...(options.channel ? { channel: options.channel } : {}) })
  await core.settings.load().catch((error: unknown) => config.warn('settings could not be read; the defaults apply', { reason: String(error) }))
  await core.retention.apply().catch((error: unknown) => config.warn('retention failed', { reason: String(error) }))
  core.retention.schedule()
  const stopBackups =
    options.dailyBackups === false
      ? async () => undefined
      : scheduleDailyBackups(store, {
          dir: defaultBackupDir(store.dataDir),
          now: config.now,
          onError: (error) => config.warn('daily backup failed', { reason: error instanceof Error ? error.message : String(error) })
        })
  if (store.health().readOnly) config.warn('data loaded read-only: a data file is damaged', { reason: store.readOnlyReason() })
  const sync = kiosk?.attach(core.settings)
  sync?.start()
  let closing: Promise<void> | undefined
  return {
    ...core,
    engine,
    store,
    config,
    ...(sync ? { sync } : {}),
    close() {
      closing ??= (async () => {
        core.retention.stop()
        try {
          await sync?.stop()
          await stopBackups()
          await engine.close()
        } finally {
          await store.close()
        }
      })()
      return closing
    }
  }
}
