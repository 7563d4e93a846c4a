/**
 * One table of server mode as the repositories use it: documents keyed by id (see
 * migrations/0001-initial-schema.ts), searched with SQL conditions on `doc`. Every write runs
 * in its own transaction, or in the caller's when the table was made over one.
 */
import { v7 as uuidv7 } from 'uuid'
import { sql, type RawBuilder } from 'kysely'
import type { NewDoc } from '../store-types'
import type { PgDb } from './pg-database'
import { pgOp } from './pg-errors'

/** A SQL fragment (a condition or an order) built with kysely's `sql` tag. */
export type Sql = RawBuilder<unknown>

/** `doc->>'name'`: a top-level field of the document as text (null when absent). */
export const text = (name: string): Sql => sql`doc->>${name}`

/** True when the document's boolean `name` is absent or false (NeDB's `{ name: { $ne: true } }`). */
export const notTrue = (name: string): Sql => sql`coalesce((doc->>${name})::boolean, false) = false`

/** Every row. */
export const ALL: Sql = sql`true`

/** What a search returns: conditions, order, paging and fields left out of the documents. */
export interface FindOptions {
  where?: Sql
  orderBy?: Sql
  limit?: number
  offset?: number
  /** Top-level fields to leave out (e.g. `descriptor` for lists). */
  without?: readonly string[]
}

/** Named operations on one document table; each raises `store-error` (and NeDB-style unique violations, see pg-errors.ts). */
export interface DocTable<T extends { _id: string }> {
  readonly db: PgDb
  find(options?: FindOptions): Promise<T[]>
  findOne(where: Sql, orderBy?: Sql, without?: readonly string[]): Promise<T | null>
  count(where?: Sql): Promise<number>
  /** Inserts with a new UUIDv7 (time-ordered, so the primary key index grows at its end; or `id` when given); resolves to the stored document. */
  insert(doc: NewDoc<T>, id?: string): Promise<T>
  /** Inserts under `id` unless that id is taken (`ON CONFLICT DO NOTHING`); resolves to the stored document, or null when it existed. */
  insertIfAbsent(id: string, doc: NewDoc<T>): Promise<T | null>
  /** Merges `set` into matching documents and drops the `unset` fields; resolves to the updated documents. */
  update(where: Sql, set: Record<string, unknown>, unset?: readonly string[]): Promise<T[]>
  /** Replaces the document `id` (all fields but the id); resolves to it, or null when gone. */
  replace(id: string, doc: NewDoc<T>): Promise<T | null>
  /** Merges `set` into document `id`, creating it when missing; resolves to it. */
  upsert(id: string, set: Record<string, unknown>): Promise<T>
  /** Removes matching documents; resolves to the number removed. */
  remove(where: Sql): Promise<number>
}

interface Row {
  id: string
  doc: Record<string, unknown>
}

const toDoc = <T>(row: Row): T => ({ _id: row.id, ...row.doc }) as T

/** A document as jsonb, without its `_id` (the id column holds it). */
function jsonOf(doc: object): string {
  const { _id: _ignored, ...rest } = doc as Record<string, unknown>
  return JSON.stringify(rest)
}

/** Creates the operations on table `table`; `label` names its documents in error messages ("employee"). */
export function docTable<T extends { _id: string }>(db: PgDb, table: string, label: string): DocTable<T> {
  const t = sql.table(table)
  // Over a transaction already open (a repository made for one, see inTransaction), a write joins it.
  const write = <R>(what: string, op: (trx: PgDb) => Promise<R>) => pgOp(what, () => (db.isTransaction ? op(db) : db.transaction().execute(op)))
  const projection = (without: readonly string[] = []) => (without.length === 0 ? sql`doc` : sql`doc - ${[...without]}::text[]`)
  return {
    db,
    find: ({ where = ALL, orderBy, limit, offset, without } = {}) =>
      pgOp(`read ${label}s`, async () => {
        const order = orderBy ? sql` order by ${orderBy}` : sql``
        const page = sql`${limit === undefined ? sql`` : sql` limit ${limit}`}${offset ? sql` offset ${offset}` : sql``}`
        const { rows } = await sql<Row>`select id, ${projection(without)} as doc from ${t} where ${where}${order}${page}`.execute(db)
        return rows.map(toDoc<T>)
      }),
    findOne: (where, orderBy, without) =>
      pgOp(`read the ${label}`, async () => {
        const order = orderBy ? sql` order by ${orderBy}` : sql``
        const { rows } = await sql<Row>`select id, ${projection(without)} as doc from ${t} where ${where}${order} limit 1`.execute(db)
        return rows[0] ? toDoc<T>(rows[0]) : null
      }),
    count: (where = ALL) =>
      pgOp(`count ${label}s`, async () => {
        const { rows } = await sql<{ n: string }>`select count(*) as n from ${t} where ${where}`.execute(db)
        return Number(rows[0]?.n ?? 0)
      }),
    insert: (doc, id = uuidv7()) =>
      write(`save the ${label}`, async (trx) => {
        const { rows } = await sql<Row>`insert into ${t} (id, doc) values (${id}, ${jsonOf(doc)}::jsonb) returning id, doc`.execute(trx)
        return toDoc<T>(rows[0] as Row)
      }),
    insertIfAbsent: (id, doc) =>
      write(`save the ${label}`, async (trx) => {
        const { rows } = await sql<Row>`insert into ${t} (id, doc) values (${id}, ${jsonOf(doc)}::jsonb) on conflict (id) do nothing returning id, doc`.execute(trx)
        return rows[0] ? toDoc<T>(rows[0]) : null
      }),
    update: (where, set, unset = []) =>
      write(`save the ${label}`, async (trx) => {
        const { rows } = await sql<Row>`update ${t} set doc = (doc || ${jsonOf(set)}::jsonb) - ${[...unset]}::text[] where ${where} returning id, doc`.execute(trx)
        return rows.map(toDoc<T>)
      }),
    replace: (id, doc) =>
      write(`save the ${label}`, async (trx) => {
        const { rows } = await sql<Row>`update ${t} set doc = ${jsonOf(doc)}::jsonb where id = ${id} returning id, doc`.execute(trx)
        return rows[0] ? toDoc<T>(rows[0]) : null
      }),
    upsert: (id, set) =>
      write(`save the ${label}`, async (trx) => {
        const { rows } = await sql<Row>`insert into ${t} (id, doc) values (${id}, ${jsonOf(set)}::jsonb)
          on conflict (id) do update set doc = ${t}.doc || excluded.doc returning id, doc`.execute(trx)
        return toDoc<T>(rows[0] as Row)
      }),
    remove: (where) =>
      write(`delete the ${label}`, async (trx) => {
        const result = await sql`delete from ${t} where ${where}`.execute(trx)
        return Number(result.numAffectedRows ?? 0)
      })
  }
}
