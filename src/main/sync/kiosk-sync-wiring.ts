/**
 * Turns an embedded core into a syncing kiosk: the repositories it runs on record punches
 * in the outbox and leave staff and faces to the server, staff changes made by an admin at
 * the kiosk are carried out by the server (forward-staff-edits.ts), the gallery is one the
 * sync loop can update, and the loop itself is created once the core (its settings service) exists.
 */
import { version } from '../../../package.json'
import { createGallery, type Gallery } from '../services/gallery'
import type { SettingsService } from '../services/privacy/settings'
import { createRepositories, type Repositories } from '../store/repositories'
import { createKioskCacheRepository } from '../store/repositories/kiosk-cache-repository'
import type { ClockfaceStore } from '../store/store-types'
import type { Middleware } from '../dispatch/dispatch'
import { createStaffForwarding } from './forward-staff-edits'
import { createKioskSync, type KioskSync } from './kiosk-sync'
import { withOutbox } from './outbox-attendance'
import { serverOwned } from './server-owned-data'
import { createHttpSyncTransport, type SyncTransport } from './sync-transport'

/** Where a kiosk syncs: the server address and the key an admin issued, or a transport of one's own (tests). */
export interface KioskSyncConfig {
  /** The server's address (see HttpSyncOptions.serverUrl); unused when `transport` is given. */
  serverUrl?: string
  /** The kiosk key; unused when `transport` is given. */
  key?: string
  transport?: SyncTransport
  /** Pause between rounds while online, in ms (default DEFAULT_SYNC_INTERVAL_MS). */
  intervalMs?: number
}

/** What a syncing kiosk's core is assembled from, and how its loop is made afterwards. */
export interface KioskSyncParts {
  repos: Repositories
  gallery: Gallery
  /**
   * Dispatch middleware for after authorisation: staff operations sent to the server as the
   * signed-in admin. Empty with a transport of one's own (no server address and key to call).
   */
  middleware: Middleware[]
  /** Creates the loop over the assembled core's settings (not started). */
  attach(settings: Pick<SettingsService, 'reload'>): KioskSync
}

/** Prepares the kiosk side over an opened store. Raises RangeError when neither a transport nor a server address and key are given. */
export function prepareKioskSync(store: ClockfaceStore, config: KioskSyncConfig, warn: (message: string, details?: Record<string, unknown>) => void): KioskSyncParts {
  const transport =
    config.transport ??
    (config.serverUrl && config.key ? createHttpSyncTransport({ serverUrl: config.serverUrl, key: config.key }) : undefined)
  if (transport === undefined) throw new RangeError('A syncing kiosk needs the server address and its kiosk key.')
  const base = createRepositories(store)
  const cache = createKioskCacheRepository(store)
  let sync: KioskSync | undefined
  const repos = {
    ...base,
    ...serverOwned(base, config.serverUrl ?? 'its server'),
    attendance: withOutbox(base.attendance, cache, async (doc) => (sync ? sync.pushNow(doc) : null))
  }
  const gallery = createGallery(base.templates)
  const middleware =
    config.serverUrl && config.key
      ? [createStaffForwarding({ target: { serverUrl: config.serverUrl, kioskKey: config.key }, syncNow: async () => sync?.syncNow(), warn })]
      : []
  return {
    repos,
    gallery,
    middleware,
    attach(settings) {
      sync = createKioskSync({
        transport,
        cache,
        gallery,
        settingsRepo: base.settings,
        settings,
        version,
        ...(config.intervalMs === undefined ? {} : { intervalMs: config.intervalMs }),
        warn
      })
      return sync
    }
  }
}
