import { sql } from 'kysely'
import type { VisitorRepository } from '../../repositories/visitor-repository'
import type { VisitorDoc } from '../../store-types'
import { docTable, text } from '../pg-doc-table'
import type { PgDb } from '../pg-database'
import { pgOp } from '../pg-errors'

/** {@link VisitorRepository} on PostgreSQL's `visitors` table. */
export function createPgVisitorRepository(db: PgDb): VisitorRepository {
  const table = docTable<VisitorDoc>(db, 'visitors', 'visitor')
  return {
    allDescriptors: async () =>
      (await table.find({ without: ['createdAt', 'lastSeenAt', 'seenCount'] })).map(({ _id, visitorId, descriptor, model }) => ({
        _id,
        visitorId,
        descriptor,
        ...(model === undefined ? {} : { model })
      })),
    page: (offset, limit) => table.find({ orderBy: sql`${text('createdAt')} desc`, offset, limit, without: ['descriptor'] }),
    byVisitorId: (visitorId) => table.findOne(sql`visitor_id = ${visitorId}`),
    count: () => table.count(),
    insert: (doc) => table.insert(doc),
    async seen(visitorId, time) {
      await pgOp('save the visitor', () =>
        table.db.transaction().execute((trx) =>
          sql`update visitors set doc = doc || jsonb_build_object('lastSeenAt', ${time}::text, 'seenCount', coalesce((doc->>'seenCount')::int, 0) + 1)
            where visitor_id = ${visitorId}`.execute(trx)
        )
      )
    },
    remove: (visitorId) => table.remove(sql`visitor_id = ${visitorId}`),
    removeSeenBefore: (time) => table.remove(time === undefined ? sql`true` : sql`${text('lastSeenAt')} < ${time}`),
    compact: async () => undefined
  }
}
