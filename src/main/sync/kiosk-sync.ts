/**
 * A syncing kiosk's loop: push the outbox (oldest first, in batches), then pull the server's
 * changes after the saved cursor and apply them to the local cache and the in-memory
 * gallery. Runs every `intervalMs` while the server answers, with growing delays while it
 * does not; the kiosk keeps punching from its cache either way.
 */
import { MAX_PUSH_BATCH, type SyncPull, type SyncPunch, type SyncVerdict } from '../../shared/sync-models'
import { modelOf, RECOGNITION_MODEL_ID } from '../services/decision/recognition-model'
import type { Gallery } from '../services/gallery'
import type { SettingsService } from '../services/privacy/settings'
import type { KioskCacheRepository } from '../store/repositories/kiosk-cache-repository'
import type { SettingsRepository } from '../store/repositories/settings-repository'
import type { AttendanceDoc } from '../store/store-types'
import { retryDelay } from './retry-delay'
import { SyncError, type SyncTransport } from './sync-transport'

/** Default pause between syncs while the server answers, in ms. */
export const DEFAULT_SYNC_INTERVAL_MS = 5_000

/** How long a punch waits for the server's verdict before the kiosk answers with its own decision, in ms. */
export const PUSH_NOW_TIMEOUT_MS = 1_500

/** What the loop works on. */
export interface KioskSyncOptions {
  transport: SyncTransport
  cache: KioskCacheRepository
  gallery: Pick<Gallery, 'add' | 'removeTemplate' | 'removeEmployee'>
  settingsRepo: Pick<SettingsRepository, 'save'>
  settings: Pick<SettingsService, 'reload'>
  /** This kiosk's Clockface version, shown in the admin's kiosks list. */
  version: string
  intervalMs?: number
  /** Where failures are reported (each change between online and offline once). */
  warn(message: string, details?: Record<string, unknown>): void
}

/** The result of one sync round. */
export interface SyncReport {
  pushed: number
  duplicates: number
  pulledEmployees: number
  pulledTemplates: number
  removed: number
}

/** The state shown to whoever runs the kiosk. */
export interface KioskSyncState {
  online: boolean
  /** Set once the server refused the key (revoked): the loop stops trying. */
  refused: string | null
  lastSyncAt: string | null
  lastError: string | null
}

/** A running sync loop. */
export interface KioskSync {
  /** One round now (waits for a round in progress first). Rejects with SyncError. */
  syncNow(): Promise<SyncReport>
  /** Offers one just-recorded punch to the server; resolves to it with the server's verdict applied, or null (offline, slow, refused: it stays in the outbox). */
  pushNow(doc: AttendanceDoc): Promise<AttendanceDoc | null>
  /** Starts the timed loop (the first round at once). */
  start(): void
  /** Stops the loop and waits for a round in progress. */
  stop(): Promise<void>
  state(): KioskSyncState
}

/** The wire shape of a punch in the outbox. */
export function toSyncPunch(doc: AttendanceDoc): SyncPunch {
  return {
    id: doc._id,
    employeeId: doc.employeeId,
    employeeCode: doc.employeeCode,
    employeeName: doc.employeeName,
    ...(doc.department === undefined ? {} : { department: doc.department }),
    type: doc.type,
    // The kiosk's automatic rule made every type the kiosk recorded; the server re-decides them.
    typeChosen: false,
    time: doc.time,
    distance: doc.distance,
    source: doc.source ?? 'face',
    timeZone: doc.timeZone ?? 'UTC'
  }
}

/** Creates the loop (not started). */
export function createKioskSync(options: KioskSyncOptions): KioskSync {
  const { transport, cache, gallery, intervalMs = DEFAULT_SYNC_INTERVAL_MS } = options
  const state: KioskSyncState = { online: false, refused: null, lastSyncAt: null, lastError: null }
  let running: Promise<unknown> = Promise.resolve()
  let timer: NodeJS.Timeout | undefined
  let stopped = true
  let failures = 0

  const acknowledge = async (verdicts: SyncVerdict[]) => {
    for (const verdict of verdicts) await cache.acknowledge(verdict)
  }

  async function applyPage(page: SyncPull): Promise<void> {
    for (const { id, ...doc } of page.employees) await cache.putEmployee({ _id: id, ...doc })
    for (const { id, ...doc } of page.templates) {
      await cache.putTemplate({ _id: id, ...doc })
      if (modelOf(doc) === RECOGNITION_MODEL_ID) await gallery.add({ id, employeeId: doc.employeeId, descriptor: doc.descriptor })
    }
    for (const { collection, id } of page.removed) {
      if (collection === 'employees') {
        await cache.removeEmployee(id)
        await gallery.removeEmployee(id)
      } else {
        await cache.removeTemplate(id)
        await gallery.removeTemplate(id)
      }
    }
    if (page.settings) {
      await options.settingsRepo.save(page.settings)
      await options.settings.reload()
    }
  }

  async function round(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, duplicates: 0, pulledEmployees: 0, pulledTemplates: 0, removed: 0 }
    for (;;) {
      const batch = await cache.pending(MAX_PUSH_BATCH)
      if (batch.length === 0) break
      const { verdicts } = await transport.push({ punches: batch.map(toSyncPunch), outbox: await cache.pendingCount(), version: options.version })
      await acknowledge(verdicts)
      report.pushed += verdicts.length
      report.duplicates += verdicts.filter((v) => v.status === 'duplicate').length
    }
    let cursor = await cache.cursor()
    for (;;) {
      const page = await transport.pull({ after: cursor, limit: 1000 })
      await applyPage(page)
      // Saved after the page is applied: a kiosk killed part way pulls the same page again, and applying it twice changes nothing.
      await cache.saveCursor(page.cursor)
      cursor = page.cursor
      report.pulledEmployees += page.employees.length
      report.pulledTemplates += page.templates.length
      report.removed += page.removed.length
      if (!page.more) break
    }
    if (report.pushed === 0) await transport.push({ punches: [], outbox: 0, version: options.version })
    return report
  }

  function syncNow(): Promise<SyncReport> {
    const result = running.then(round, round)
    running = result.catch(() => undefined)
    return result.then(
      (report) => {
        if (!state.online) options.warn('sync: the server answers', {})
        Object.assign(state, { online: true, lastSyncAt: new Date().toISOString(), lastError: null })
        failures = 0
        return report
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error)
        if (state.online || state.lastError === null) options.warn('sync failed; punches stay in the outbox', { reason: message })
        Object.assign(state, { online: false, lastError: message })
        if (error instanceof SyncError && error.kind === 'refused') state.refused = message
        failures++
        throw error
      }
    )
  }

  function schedule(delay: number): void {
    if (stopped) return
    timer = setTimeout(() => {
      syncNow().then(
        () => schedule(intervalMs),
        () => (state.refused === null ? schedule(retryDelay(failures)) : undefined)
      )
    }, delay)
    timer.unref?.()
  }

  return {
    syncNow,
    async pushNow(doc) {
      if (state.refused !== null) return null
      try {
        const { verdicts } = await Promise.race([
          transport.push({ punches: [toSyncPunch(doc)], outbox: await cache.pendingCount(), version: options.version }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new SyncError('offline', 'the server did not answer in time')), PUSH_NOW_TIMEOUT_MS).unref?.())
        ])
        const [verdict] = verdicts
        return verdict ? await cache.acknowledge(verdict) : null
      } catch {
        // Offline or slow: the punch is in the outbox and the loop pushes it later.
        return null
      }
    },
    start() {
      if (!stopped) return
      stopped = false
      schedule(0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
    state: () => ({ ...state })
  }
}
