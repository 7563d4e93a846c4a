/**
 * The owner's settings (privacy retention and admin idle time), kept in settings.db so they
 * are encrypted at rest with the rest of the data. Read once at start and cached, so the auth
 * service can ask for the idle minutes on every request without touching the disk.
 */
import { settingsChangesSchema, type ValidatedRequest } from '../../../shared/contract'
import type { SettingChange, Settings } from '../../../shared/models'
import type { CallContext } from '../../dispatch/call-context'
import type { SettingsRepository } from '../../store/repositories/settings-repository'
import { DEFAULT_AUDIT_RETENTION_DAYS } from '../audit-log'
import { DEFAULT_IDLE_MINUTES } from '../auth/admin-sessions'
import type { ServiceConfig } from '../service-config'

/**
 * Default days a snapshot of a suspected presentation attack would be kept, once the kiosk
 * stores them (nothing stores them yet): long enough for an admin to look into an incident
 * reported a few weeks later, short enough not to build an archive of faces.
 */
export const DEFAULT_PUNCH_PHOTO_RETENTION_DAYS = 30

/**
 * Settings in force until an owner changes them. Punches are kept for ever by default:
 * payroll and working-time law usually requires years, and only the owner knows how many.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  punchRetentionDays: 0,
  auditRetentionDays: DEFAULT_AUDIT_RETENTION_DAYS,
  idleMinutes: DEFAULT_IDLE_MINUTES,
  punchPhotoRetentionDays: DEFAULT_PUNCH_PHOTO_RETENTION_DAYS
})

const SETTING_NAMES = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]

/** The settings service. */
export interface SettingsService {
  /**
   * Reads settings.db once (later calls share the read; a failed read is retried by the next
   * call) and resolves to the settings in force: stored values, defaults for missing ones. A
   * stored value out of range (a hand-edited file) is replaced by its default and reported
   * to `config.warn`. Raises `store-error`.
   */
  load(): Promise<Settings>
  /** The settings in force, without waiting: the defaults until {@link load} has finished. */
  current(): Settings
  /** getSettings: the settings in force (loads them first). Raises `store-error`. */
  get(): Promise<Settings>
  /**
   * updateSettings: stores the changed fields with who changed them and when (UTC), and
   * resolves to the settings now in force and the list of fields whose value changed (an
   * update that changes nothing writes nothing). Raises `store-error`, `read-only`.
   */
  update(request: ValidatedRequest<'updateSettings'>, ctx: CallContext): Promise<{ settings: Settings; changed: SettingChange[] }>
}

/** Creates the settings service over the settings repository. */
export function createSettingsService(repo: SettingsRepository, config: Pick<ServiceConfig, 'now' | 'warn'>): SettingsService {
  let cached: Settings = { ...DEFAULT_SETTINGS }
  let loading: Promise<Settings> | undefined
  let queue: Promise<unknown> = Promise.resolve()

  function load(): Promise<Settings> {
    loading ??= (async () => {
      const doc = await repo.get()
      const settings: Settings = { ...DEFAULT_SETTINGS }
      for (const name of SETTING_NAMES) {
        const stored = doc?.[name]
        if (stored === undefined) continue
        if (settingsChangesSchema.shape[name].safeParse(stored).success) settings[name] = stored
        else config.warn('a stored setting is out of range; its default applies', { setting: name, stored, default: DEFAULT_SETTINGS[name] })
      }
      cached = settings
      return settings
    })().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  async function updateNow(request: ValidatedRequest<'updateSettings'>, ctx: CallContext): Promise<{ settings: Settings; changed: SettingChange[] }> {
    const before = await load()
    const next: Settings = { ...before }
    const changed: SettingChange[] = []
    for (const name of SETTING_NAMES) {
      const value = request[name]
      if (value === undefined || value === before[name]) continue
      changed.push({ name, from: before[name], to: value })
      next[name] = value
    }
    if (changed.length === 0) return { settings: before, changed }
    await repo.save({ ...next, updatedAt: config.now().toISOString(), updatedBy: ctx.admin?.username ?? 'unknown' })
    cached = next
    loading = Promise.resolve(next)
    return { settings: { ...next }, changed }
  }

  return {
    load,
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
