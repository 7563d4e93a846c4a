import { sql } from 'kysely'
import type { TemplateRepository } from '../../repositories/template-repository'
import type { TemplateDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link TemplateRepository} on PostgreSQL's `templates` table. */
export function createPgTemplateRepository(db: PgDb): TemplateRepository {
  const table = docTable<TemplateDoc>(db, 'templates', 'face template')
  const oldest = sql`${text('createdAt')}, id`
  return {
    allDescriptors: async () =>
      (await table.find({ without: ['thumbnail', 'alignedFace', 'source', 'createdAt'] })).map(({ _id, employeeId, descriptor, model }) => ({
        _id,
        employeeId,
        descriptor,
        ...(model === undefined ? {} : { model })
      })),
    notOfModel: (model) => table.find({ where: sql`${text('model')} is distinct from ${model}`, orderBy: oldest }),
    redescribe: async (id, change) => (await table.update(sql`id = ${id}`, change)).length,
    ofEmployee: (employeeId) => table.find({ where: sql`employee_id = ${employeeId}`, orderBy: oldest, without: ['descriptor'] }),
    fullOfEmployee: (employeeId) => table.find({ where: sql`employee_id = ${employeeId}`, orderBy: oldest }),
    byId: (id) => table.findOne(sql`id = ${id}`, undefined, ['descriptor']),
    async countsByEmployee() {
      const { rows } = await sql<{ employee_id: string; n: string }>`select employee_id, count(*) as n from templates group by employee_id`.execute(db)
      return new Map(rows.map((r) => [r.employee_id, Number(r.n)]))
    },
    count: () => table.count(),
    countOfEmployee: (employeeId) => table.count(sql`employee_id = ${employeeId}`),
    insert: (doc) => table.insert(doc),
    remove: (id) => table.remove(sql`id = ${id}`),
    removeOfEmployee: (employeeId) => table.remove(sql`employee_id = ${employeeId}`),
    compact: async () => undefined
  }
}
