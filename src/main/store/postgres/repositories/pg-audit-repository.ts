import { sql } from 'kysely'
import type { AuditRepository } from '../../repositories/audit-repository'
import type { AuditDoc } from '../../store-types'
import { docTable, type Sql } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link AuditRepository} on PostgreSQL's `audit` table: append, read, trim by age. */
export function createPgAuditRepository(db: PgDb): AuditRepository {
  const table = docTable<AuditDoc>(db, 'audit', 'audit entry')
  const newest = sql`time desc, id desc`
  return {
    newest: () => table.findOne(sql`true`, newest),
    between(from, to, limit, employeeCode) {
      const parts: Sql[] = [sql`true`]
      if (from !== undefined) parts.push(sql`time >= ${from}`)
      if (to !== undefined) parts.push(sql`time <= ${to}`)
      if (employeeCode !== undefined) parts.push(sql`doc->>'employeeCode' = ${employeeCode}`)
      return table.find({ where: sql.join(parts, sql` and `), orderBy: newest, limit })
    },
    insert: (doc) => table.insert(doc),
    count: () => table.count(),
    removeOlderThan: (time) => table.remove(sql`time < ${time}`),
    async timeOfNth(n) {
      const docs = await table.find({ orderBy: newest, offset: n - 1, limit: 1 })
      return docs[0]?.time ?? null
    }
  }
}
