import { sql } from 'kysely'
import { SETTINGS_DOC_ID } from '../repositories/settings-repository'
import type { ChangeFeedRepository, ChangePage } from '../repositories/change-feed'
import type { EmployeeDoc, SettingsDoc, TemplateDoc } from '../store-types'
import type { PgDb } from './pg-database'
import { pgOp } from './pg-errors'

interface Row {
  id: string
  doc: Record<string, unknown>
}

/**
 * {@link ChangeFeedRepository} over `sync_changes`, which triggers fill in the transaction of
 * every write to employees, templates and settings (migrations/0001-initial-schema.ts). A
 * page reads the log entries after the cursor, then the current rows they name: an id whose
 * row is gone was deleted. Several changes of one row in a page come down once.
 */
export function createPgChangeFeed(db: PgDb): ChangeFeedRepository {
  const current = async (table: 'employees' | 'templates' | 'settings', ids: string[], without: string[] = []) => {
    if (ids.length === 0) return []
    const projection = without.length === 0 ? sql`doc` : sql`doc - ${without}::text[]`
    const { rows } = await sql<Row>`select id, ${projection} as doc from ${sql.table(table)} where id = any(${ids}::text[])`.execute(db)
    return rows.map((row) => ({ _id: row.id, ...row.doc }))
  }
  return {
    after: (cursor, limit) =>
      pgOp('read the change log', async (): Promise<ChangePage> => {
        const { rows } = await sql<{ seq: string; collection: string; doc_id: string }>`
          select seq, collection, doc_id from sync_changes where seq > ${cursor} order by seq limit ${limit + 1}`.execute(db)
        const more = rows.length > limit
        const page = rows.slice(0, limit)
        const ids = (collection: string) => [...new Set(page.filter((r) => r.collection === collection).map((r) => r.doc_id))]
        const employeeIds = ids('employees')
        const templateIds = ids('templates')
        const employees = (await current('employees', employeeIds)) as EmployeeDoc[]
        const templates = (await current('templates', templateIds, ['alignedFace'])) as TemplateDoc[]
        const settingsChanged = ids('settings').includes(SETTINGS_DOC_ID)
        const settings = settingsChanged ? (((await current('settings', [SETTINGS_DOC_ID]))[0] as SettingsDoc | undefined) ?? null) : null
        const live = new Set([...employees, ...templates].map((d) => d._id))
        const removed = [
          ...employeeIds.filter((id) => !live.has(id)).map((id) => ({ collection: 'employees' as const, id })),
          ...templateIds.filter((id) => !live.has(id)).map((id) => ({ collection: 'templates' as const, id }))
        ]
        const last = page.at(-1)
        return { employees, templates, settings, removed, cursor: last ? Number(last.seq) : cursor, more }
      })
  }
}
