import { sql } from 'kysely'
import type { PunchPhotoRepository } from '../../repositories/punch-photo-repository'
import type { PunchPhotoDoc } from '../../store-types'
import { docTable } from '../pg-doc-table'
import type { PgDb } from '../pg-database'

/** {@link PunchPhotoRepository} on PostgreSQL's `punch_photos` table. */
export function createPgPunchPhotoRepository(db: PgDb): PunchPhotoRepository {
  const table = docTable<PunchPhotoDoc>(db, 'punch_photos', 'punch snapshot')
  return {
    ofPunch: (punchId) => table.findOne(sql`punch_id = ${punchId}`),
    insert: (doc) => table.insert(doc),
    removeOlderThan: (time) => table.remove(sql`time < ${time}`),
    removeOfPunches: (punchIds) => table.remove(sql`punch_id = any(${[...punchIds]}::text[])`)
  }
}
