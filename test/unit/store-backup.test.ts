import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { listBackups, newestBackupTime, scheduleDailyBackups } from '../../src/main/store/backup-schedule'
import { MANIFEST_FILE } from '../../src/main/store/data-manifest'
import { openStore, STORE_FILES } from '../../src/main/store/open-store'
import { createBackup, restoreBackup, verifyBackup } from '../../src/main/store/store-backup'
import { cleanUp, mode, newKey, open, SECRET_NAME, seedFolder, sha256, tempDir } from '../helpers/store-fixtures'

afterEach(async () => {
  vi.useRealTimers()
  await cleanUp()
})

function folderHashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => [e.name, sha256(join(dir, e.name))])
  )
}

describe('backups', () => {
  it('round trip: backup of an open store, verify with the key, restore into a folder whose old files are kept', async () => {
    const dir = tempDir()
    const key = newKey()
    const ids = await seedFolder(dir, { key })
    const store = await open(dir, { key })
    const out = join(tempDir(), 'nested', 'one.cfbak')
    const started = performance.now()
    const made = await createBackup(store, out)
    const tookMs = performance.now() - started
    expect(made.encrypted).toBe(true)
    expect(made.files.map((f) => f.name).sort()).toEqual([...Object.values(STORE_FILES), MANIFEST_FILE].sort())
    expect(mode(out)).toBe(0o600)
    expect(readFileSync(out, 'utf8')).not.toContain(SECRET_NAME)

    const verified = await verifyBackup(out, key)
    expect(verified.files.find((f) => f.name === 'employees.db')?.lines).toBe(4) // three employees and the code index
    console.log(`backup of ${made.files.length} files (${made.bytes} bytes) ${tookMs.toFixed(0)} ms`)

    // Change the data after the backup, then restore it.
    await store.employees.insert({ code: 'LATE', name: 'After the backup', department: '', createdAt: 'x', updatedAt: 'x' })
    await store.close()
    const before = folderHashes(dir)
    const restored = await restoreBackup(out, dir, key)
    expect(restored.setAside).toMatch(/replaced-\d{8}T\d{6}Z$/)
    expect(folderHashes(restored.setAside!)).toEqual(Object.fromEntries(Object.entries(before).filter(([n]) => n !== 'clockface.lock')))
    const back = await open(dir, { key })
    expect(back.health().readOnly).toBe(false)
    expect((await back.employees.find({})).map((e) => e._id).sort()).toEqual([...ids['employees']!].sort())
    expect(await back.employees.findOne({ code: 'LATE' })).toBeNull()
  })

  it('restores into an empty folder, and a backup of a closed folder takes its files as they are', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const out = join(tempDir(), 'closed.cfbak')
    await createBackup(dir, out)
    const target = join(tempDir(), 'fresh')
    const restored = await restoreBackup(out, target, key)
    expect(restored.setAside).toBeNull()
    for (const file of Object.values(STORE_FILES)) expect(sha256(join(target, file))).toBe(sha256(join(dir, file)))
    expect(await (await open(target, { key })).templates.count({})).toBe(1)
  })

  it('refuses a backup with one byte changed anywhere, and touches nothing', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const out = join(tempDir(), 'b.cfbak')
    await createBackup(dir, out)
    const bytes = readFileSync(out)
    const before = folderHashes(dir)
    for (const at of [10, Math.floor(bytes.length / 2), bytes.length - 3]) {
      const tampered = Buffer.from(bytes)
      tampered[at] = tampered[at]! ^ 0x01
      writeFileSync(out, tampered)
      await expect(verifyBackup(out, key)).rejects.toMatchObject({ code: 'invalid-input' })
      await expect(restoreBackup(out, dir, key)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('It was not used') })
    }
    writeFileSync(out, bytes.subarray(0, bytes.length - 100))
    await expect(verifyBackup(out, key)).rejects.toMatchObject({ message: expect.stringContaining('checksum does not match') })
    expect(folderHashes(dir)).toEqual(before)
    expect(readdirSync(dir).some((n) => n.startsWith('replaced-'))).toBe(false)
  })

  it('refuses a backup made with another key, or without one, and touches nothing', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const other = tempDir()
    await seedFolder(other, { key: newKey() }, 1)
    const out = join(tempDir(), 'other.cfbak')
    await createBackup(other, out)
    const before = folderHashes(dir)
    await expect(restoreBackup(out, dir, key)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('Wrong key') })
    await expect(verifyBackup(out)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('give its key') })
    expect(folderHashes(dir)).toEqual(before)
  })

  it('refuses a backup whose checksums were recomputed around a forged line', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const employees = join(dir, STORE_FILES.employees)
    writeFileSync(employees, `${readFileSync(employees, 'utf8')}{"_id":"forged","code":"X"}\n`)
    const out = join(tempDir(), 'forged.cfbak')
    await createBackup(dir, out) // a closed folder is taken as it is, damage included
    await expect(verifyBackup(out, key)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('employees.db line 3') })
  })

  it('refuses to back up a store with damaged files, and to restore into a folder in use', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const out = join(tempDir(), 'x.cfbak')
    await createBackup(dir, out)
    const store = await open(dir, { key })
    await expect(restoreBackup(out, dir, key)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('already open') })
    await store.close()
    writeFileSync(join(dir, STORE_FILES.kiosks), 'damaged\n')
    const damaged = await open(dir, { key })
    await expect(createBackup(damaged, join(tempDir(), 'y.cfbak'))).rejects.toMatchObject({ code: 'read-only' })
  })

  it('refuses a backup naming a file outside the data folder', async () => {
    const dir = tempDir()
    const out = join(dir, 'evil.cfbak')
    const { createHash } = await import('node:crypto')
    const data = Buffer.from('x\n')
    const json = JSON.stringify({
      format: 'clockface-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      encrypted: false,
      files: [{ name: '../escape.db', bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), data: data.toString('base64') }]
    })
    writeFileSync(out, `clockface-backup 1 sha256:${createHash('sha256').update(json).digest('hex')}\n${json}`)
    await expect(restoreBackup(out, join(dir, 'data'))).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('unexpected file') })
    expect(existsSync(join(dir, 'escape.db'))).toBe(false)
  })

  it('daily schedule: a first backup soon after start when the newest is over a day old, then one a day, newest 7 kept', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const store = await open(dir, { key })
    const backups = join(dir, 'backups')
    let clock = new Date('2024-03-01T09:00:00Z')
    const made: string[] = []
    const errors: unknown[] = []
    const wait = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms)
      // The backup itself is file I/O on real promises: let it finish.
      for (let i = 0; i < 50 && made.length + errors.length < expected; i++) await new Promise((r) => setImmediate(r))
    }
    let expected = 0
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] })
    const stop = scheduleDailyBackups(store, {
      dir: backups,
      keep: 7,
      now: () => clock,
      firstCheckMs: 1000,
      checkEveryMs: 60 * 60 * 1000,
      onBackup: (s) => made.push(s.file),
      onError: (e) => errors.push(e)
    })
    expected = 1
    await wait(1000)
    expect(made).toHaveLength(1)
    expect(newestBackupTime(backups)?.toISOString()).toBe('2024-03-01T09:00:00.000Z')
    // Within the day: nothing new.
    clock = new Date('2024-03-01T20:00:00Z')
    await wait(60 * 60 * 1000)
    expect(made).toHaveLength(1)
    // Ten days, one check an hour: one backup a day, the newest seven kept.
    for (let day = 2; day <= 11; day++) {
      clock = new Date(`2024-03-${String(day).padStart(2, '0')}T09:30:00Z`)
      expected = made.length + 1
      await wait(60 * 60 * 1000)
    }
    expect(errors).toEqual([])
    expect(made).toHaveLength(11)
    const kept = listBackups(backups)
    expect(kept).toHaveLength(7)
    expect(kept[0]!.time.toISOString()).toBe('2024-03-05T09:30:00.000Z')
    expect(kept.at(-1)!.time.toISOString()).toBe('2024-03-11T09:30:00.000Z')
    expect(mode(backups)).toBe(0o700)
    await stop()
    await verifyBackup(kept.at(-1)!.path, key)
  })

  it('a store opened without a key backs up and restores in plain form', async () => {
    const dir = tempDir()
    await seedFolder(dir, {}, 1)
    const out = join(tempDir(), 'plain.cfbak')
    await createBackup(dir, out)
    expect((await verifyBackup(out)).encrypted).toBe(false)
    const target = tempDir()
    await restoreBackup(out, target)
    expect(await (await openStore(target)).employees.count({})).toBe(1)
  })
})
