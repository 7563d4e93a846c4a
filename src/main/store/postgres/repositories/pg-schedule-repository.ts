import { sql } from 'kysely'
import type { ScheduleRepository } from '../../repositories/schedule-repository'
import type { ScheduleDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

const isSchedule = sql`${text('kind')} = 'schedule'`

/** {@link ScheduleRepository} on PostgreSQL's `settings` table (rows with `kind: 'schedule'`, as in settings.db). */
export function createPgScheduleRepository(db: PgDb): ScheduleRepository {
  const table = docTable<ScheduleDoc>(db, 'settings', 'schedule')
  return {
    all: () =>
      table.find({
        where: isSchedule,
        orderBy: sql`case ${text('scope')} when 'default' then 0 when 'department' then 1 else 2 end, ${text('target')}`
      }),
    byId: (id) => table.findOne(sql`id = ${id} and ${isSchedule}`),
    byTarget: (scope, target) => table.findOne(sql`${isSchedule} and ${text('scope')} = ${scope} and ${text('target')} = ${target}`),
    async upsert(doc) {
      const updated = await table.update(sql`${isSchedule} and ${text('scope')} = ${doc.scope} and ${text('target')} = ${doc.target}`, doc)
      return updated[0] ?? table.insert(doc)
    },
    remove: async (id) => (await table.remove(sql`id = ${id} and ${isSchedule}`)) > 0
  }
}
