/**
 * One server in server mode (PostgreSQL from postgres-server.ts) behind its real HTTP
 * transport, and syncing kiosks on their own NeDB folders that reach it over HTTP with their
 * kiosk keys. Engines report themselves unavailable: these tests are about data, and kiosks
 * punch through the attendance service (the rule every punch path ends in).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assembleCore, cliContext } from '../../src/main/app-core'
import { startServerCore, type ServerCore } from '../../src/main/server-core'
import { createAttendanceService, type AttendanceService } from '../../src/main/services/attendance/attendance-service'
import { resolveServiceConfig, type ServiceConfig } from '../../src/main/services/service-config'
import { openStore } from '../../src/main/store/open-store'
import { createKioskCacheRepository, type KioskCacheRepository } from '../../src/main/store/repositories/kiosk-cache-repository'
import type { ClockfaceStore } from '../../src/main/store/store-types'
import type { Repositories } from '../../src/main/store/repositories'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import type { Gallery } from '../../src/main/services/gallery'
import type { KioskSync } from '../../src/main/sync/kiosk-sync'
import { prepareKioskSync } from '../../src/main/sync/kiosk-sync-wiring'
import { createHttpSyncTransport, type SyncTransport } from '../../src/main/sync/sync-transport'
import { createHttpServer, type HttpServer } from '../../src/main/transport/http-server'
import { startTempPostgres, type TempPostgres } from './postgres-server'
import { unavailableEngine } from './unit-core'

/** The server: its core, its HTTP transport (stoppable and restartable on the same port). */
export interface SyncServer {
  core: ServerCore
  pg: TempPostgres
  url: string
  /** Stops the HTTP transport: kiosks get no answer, as when the network is cut. */
  cut(): Promise<void>
  /** Serves again on the same port. */
  restore(): Promise<void>
  stop(): Promise<void>
}

/** Starts PostgreSQL, a migrated server core with `config` (and `engine`, default one reporting itself unavailable), and its HTTP transport on a free port. */
export async function startSyncServer(config: Partial<ServiceConfig>, engine: FaceEngine = unavailableEngine()): Promise<SyncServer> {
  const pg = await startTempPostgres()
  const dataDir = mkdtempSync(join(tmpdir(), 'clockface-sync-server-'))
  const databaseUrl = await pg.createDatabase('clockface')
  const core = await startServerCore({ databaseUrl, dataDir, engine, migrate: true, config: { kioskId: 'server', ...config } })
  let http: HttpServer | undefined = await createHttpServer({ dispatch: core.dispatch, auth: core.auth })
  const { port } = await http.listen(0)
  const server: SyncServer = {
    core,
    pg,
    url: `http://127.0.0.1:${port}`,
    async cut() {
      await http?.close()
      http = undefined
    },
    async restore() {
      http = await createHttpServer({ dispatch: core.dispatch, auth: core.auth })
      await http.listen(port)
    },
    async stop() {
      await http?.close()
      await core.close()
      pg.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  return server
}

/** Issues a kiosk key on the server as its local owner. */
export async function issueKey(server: SyncServer, kioskId: string): Promise<{ key: string; id: string }> {
  const result = await server.core.dispatch('issueKioskKey', { kioskId }, cliContext())
  if (!result.ok) throw new Error(result.error.message)
  return { key: result.value.key, id: result.value.kiosk.id }
}

/** A syncing kiosk instance (its loop not started: tests run rounds with `sync.syncNow()`). */
export interface TestKiosk {
  kioskId: string
  dir: string
  store: ClockfaceStore
  repos: Repositories
  gallery: Gallery
  cache: KioskCacheRepository
  sync: KioskSync
  attendance: AttendanceService
  /** The kiosk core's dispatch (its own operations, as its screen calls them). */
  dispatch: ReturnType<typeof assembleCore>['dispatch']
  /** Punches an employee (by code, from the kiosk's cache) at this kiosk now. */
  punch(code: string): ReturnType<AttendanceService['punch']>
  /** Closes the store (as a stopped or killed process leaves it: every acknowledged write is on disk). */
  close(): Promise<void>
}

/** Opens (or reopens, given `dir`) a kiosk syncing with `server` through `transport` (default: HTTP with `key`). */
export async function openKiosk(
  server: SyncServer,
  kioskId: string,
  key: string,
  config: Partial<ServiceConfig>,
  options: { dir?: string; transport?: (http: SyncTransport) => SyncTransport } = {}
): Promise<TestKiosk> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), `clockface-kiosk-${kioskId}-`))
  const store = await openStore(dir, { fsync: false })
  const http = createHttpSyncTransport({ serverUrl: server.url, key, timeoutMs: 30_000 })
  const resolved = resolveServiceConfig({ kioskId, ...config })
  const parts = prepareKioskSync(store, { transport: options.transport ? options.transport(http) : http }, () => undefined)
  const core = assembleCore({ store, engine: unavailableEngine(), config: resolved, repos: parts.repos, gallery: parts.gallery })
  await core.settings.load()
  const sync = parts.attach(core.settings)
  const attendance = createAttendanceService(parts.repos.attendance, resolved)
  return {
    kioskId,
    dir,
    store,
    repos: parts.repos,
    gallery: parts.gallery,
    cache: createKioskCacheRepository(store),
    sync,
    attendance,
    dispatch: core.dispatch,
    async punch(code) {
      const employee = await parts.repos.employees.byCode(code)
      if (!employee) throw new Error(`${kioskId} has no employee ${code} in its cache`)
      return attendance.punch({ employeeId: employee._id, code: employee.code, name: employee.name, distance: 0.4 }, { kioskId, timeZone: 'UTC' })
    },
    async close() {
      await sync.stop()
      await store.close()
    }
  }
}
