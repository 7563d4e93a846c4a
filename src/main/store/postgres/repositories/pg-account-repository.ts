import { sql } from 'kysely'
import type { AccountRepository } from '../../repositories/account-repository'
import type { AccountDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link AccountRepository} on PostgreSQL's `accounts` table (a taken user name: a unique violation, as on NeDB). */
export function createPgAccountRepository(db: PgDb): AccountRepository {
  const table = docTable<AccountDoc>(db, 'accounts', 'account')
  return {
    all: () => table.find({ orderBy: sql`username` }),
    count: () => table.count(),
    countOwners: () => table.count(sql`${text('role')} = 'owner'`),
    byUsername: (username) => table.findOne(sql`username = ${username}`),
    byId: (id) => table.findOne(sql`id = ${id}`),
    insert: (doc) => table.insert(doc),
    async update(id, set, unset = []) {
      await table.update(sql`id = ${id}`, set, unset)
    },
    remove: (id) => table.remove(sql`id = ${id}`)
  }
}
