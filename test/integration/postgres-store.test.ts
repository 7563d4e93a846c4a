/**
 * Server mode on a real PostgreSQL (a throwaway server from Debian's binaries): the schema
 * migrates up from an empty database, and the services' main flows run on it through the
 * same dispatch as the embedded store: employee CRUD with a taken code refused, PIN punches
 * with cooldown and in/out alternation, the audit log.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliContext } from '../../src/main/app-core'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { withCore } from '../../src/main/cli/cli-context'
import { migrateCommand } from '../../src/main/cli/migrate-command'
import { startServerCore, type ServerCore } from '../../src/main/server-core'
import { migrateToLatest, pendingMigrations } from '../../src/main/store/postgres/migrate'
import { openPgDatabase } from '../../src/main/store/postgres/pg-database'
import { postgresSkipReason, startTempPostgres, type TempPostgres } from '../helpers/postgres-server'
import { unavailableEngine } from '../helpers/unit-core'
import { value } from './services-fixture'

describe.skipIf(postgresSkipReason !== null)(`server mode on PostgreSQL${postgresSkipReason ? ` (skipped: ${postgresSkipReason})` : ''}`, () => {
  let server: TempPostgres
  let core: ServerCore
  let dataDir: string
  let clock = new Date('2025-03-03T08:00:00Z')

  beforeAll(async () => {
    server = await startTempPostgres()
    dataDir = mkdtempSync(join(tmpdir(), 'clockface-pg-core-'))
  })

  afterAll(async () => {
    await core?.close()
    server?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('migrates an empty database to the newest schema, and refuses to serve one that is behind', async () => {
    const url = await server.createDatabase('fresh')
    await expect(startServerCore({ databaseUrl: url, dataDir, engine: unavailableEngine() })).rejects.toThrow(/schema is behind \(pending: 0001-initial-schema\).*migrate --database/)
    const db = await openPgDatabase(url)
    try {
      expect(await pendingMigrations(db)).toEqual(['0001-initial-schema'])
      expect(await migrateToLatest(db)).toEqual(['0001-initial-schema'])
      expect(await migrateToLatest(db)).toEqual([])
      const { rows } = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = 'public' order by 1`.execute(db)
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['accounts', 'api_keys', 'attendance', 'audit', 'employees', 'kiosks', 'punch_photos', 'settings', 'sync_changes', 'templates', 'visitors'])
      )
    } finally {
      await db.destroy()
    }
  })

  it('`cli migrate` applies the migrations once, then reports the schema current', async () => {
    const url = await server.createDatabase('by_cli')
    const lines: string[] = []
    await migrateCommand(url, (line) => lines.push(line))
    await migrateCommand(url, (line) => lines.push(line))
    expect(lines).toEqual([`${url}: applied 0001-initial-schema.`, `${url}: the schema is current.`])
    expect(process.exitCode ?? 0).toBe(0)
  })

  it('refuses a malformed URL and an unreachable server with clear errors', async () => {
    await expect(openPgDatabase('mysql://x')).rejects.toThrow(/postgres:\/\//)
    await expect(openPgDatabase(`postgres://postgres:secret@127.0.0.1:${server.port}/no_such_db`)).rejects.toThrow(/Cannot connect .*postgres:\*\*\*@/)
  })

  it('runs employee CRUD on PostgreSQL through dispatch, audited', async () => {
    const url = await server.createDatabase('crud')
    core = await startServerCore({ databaseUrl: url, dataDir, engine: unavailableEngine(), migrate: true, config: { kioskId: 'server', now: () => clock, cooldownMs: 60_000 } })
    const call = <K extends Parameters<typeof core.dispatch>[0]>(name: K, request: Parameters<typeof core.dispatch<K>>[1]) => core.dispatch(name, request, cliContext())
    const { employee } = value(await call('createEmployee', { code: 'E1', name: 'Ana Pérez', department: 'Sales', pin: '2468' }))
    expect(employee).toMatchObject({ code: 'E1', name: 'Ana Pérez', hasPin: true, templateCount: 0 })
    expect(await call('createEmployee', { code: 'E1', name: 'Other' })).toMatchObject({ ok: false, error: { code: 'duplicate-code' } })
    const updated = value(await call('updateEmployee', { code: 'E1', changes: { name: 'Ana P. Gómez' } }))
    expect(updated.name).toBe('Ana P. Gómez')
    expect(value(await call('listEmployees', {})).map((e) => e.code)).toEqual(['E1'])
    value(await call('createEmployee', { code: 'E2', name: 'Temp' }))
    value(await call('deleteEmployee', { code: 'E2' }))
    expect(await core.repos.employees.byCode('E2')).toBeNull()
    const actions = value(await call('listAuditLog', {})).map((e) => `${e.action}:${e.outcome}`)
    expect(actions).toEqual(expect.arrayContaining(['createEmployee:ok', 'createEmployee:duplicate-code', 'updateEmployee:ok', 'deleteEmployee:ok']))
  })

  it('the command line works on the database when CLOCKFACE_DATABASE_URL is set', async () => {
    const url = await server.createDatabase('cli_data')
    const db = await openPgDatabase(url)
    await migrateToLatest(db)
    await db.destroy()
    process.env['CLOCKFACE_DATABASE_URL'] = url
    try {
      let codes: string[] = []
      await withCore({ data: dataDir }, async (ctx) => {
        value(await ctx.call('createEmployee', { code: 'C1', name: 'From the CLI' }))
        codes = value(await ctx.call('listEmployees', {})).map((e) => e.code)
      })
      expect(codes).toEqual(['C1'])
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      delete process.env['CLOCKFACE_DATABASE_URL']
    }
  })

  it('punches on PostgreSQL: check-in, repeat within the cooldown, check-out, listed newest first', async () => {
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'front' } })
    const first = value(await core.dispatch('punchWithPin', { code: 'E1', pin: '2468' }, kiosk))
    expect(first).toMatchObject({ employeeCode: 'E1', type: 'check-in', repeated: false, kioskId: 'front', source: 'pin' })
    clock = new Date('2025-03-03T08:00:30Z')
    expect(value(await core.dispatch('punchWithPin', { code: 'E1', pin: '2468' }, kiosk))).toMatchObject({ id: first.id, repeated: true })
    clock = new Date('2025-03-03T17:00:00Z')
    expect(value(await core.dispatch('punchWithPin', { code: 'E1', pin: '2468' }, kiosk))).toMatchObject({ type: 'check-out', repeated: false })
    const log = value(await core.dispatch('listAttendance', { from: '2025-03-03T00:00:00Z', to: '2025-03-03T23:59:59Z' }, cliContext()))
    expect(log.map((e) => e.type)).toEqual(['check-out', 'check-in'])
    const search = value(await core.dispatch('searchAttendance', { from: '2025-03-03T00:00:00Z', to: '2025-03-03T23:59:59Z' }, cliContext()))
    expect(search).toMatchObject({ total: 2 })
  })
})
