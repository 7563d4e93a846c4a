/**
 * The owner's settings (privacy retention, admin idle time, face analysis, the integration
 * REST API), kept in settings.db so they are encrypted at rest with the rest of the data. Read
 * once at start and cached, so the auth service can ask for the idle minutes on every request
 * without touching the disk.
 */
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { isLoopbackHost } from '../../../shared/api-host'
import { settingsChangesSchema, type ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { SettingChange, Settings } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { SettingsRepository } from '../../store/repositories/settings-repository'
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../audit-log'
import { DEFAULT_IDLE_MINUTES } from '../auth/admin-sessions'
import { AMBIGUITY_MARGIN, DEFAULT_TARGET_FPIR, type ServiceConfig } from '../service-config'

/**
 * Default days a snapshot of a suspected presentation attack would be kept, once the kiosk
 * stores them (nothing stores them yet): long enough for an admin to look into an incident
 * reported a few weeks later, short enough not to build an archive of faces.
 */
export const DEFAULT_PUNCH_PHOTO_RETENTION_DAYS = 30

/**
 * Default days a visitor (an unknown face registered through the API) is kept after it was
 * last seen: long enough to recognise a contractor who comes back within a month, short enough
 * that the faces of one-off visitors do not pile up.
 */
export const DEFAULT_VISITOR_RETENTION_DAYS = 30

/** Default address of the integration REST API: this machine only (IPv4 loopback). */
export const DEFAULT_API_HOST = '127.0.0.1'

/** Default TCP port of the integration REST API: the one after browser mode's 5780. */
export const DEFAULT_API_PORT = 5781

/**
 * Default requests per minute one API key may make: two a second on average, far above what a
 * door controller or HR system needs (a punch or a login per person passing), low enough that a
 * leaked key cannot run thousands of identifications a minute against the gallery.
 */
export const DEFAULT_API_RATE_PER_MINUTE = 120

/**
 * Default hours after a check-in at which an open shift is closed by the system and flagged
 * for review: longer than any ordinary shift (a double 8-hour shift), shorter than a day, so
 * a forgotten check-out is caught before the person's next shift starts.
 */
export const DEFAULT_AUTO_CLOSE_HOURS = 16

/**
 * Settings in force until an owner changes them. Punches are kept for ever by default:
 * payroll and working-time law usually requires years, and only the owner knows how many.
 * Face analysis and the REST API are off until an owner turns them on.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  punchRetentionDays: 0,
  auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
  idleMinutes: DEFAULT_IDLE_MINUTES,
  punchPhotoRetentionDays: DEFAULT_PUNCH_PHOTO_RETENTION_DAYS,
  visitorRetentionDays: DEFAULT_VISITOR_RETENTION_DAYS,
  analyseEnabled: false,
  apiEnabled: false,
  apiHost: DEFAULT_API_HOST,
  apiPort: DEFAULT_API_PORT,
  apiTlsCert: null,
  apiTlsKey: null,
  apiRatePerMinute: DEFAULT_API_RATE_PER_MINUTE,
  autoCloseHours: DEFAULT_AUTO_CLOSE_HOURS,
  punchPhotos: false,
  language: 'en',
  matchThreshold: null,
  targetFpir: DEFAULT_TARGET_FPIR,
  ambiguityMargin: AMBIGUITY_MARGIN
})

const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]

/** A settings object whose fields are assigned by name (the field types differ). */
type SettingsByName = Record<keyof Settings, Settings[keyof Settings]>

/**
 * Why `settings` may not be in force together, or null: an API host other than a loopback
 * address (reachable from the network) needs both TLS files, so API keys and faces never
 * cross the network in clear text.
 */
export function apiTlsProblem(settings: Pick<Settings, 'apiHost' | 'apiTlsCert' | 'apiTlsKey'>): string | null {
  if (isLoopbackHost(settings.apiHost)) return null
  if (settings.apiTlsCert !== null && settings.apiTlsKey !== null) return null
  return `apiHost ${settings.apiHost} is reachable from other machines, so the API must use TLS: set both apiTlsCert and apiTlsKey (the paths of the PEM certificate and private key) first, or use 127.0.0.1`
}

/** Raises `invalid-input` unless `path` is a readable file (a TLS setting about to be saved). */
async function assertReadableFile(name: string, path: string): Promise<void> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file')
    await access(path, constants.R_OK)
  } catch {
    throw new ClockfaceError('invalid-input', `${name}: there is no readable file at ${path}.`, { setting: name, path })
  }
}

