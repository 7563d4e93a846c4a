import { Migrator, type MigrationResultSet } from 'kysely'
import { ClockfaceError } from '../../../shared/errors'
import type { PgDb } from './pg-database'
import { MIGRATIONS } from './migrations'

function migratorOf(db: PgDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } })
}

/**
 * Brings the schema to the newest migration with kysely's Migrator (each migration in its own
 * transaction; kysely's lock table keeps two servers from migrating at once). Resolves to the
 * names applied now (empty when it was current). Raises ClockfaceError `store-error` naming
 * the migration that failed (the ones before it stay applied).
 */
export async function migrateToLatest(db: PgDb): Promise<string[]> {
  return applied(await migratorOf(db).migrateToLatest(), 'upgrade the database schema')
}

/** Names of the migrations not applied yet (empty: the schema is current). Raises `store-error`. */
export async function pendingMigrations(db: PgDb): Promise<string[]> {
  try {
    return (await migratorOf(db).getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name)
  } catch (error) {
    throw new ClockfaceError('store-error', `Could not read the schema version: ${(error as Error).message}`)
  }
}

function applied({ error, results }: MigrationResultSet, what: string): string[] {
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName
    throw new ClockfaceError('store-error', `Could not ${what}${failed ? ` (migration ${failed})` : ''}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
