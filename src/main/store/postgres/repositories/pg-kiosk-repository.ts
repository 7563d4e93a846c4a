import { sql } from 'kysely'
import type { KioskRepository } from '../../repositories/kiosk-repository'
import type { KioskDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link KioskRepository} on PostgreSQL's `kiosks` table. */
export function createPgKioskRepository(db: PgDb): KioskRepository {
  const table = docTable<KioskDoc>(db, 'kiosks', 'kiosk')
  return {
    all: () => table.find({ orderBy: text('createdAt') }),
    byId: (id) => table.findOne(sql`id = ${id}`),
    byTokenHash: (tokenHash) => table.findOne(sql`token_hash = ${tokenHash}`),
    activeByKioskId: (kioskId) => table.findOne(sql`${text('kioskId')} = ${kioskId} and not doc ? 'revokedAt'`, sql`${text('createdAt')} desc`),
    insert: (doc) => table.insert(doc),
    update: async (id, set) => (await table.update(sql`id = ${id}`, set))[0] ?? null
  }
}
