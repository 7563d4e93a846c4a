import { sql } from 'kysely'
import type { EmployeeRepository } from '../../repositories/employee-repository'
import type { EmployeeDoc } from '../../store-types'
import { docTable } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link EmployeeRepository} on PostgreSQL's `employees` table (a taken code: a unique violation, as on NeDB). */
export function createPgEmployeeRepository(db: PgDb): EmployeeRepository {
  const table = docTable<EmployeeDoc>(db, 'employees', 'employee')
  return {
    all: () => table.find(),
    count: () => table.count(),
    byCode: (code) => table.findOne(sql`code = ${code}`),
    byId: (id) => table.findOne(sql`id = ${id}`),
    insert: (doc) => table.insert(doc),
    update: async (id, set, unset = []) => (await table.update(sql`id = ${id}`, set, unset))[0] ?? null,
    remove: (id) => table.remove(sql`id = ${id}`),
    // A deleted row is gone from the table; PostgreSQL's own VACUUM reclaims its bytes.
    compact: async () => undefined
  }
}
