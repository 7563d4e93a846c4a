import { ClockfaceError } from '../../shared/errors'
import { migrateToLatest } from '../store/postgres/migrate'
import { openPgDatabase, redactUrl } from '../store/postgres/pg-database'
import { EXIT_CODES } from './exit-codes'

/**
 * `migrate --database URL` (or CLOCKFACE_DATABASE_URL): brings a server-mode PostgreSQL schema
 * to the newest version and prints what was applied. Safe to run again (applies nothing) and
 * from several machines at once (kysely's migration lock). Sets the exit code of the
 * ClockfaceError on failure (a URL missing or malformed: `invalid-input`; unreachable or a
 * failed migration: `store-error`).
 */
export async function migrateCommand(url: string | undefined, print: (line: string) => void): Promise<void> {
  try {
    if (url === undefined) throw new ClockfaceError('invalid-input', 'Give the database: --database postgres://user:password@host:port/database (or CLOCKFACE_DATABASE_URL).')
    const db = await openPgDatabase(url)
    try {
      const applied = await migrateToLatest(db)
      print(applied.length === 0 ? `${redactUrl(url)}: the schema is current.` : `${redactUrl(url)}: applied ${applied.join(', ')}.`)
    } finally {
      await db.destroy()
    }
  } catch (error) {
    const code = error instanceof ClockfaceError ? error.code : 'internal'
    console.error(`clockface: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = EXIT_CODES[code]
  }
}
