import { ClockfaceError } from '../../shared/errors'
import type { DataHealthHandlers } from './data-health'

/**
 * The data-health operations in server mode: PostgreSQL keeps and checks its own files, so
 * there are no damaged data files to report or repair, and backups are PostgreSQL's
 * (`pg_dump`), not Clockface's data-folder copies. `repairDataFile` raises `not-found`,
 * `createBackup` `store-error` saying what to use instead.
 */
export const pgDataHealth: DataHealthHandlers = {
  getDataHealth: async () => ({ readOnly: false, reason: null, encrypted: false, damaged: [], newestBackupAt: null }),
  repairDataFile: ({ file }) => Promise.reject(new ClockfaceError('not-found', `${file}: the data is in PostgreSQL, which has no Clockface data files to repair.`)),
  createBackup: () =>
    Promise.reject(new ClockfaceError('store-error', 'The data is in PostgreSQL: back it up with pg_dump (or your database service), not from Clockface.'))
}
