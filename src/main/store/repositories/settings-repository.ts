import type { ClockfaceStore, SettingsDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** `_id` of the one settings document. */
export const SETTINGS_DOC_ID = 'settings'

/**
 * Named queries on `settings.db`, which holds one document (id {@link SETTINGS_DOC_ID}).
 * Every method raises `store-error`; writes also `read-only`.
 */
export interface SettingsRepository {
  /** The stored settings document, or null before the first change. */
  get(): Promise<SettingsDoc | null>
  /** Creates or updates the settings document with `set`; resolves to it as stored. */
  save(set: Omit<SettingsDoc, '_id'>): Promise<SettingsDoc>
}

/** Creates the settings repository over the store. */
export function createSettingsRepository(store: Pick<ClockfaceStore, 'settings' | 'readOnlyReason'>): SettingsRepository {
  const db = store.settings
  return {
    get: () => storeOp('read the settings', () => db.findOne({ _id: SETTINGS_DOC_ID })),
    save: (set) =>
      storeWrite(store, 'save the settings', () =>
        db.update({ _id: SETTINGS_DOC_ID }, { $set: set }, { upsert: true, returnUpdatedDocs: true })
      ) as Promise<SettingsDoc>
  }
}
