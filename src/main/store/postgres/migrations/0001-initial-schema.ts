/**
 * The first schema of server mode. Every collection of the embedded store becomes a table of
 * `id` (text primary key: NeDB's `_id`, or a client-made UUIDv7 for a kiosk's punch) and
 * `doc` (jsonb: the document without `_id`), so both stores keep one document shape
 * (store-types.ts). The fields the repositories search by are generated columns of `doc`
 * with the indexes NeDB had (open-store.ts INDEXES), unique where NeDB's were.
 *
 * Writes to employees, templates and settings are logged in `sync_changes` by a trigger, in
 * the same transaction, under a transaction-level advisory lock so sequence order is commit
 * order: a kiosk that pulls "everything after seq N" can never skip a change that committed
 * late with a smaller number.
 */
import { sql, type Kysely } from 'kysely'

/** Advisory lock key taken by the change-log trigger (any constant unique to Clockface). */
export const CHANGE_LOCK_KEY = 0x636c6f63

/** Tables whose changes kiosks pull. */
export const SYNCED_TABLES = ['employees', 'templates', 'settings'] as const

/** Creates the tables, indexes, change log and its triggers on an empty database. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table employees (
      id text primary key,
      doc jsonb not null,
      code text generated always as (doc->>'code') stored not null unique
    );
    create table templates (
      id text primary key,
      doc jsonb not null,
      employee_id text generated always as (doc->>'employeeId') stored not null
    );
    create index templates_employee_id on templates (employee_id);
    create table attendance (
      id text primary key,
      doc jsonb not null,
      employee_id text generated always as (doc->>'employeeId') stored not null,
      time text generated always as (doc->>'time') stored not null
    );
    create index attendance_employee_time on attendance (employee_id, time);
    create index attendance_time on attendance (time);
    create table audit (
      id text primary key,
      doc jsonb not null,
      time text generated always as (doc->>'time') stored not null
    );
    create index audit_time on audit (time);
    create table accounts (
      id text primary key,
      doc jsonb not null,
      username text generated always as (doc->>'username') stored not null unique
    );
    create table kiosks (
      id text primary key,
      doc jsonb not null,
      token_hash text generated always as (doc->>'tokenHash') stored not null
    );
    create index kiosks_token_hash on kiosks (token_hash);
    create table settings (id text primary key, doc jsonb not null);
    create table api_keys (
      id text primary key,
      doc jsonb not null,
      prefix text generated always as (doc->>'prefix') stored not null unique
    );
    create table visitors (
      id text primary key,
      doc jsonb not null,
      visitor_id text generated always as (doc->>'visitorId') stored not null unique
    );
    create table punch_photos (
      id text primary key,
      doc jsonb not null,
      punch_id text generated always as (doc->>'punchId') stored not null unique,
      time text generated always as (doc->>'time') stored not null
    );
    create index punch_photos_time on punch_photos (time);
    create table sync_changes (
      seq bigserial primary key,
      collection text not null,
      doc_id text not null
    );
    create function log_sync_change() returns trigger language plpgsql as $$
    begin
      perform pg_advisory_xact_lock(${sql.lit(CHANGE_LOCK_KEY)});
      insert into sync_changes (collection, doc_id)
        values (TG_TABLE_NAME, case when TG_OP = 'DELETE' then OLD.id else NEW.id end);
      return null;
    end $$;
  `.execute(db)
  for (const table of SYNCED_TABLES) {
    await sql`create trigger ${sql.id(`${table}_sync_change`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function log_sync_change()`.execute(db)
  }
}

/** Drops everything `up` created (every row with it): for development only, never run by Clockface. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table if exists employees, templates, attendance, audit, accounts, kiosks, settings, api_keys, visitors, punch_photos, sync_changes;
    drop function if exists log_sync_change();
  `.execute(db)
}
