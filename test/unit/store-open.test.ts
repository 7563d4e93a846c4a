import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { MANIFEST_FILE } from '../../src/main/store/data-manifest'
import { openStore, STORE_FILES } from '../../src/main/store/open-store'
import { LOCK_FILE } from '../../src/main/store/store-lock'
import { cleanUp, mode, newKey, open, tempDir } from '../helpers/store-fixtures'

afterEach(cleanUp)

const employee = (code: string) => ({
  code,
  name: `Person ${code}`,
  department: 'Front desk',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString()
})

describe('openStore', () => {
  it('creates the data folder and its files, and keeps data across reopening', async () => {
    const dir = join(tempDir(), 'nested', 'data')
    const store = await open(dir)
    expect(Object.values(STORE_FILES).sort()).toEqual(['accounts.db', 'apikeys.db', 'attendance.db', 'audit.db', 'employees.db', 'kiosks.db', 'punchphotos.db', 'settings.db', 'templates.db', 'visitors.db'])
    for (const file of Object.values(STORE_FILES)) expect(existsSync(join(dir, file))).toBe(true)
    await store.employees.insert(employee('E1'))
    await store.close()

    const again = await open(dir)
    expect((await again.employees.find({})).map((e) => e.code)).toEqual(['E1'])
  })

  it('rejects a second employee with the same code (unique index on code)', async () => {
    const store = await open(tempDir())
    await store.employees.insert(employee('E1'))
    await expect(store.employees.insert(employee('E1'))).rejects.toMatchObject({ errorType: 'uniqueViolated' })
    expect(await store.employees.count({})).toBe(1)
  })

  it('declares the indexes the services query by', async () => {
    const store = await open(tempDir())
    const indexes = (c: unknown) => (c as { indexes: Record<string, { unique: boolean }> }).indexes
    expect(indexes(store.employees)['code']?.unique).toBe(true)
    expect(Object.keys(indexes(store.templates))).toContain('employeeId')
    expect(Object.keys(indexes(store.attendance))).toEqual(expect.arrayContaining(['employeeId', 'time']))
    expect(Object.keys(indexes(store.audit))).toContain('time')
  })

  it('answers a time-range query from the time index, not a scan of every punch', async () => {
    const store = await open(tempDir())
    const day = (d: number) => new Date(Date.UTC(2024, 0, d, 9)).toISOString()
    for (let d = 1; d <= 20; d++) {
      await store.attendance.insert({
        employeeId: 'x',
        employeeCode: 'E1',
        employeeName: 'A',
        type: 'check-in',
        time: day(d),
        distance: 0.3,
        kioskId: 'k'
      })
    }
    const query = { time: { $gte: day(5), $lte: day(7) } }
    // NeDB's candidate step: with the index it yields only the documents in range.
    const candidates = (store.attendance as unknown as { _getRawCandidates(q: unknown): unknown[] })._getRawCandidates(query)
    expect(candidates).toHaveLength(3)
    expect(await store.attendance.find(query)).toHaveLength(3)
  })

  it('loads a file of garbage read-only, reports every line, and never rewrites it', async () => {
    const dir = tempDir()
    const garbage = 'this is not NeDB\n\u0000\u0001 garbage {{{\nmore garbage\n'
    const file = join(dir, STORE_FILES.templates)
    writeFileSync(file, garbage)
    const store = await open(dir)
    expect(store.health()).toEqual({ readOnly: true, damaged: [{ file: 'templates.db', lines: [1, 2, 3], copy: expect.any(String) }] })
    expect(store.readOnlyReason()).toContain('templates.db has damaged lines 1, 2 and 3')
    expect(await store.templates.find({})).toEqual([])
    await store.close()
    expect(readFileSync(file, 'utf8')).toBe(garbage)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses a clean file NeDB cannot load (a broken unique index) with a store-error naming it, untouched', async () => {
    const dir = tempDir()
    const file = join(dir, STORE_FILES.employees)
    const twins = '{"_id":"a","code":"E1"}\n{"_id":"b","code":"E1"}\n'
    writeFileSync(file, twins)
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining(file) })
    expect(readFileSync(file, 'utf8')).toBe(twins)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('makes the folder 0700 and every file 0600, fixing modes at open and after compaction', async () => {
    const dir = join(tempDir(), 'data')
    const key = newKey()
    const store = await open(dir, { key })
    expect(mode(dir)).toBe(0o700)
    for (const name of [...Object.values(STORE_FILES), LOCK_FILE, MANIFEST_FILE]) expect(mode(join(dir, name)), name).toBe(0o600)
    await store.employees.insert(employee('E1'))
    await store.close()
    for (const name of [...Object.values(STORE_FILES), MANIFEST_FILE]) expect(mode(join(dir, name)), name).toBe(0o600)

    // Files and folders made readable by hand (or restored by another tool) are made private again.
    chmodSync(dir, 0o755)
    chmodSync(join(dir, STORE_FILES.employees), 0o644)
    chmodSync(join(dir, MANIFEST_FILE), 0o644)
    mkdirSync(join(dir, 'backups'), { mode: 0o755 })
    writeFileSync(join(dir, 'backups', 'old.cfbak'), 'x', { mode: 0o644 })
    await open(dir, { key })
    expect(mode(dir)).toBe(0o700)
    expect(mode(join(dir, STORE_FILES.employees))).toBe(0o600)
    expect(mode(join(dir, MANIFEST_FILE))).toBe(0o600)
    expect(mode(join(dir, 'backups'))).toBe(0o700)
    expect(mode(join(dir, 'backups', 'old.cfbak'))).toBe(0o600)
  })

  it('keeps a name holding a Unicode line separator intact in a folder that is not encrypted', async () => {
    const dir = tempDir()
    const store = await open(dir)
    await store.employees.insert({ ...employee('E1'), name: 'Ada\u2028Lovelace\u2029\u0085' })
    await store.employees.insert(employee('E2'))
    await store.close()
    const again = await open(dir)
    expect(again.health().readOnly).toBe(false)
    expect((await again.employees.findOne({ code: 'E1' }))?.name).toBe('Ada\u2028Lovelace\u2029\u0085')
  })

  it('refuses a folder another live process holds, and takes over a stale lock', async () => {
    const dir = tempDir()
    const first = await open(dir)
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-error' })
    await first.close()

    // A lock left by a process that has exited is stale.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    writeFileSync(join(dir, LOCK_FILE), dead.stdout)
    const store = await open(dir)
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid))
    await store.close()
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })
})
