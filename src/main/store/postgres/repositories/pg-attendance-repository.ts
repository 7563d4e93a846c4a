import { sql } from 'kysely'
import type { AttendanceRepository, PunchFilter, TimeRange } from '../../repositories/attendance-repository'
import type { AttendanceDoc } from '../../store-types'
import { docTable, notTrue, text, type Sql } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** The SQL condition of a punch search (the NeDB query of attendance-repository.ts, field for field). */
function conditionOf(range: TimeRange, filter: PunchFilter): Sql {
  const parts: Sql[] = [sql`time >= ${range.from}`, sql`time <= ${range.to}`]
  if (filter.codes !== undefined) parts.push(sql`${text('employeeCode')} = any(${[...filter.codes]}::text[])`)
  if (filter.kioskId !== undefined) parts.push(sql`${text('kioskId')} = ${filter.kioskId}`)
  if (filter.department !== undefined) parts.push(sql`${text('department')} = ${filter.department}`)
  if (filter.type !== undefined) parts.push(sql`${text('type')} = ${filter.type}`)
  if (filter.source !== undefined) parts.push(sql`${text('source')} = ${filter.source}`)
  if (filter.flagged === true) parts.push(sql`(doc->>'needsReview')::boolean is true`)
  if (filter.flagged === false) parts.push(notTrue('needsReview'))
  if (filter.includeVoided === false) parts.push(notTrue('voided'))
  return sql.join(parts, sql` and `)
}

const newest = sql`time desc, id desc`

/** {@link AttendanceRepository} on PostgreSQL's `attendance` table. */
export function createPgAttendanceRepository(db: PgDb): AttendanceRepository {
  const table = docTable<AttendanceDoc>(db, 'attendance', 'punch')
  return {
    lastPunch: (employeeId) => table.findOne(sql`employee_id = ${employeeId} and ${notTrue('voided')}`, newest),
    lastPunchBefore: (employeeId, time) => table.findOne(sql`employee_id = ${employeeId} and ${notTrue('voided')} and time <= ${time}`, newest),
    between: (range, filter, limit, offset = 0) => table.find({ where: conditionOf(range, filter), orderBy: newest, limit, offset }),
    count: (range, filter) => table.count(conditionOf(range, filter)),
    byId: (id) => table.findOne(sql`id = ${id}`),
    ofEmployeeBetween: (employeeId, range) =>
      table.find({ where: sql`employee_id = ${employeeId} and time >= ${range.from} and time <= ${range.to} and ${notTrue('voided')}`, orderBy: sql`time, id` }),
    ofEmployee: (employeeId) => table.find({ where: sql`employee_id = ${employeeId}`, orderBy: sql`time, id` }),
    openSince: (types, before) =>
      table.find({
        // The newest non-voided punch of each employee, kept when it is of `types` and older than `before`.
        where: sql`id in (select distinct on (employee_id) id from attendance where ${notTrue('voided')} order by employee_id, time desc, id desc)
          and ${text('type')} = any(${[...types]}::text[]) and time < ${before}`,
        orderBy: sql`time desc`
      }),
    insert: (doc) => table.insert(doc),
    insertIfAbsent: (id, doc) => table.insertIfAbsent(id, doc),
    replace: (id, doc) => table.replace(id, doc),
    async clearPhotoMarksBefore(time) {
      await table.update(sql`(doc->>'hasPhoto')::boolean is true and time < ${time}`, {}, ['hasPhoto'])
    },
    async markPhoto(id) {
      await table.update(sql`id = ${id}`, { hasPhoto: true })
    },
    removeOlderThan: (time) => table.remove(sql`time < ${time}`),
    inTransaction: (work) => db.transaction().execute((trx) => work(createPgAttendanceRepository(trx)))
  }
}
