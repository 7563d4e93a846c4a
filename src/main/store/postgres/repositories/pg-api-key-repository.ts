import { sql } from 'kysely'
import type { ApiKeyRepository } from '../../repositories/api-key-repository'
import type { ApiKeyDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link ApiKeyRepository} on PostgreSQL's `api_keys` table. */
export function createPgApiKeyRepository(db: PgDb): ApiKeyRepository {
  const table = docTable<ApiKeyDoc>(db, 'api_keys', 'API key')
  return {
    all: () => table.find({ orderBy: text('createdAt') }),
    byId: (id) => table.findOne(sql`id = ${id}`),
    byPrefix: (prefix) => table.findOne(sql`prefix = ${prefix}`),
    insert: (doc) => table.insert(doc),
    update: async (id, set) => (await table.update(sql`id = ${id}`, set))[0] ?? null
  }
}