/** The settings service. */
export interface SettingsService {
  /**
   * Reads settings.db once (later calls share the read; a failed read is retried by the next
   * call) and resolves to the settings in force: stored values, defaults for missing ones. A
   * stored value out of range (a hand-edited file) is replaced by its default and reported
   * to `config.warn`. Raises `store-error`.
   */
  load(): Promise<Settings>
  /** Reads settings.db again (a syncing kiosk stored the server's settings); resolves as {@link load}. Raises `store-error`. */
  reload(): Promise<Settings>
  /** The settings in force, without waiting: the defaults until {@link load} has finished. */
  current(): Settings
  /** getSettings: the settings in force (loads them first). Raises `store-error`. */
  get(): Promise<Settings>
  /**
   * updateSettings: stores the changed fields with who changed them and when (UTC), and
   * resolves to the settings now in force and the list of fields whose value changed (an
   * update that changes nothing writes nothing). Raises `invalid-input` when a TLS path set
   * is not a readable file, or when the API host would be reachable from the network without
   * both TLS files (see {@link apiTlsProblem}); also `store-error`, `read-only`.
   */
  update(request: ValidatedRequest<'updateSettings'>, ctx: CallContext): Promise<{ settings: Settings; changed: SettingChange[] }>
}

/** Creates the settings service over the settings repository. */
export function createSettingsService(repo: Pick<SettingsRepository, 'get' | 'save'>, config: Pick<ServiceConfig, 'now' | 'warn'>): SettingsService {
  let cached: Settings = { ...DEFAULT_SETTINGS }
  let loading: Promise<Settings> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  function load(): Promise<Settings> {
    loading ??= (async () => {
      const doc = await repo.get()
      const settings: SettingsByName = { ...DEFAULT_SETTINGS }
      for (const name of SETTING_NAMES) {
        const stored = doc?.[name]
        if (stored === undefined) continue
        if (settingsChangesSchema.shape[name].safeParse(stored).success) settings[name] = stored
        else config.warn('a stored setting is out of range; its default applies', { setting: name, stored, default: DEFAULT_SETTINGS[name] })
      }
      const loaded = settings as Settings
      const problem = apiTlsProblem(loaded)
      if (problem !== null) {
        config.warn('the stored API host needs TLS files that are not set; the default host applies', { stored: loaded.apiHost, default: DEFAULT_API_HOST })
        loaded.apiHost = DEFAULT_API_HOST
      }
      cached = loaded
      return loaded
    })().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  async function updateNow(request: ValidatedRequest<'updateSettings'>, ctx: CallContext): Promise<{ settings: Settings; changed: SettingChange[] }> {
    const before = await load()
    const merged: SettingsByName = { ...before }
    const changed: SettingChange[] = []
    for (const name of SETTING_NAMES) {
      const value = request[name]
      if (value === undefined || value === before[name]) continue
      changed.push({ name, from: before[name], to: value })
      merged[name] = value
    }
    if (changed.length === 0) return { settings: before, changed }
    const next = merged as Settings
    for (const name of ['apiTlsCert', 'apiTlsKey'] as const) {
      const path = request[name]
      if (typeof path === 'string' && path !== before[name]) await assertReadableFile(name, path)
    }
    const problem = apiTlsProblem(next)
    if (problem !== null) throw new ClockfaceError('invalid-input', `${problem}.`, { setting: 'apiHost' })
    await repo.save({ ...next, updatedAt: config.now().toISOString(), updatedBy: actorOf(ctx) })
    cached = next
    loading = Promise.resolve(next)
    return { settings: { ...next }, changed }
  }

  return {
    load,
    reload() {
      loading = undefined
      return load()
    },
    current: () => ({ ...cached }),
    get: async () => ({ ...(await load()) }),
    update(request, ctx) {
      // One at a time, so two owners saving at once each see the other's change as "before".
      const result = queue.then(() => updateNow(request, ctx))
      queue = result.catch(() => undefined)
      return result
    }
  }
}
