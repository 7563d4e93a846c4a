/**
 * The PostgreSQL connection of server mode: a kysely instance over a `pg` pool. Server mode
 * keeps the same repositories as the embedded NeDB store (store/repositories), implemented
 * over this database in store/postgres/repositories.
 */
import { Kysely, PostgresDialect } from 'kysely'
import { Pool } from 'pg'
import { z } from 'zod'
import { ClockfaceError } from '../../../shared/errors'

/**
 * Tables are addressed by name through kysely's `sql` templates (each row is an id and a JSON
 * document, see migrations/0001-initial-schema.ts), so the query builder needs no table types.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgDb = Kysely<any>

/** A `postgres://` or `postgresql://` connection URL (user, password, host, port, database). */
export const databaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), 'must be a postgres:// or postgresql:// URL, e.g. postgres://clockface:secret@127.0.0.1:5432/clockface')

/** Connections the pool opens at most: the services run one query at a time per request. */
const POOL_SIZE = 10

/**
 * Opens a pool on `url` (checked with {@link databaseUrlSchema}; `invalid-input` otherwise) and
 * tries one connection, so a wrong address, password or database fails here with
 * `store-error` naming the cause instead of at the first request. The URL's password never
 * appears in an error message.
 */
export async function openPgDatabase(url: string): Promise<PgDb> {
  const parsed = databaseUrlSchema.safeParse(url)
  if (!parsed.success) throw new ClockfaceError('invalid-input', `--database ${parsed.error.issues[0]?.message ?? 'is not valid'}.`)
  const pool = new Pool({ connectionString: parsed.data, max: POOL_SIZE })
  // An idle client that loses its server must not crash the process: the next query reports it.
  pool.on('error', () => undefined)
  try {
    const client = await pool.connect()
    client.release()
  } catch (error) {
    await pool.end().catch(() => undefined)
    throw new ClockfaceError('store-error', `Cannot connect to the PostgreSQL database ${redactUrl(parsed.data)}: ${(error as Error).message}`)
  }
  return new Kysely({ dialect: new PostgresDialect({ pool }) })
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@')
}
