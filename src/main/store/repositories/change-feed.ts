import type { EmployeeDoc, SettingsDoc, TemplateDoc } from '../store-types'

/**
 * One page of the server's change log after a cursor (see postgres/pg-change-feed.ts): the
 * current documents of employees and templates changed since, the settings document when it
 * changed, the ids deleted since, the cursor of the last change in the page, and whether more
 * changes wait. Templates come without their aligned face (kiosks recognise, they do not
 * migrate descriptors).
 */
export interface ChangePage {
  employees: EmployeeDoc[]
  templates: Omit<TemplateDoc, 'alignedFace'>[]
  settings: SettingsDoc | null
  removed: { collection: 'employees' | 'templates'; id: string }[]
  cursor: number
  more: boolean
}

/** The change log kiosks pull from; server mode (PostgreSQL) has one, the embedded store none. */
export interface ChangeFeedRepository {
  /** Changes with a sequence number above `cursor` (0: from the start), at most `limit` log entries. Raises `store-error`. */
  after(cursor: number, limit: number): Promise<ChangePage>
}
