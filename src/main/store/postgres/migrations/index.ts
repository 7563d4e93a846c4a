/**
 * Every migration of server mode, by name in apply order. Listed here rather than read from
 * the folder: the build bundles main into single files, where kysely's FileMigrationProvider
 * would find no folder. A new migration gets the next number and a line here; a migration
 * that has run anywhere is never edited.
 */
import type { Migration } from 'kysely'
import * as initialSchema from './0001-initial-schema'

/** Migrations by name; kysely applies them in name order. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': initialSchema
}
