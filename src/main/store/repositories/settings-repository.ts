import type { ClockfaceStore, Collection, NewDoc, SettingsDoc, SigningKeyDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** `_id` of the one settings document. */
export const SETTINGS_DOC_ID = 'settings'

/** `_id` of the face-login signing key document (see {@link SigningKeyDoc}). */
export const SIGNING_KEY_DOC_ID = 'face-login-key'

/**
 * Named queries on `settings.db`, which holds the settings document (id
 * {@link SETTINGS_DOC_ID}) and the face-login signing key (id {@link SIGNING_KEY_DOC_ID}), so
 * both are encrypted at rest. Every method raises `store-error`; writes also `read-only`.
 */
export interface SettingsRepository {
  /** The stored settings document, or null before the first change. */
  get(): Promise<SettingsDoc | null>
  /** Creates or updates the settings document with `set`; resolves to it as stored. */
  save(set: Omit<SettingsDoc, '_id'>): Promise<SettingsDoc>
  /** The face-login signing key, or null before the first face login. */
  signingKey(): Promise<SigningKeyDoc | null>
  /** Stores the face-login signing key, replacing any earlier one; resolves to it as stored. */
  saveSigningKey(key: NewDoc<SigningKeyDoc>): Promise<SigningKeyDoc>
}

/** Creates the settings repository over the store. */
export function createSettingsRepository(store: Pick<ClockfaceStore, 'settings' | 'readOnlyReason'>): SettingsRepository {
  const db = store.settings
  // The same file holds a second kind of document.
  const keys = store.settings as unknown as Collection<SigningKeyDoc>
  return {
    get: () => storeOp('read the settings', () => db.findOne({ _id: SETTINGS_DOC_ID })),
    save: (set) =>
      storeWrite(store, 'save the settings', () =>
        db.update({ _id: SETTINGS_DOC_ID }, { $set: set }, { upsert: true, returnUpdatedDocs: true })
      ) as Promise<SettingsDoc>,
    signingKey: () => storeOp('read the face-login signing key', () => keys.findOne({ _id: SIGNING_KEY_DOC_ID })),
    saveSigningKey: (key) =>
      storeWrite(store, 'save the face-login signing key', () =>
        keys.update({ _id: SIGNING_KEY_DOC_ID }, { $set: key }, { upsert: true, returnUpdatedDocs: true })
      ) as Promise<SigningKeyDoc>
  }
}
