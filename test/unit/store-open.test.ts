import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { afterEach, describe, expect, it } from 'vitest'
import { ClockfaceError } from '../../src/shared/errors'
import { openStore, STORE_FILES } from '../../src/main/store/open-store'
import { LOCK_FILE } from '../../src/main/store/store-lock'
import type { ClockfaceStore } from '../../src/main/store/store-types'

const dirs: string[] = []
const stores: ClockfaceStore[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clockface-store-'))
  dirs.push(dir)
  return dir
}

async function open(dir: string): Promise<ClockfaceStore> {
  const store = await openStore(dir)
  stores.push(store)
  return store
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const employee = (code: string) => ({
  code,
  name: `Person ${code}`,
  department: 'Front desk',
  createdAt: new Date().toISOString(),
  updatedAt: new Date().toISOString()
})

describe('openStore', () => {
  it('creates the data folder and its four files, and keeps data across reopening', async () => {
    const dir = join(tempDir(), 'nested', 'data')
    const store = await open(dir)
    expect(Object.values(STORE_FILES).sort()).toEqual(['attendance.db', 'audit.db', 'employees.db', 'templates.db'])
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

  it('refuses a corrupt file with a store-error naming it, and leaves the file untouched', async () => {
    const dir = tempDir()
    const garbage = 'this is not NeDB\n\u0000\u0001 garbage {{{\nmore garbage\n'
    const file = join(dir, STORE_FILES.templates)
    writeFileSync(file, garbage)
    const error = await openStore(dir).then(
      () => null,
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ClockfaceError)
    expect((error as ClockfaceError).code).toBe('store-error')
    expect((error as ClockfaceError).message).toContain(file)
    expect((error as ClockfaceError).message).toContain('untouched')
    expect(readFileSync(file, 'utf8')).toBe(garbage)
    // The failed open released its lock: after repairing, the folder opens again.
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
    writeFileSync(file, '')
    await open(dir)
  })

  it('treats a corrupt audit.db like the other files: refused by name, left untouched', async () => {
    const dir = tempDir()
    const garbage = 'not an audit log {{{\n\u0000\n'
    const file = join(dir, STORE_FILES.audit)
    writeFileSync(file, garbage)
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining(file) })
    expect(readFileSync(file, 'utf8')).toBe(garbage)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
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
