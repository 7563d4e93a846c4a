import { sql } from 'kysely'
import { SETTINGS_DOC_ID, SIGNING_KEY_DOC_ID, type SettingsRepository } from '../../repositories/settings-repository'
import type { SettingsDoc, SigningKeyDoc } from '../../store-types'
import { docTable } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link SettingsRepository} on PostgreSQL's `settings` table (the settings row and the signing key row, as in settings.db). */
export function createPgSettingsRepository(db: PgDb): SettingsRepository {
  const settings = docTable<SettingsDoc>(db, 'settings', 'settings')
  const keys = docTable<SigningKeyDoc>(db, 'settings', 'face-login signing key')
  return {
    get: () => settings.findOne(sql`id = ${SETTINGS_DOC_ID}`),
    save: (set) => settings.upsert(SETTINGS_DOC_ID, set),
    signingKey: () => keys.findOne(sql`id = ${SIGNING_KEY_DOC_ID}`),
    saveSigningKey: (key) => keys.upsert(SIGNING_KEY_DOC_ID, key)
  }
}
