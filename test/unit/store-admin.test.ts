import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { backupCommand, restoreCommand } from '../../src/main/cli/backup-command'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { createDataHealthHandlers, noDataHealth } from '../../src/main/services/data-health'
import { listBackups } from '../../src/main/store/backup-schedule'
import { defaultKeyFile } from '../../src/main/store/key-provider'
import { STORE_FILES } from '../../src/main/store/open-store'
import { cleanUp, newKey, open, seedFolder, tempDir } from '../helpers/store-fixtures'

afterEach(async () => {
  process.exitCode = undefined
  await cleanUp()
})

const ctx = createCallContext({ channel: 'cli' })

describe('data health operations', () => {
  it('report damage, repair it, and make a backup that the health then dates', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 2)
    writeFileSync(join(dir, STORE_FILES.kiosks), `${readFileSync(join(dir, STORE_FILES.kiosks), 'utf8')}torn`)
    const store = await open(dir, { key })
    const now = new Date('2024-05-01T10:00:00Z')
    const handlers = createDataHealthHandlers(store, { now: () => now })

    const health = await handlers.getDataHealth({}, ctx)
    expect(health).toEqual({
      readOnly: true,
      reason: expect.stringContaining('kiosks.db has damaged line 4'),
      encrypted: true,
      damaged: [{ file: 'kiosks.db', lines: [4], copy: expect.stringMatching(/^kiosks\.db\.damaged-/) }],
      newestBackupAt: null
    })
    await expect(handlers.createBackup({}, ctx)).rejects.toMatchObject({ code: 'read-only' })
    await expect(handlers.repairDataFile({ file: 'employees.db' }, ctx)).rejects.toMatchObject({ code: 'not-found' })

    expect(await handlers.repairDataFile({ file: 'kiosks.db' }, ctx)).toMatchObject({ readOnly: false, reason: null, damaged: [] })
    const made = await handlers.createBackup({}, ctx)
    expect(made).toEqual({ file: join(dir, 'backups', 'clockface-backup-20240501T100000Z.cfbak'), createdAt: now.toISOString(), bytes: expect.any(Number) })
    expect((await handlers.getDataHealth({}, ctx)).newestBackupAt).toBe(now.toISOString())
  })

  it('without a store, says so instead of answering', async () => {
    await expect(noDataHealth.getDataHealth({}, ctx)).rejects.toMatchObject({ code: 'store-error' })
  })
})

describe('CLI backup and restore', () => {
  it('backup writes and verifies into <data>/backups; restore refuses while the folder is open, then restores', async () => {
    const dir = join(tempDir(), 'data')
    const printed: string[] = []
    const print = (line: string) => printed.push(line)
    // No key given: the default key file <data>.key is created and the folder encrypted.
    await seedFolder(dir, { key: { kind: 'file', path: defaultKeyFile(dir), create: true } }, 1)

    await backupCommand({ data: dir }, print)
    expect(process.exitCode).toBeUndefined()
    const [backup] = listBackups(join(dir, 'backups'))
    expect(printed.at(-1)).toContain(`Backup written and verified: ${backup!.path}`)
    expect(printed.at(-1)).toContain('encrypted')

    const store = await open(dir, { key: { kind: 'file', path: defaultKeyFile(dir) } })
    await store.employees.remove({}, { multi: true })
    await restoreCommand(backup!.path, { data: dir }, print)
    expect(process.exitCode).toBe(7)
    process.exitCode = undefined
    await store.close()

    await restoreCommand(backup!.path, { data: dir }, print)
    expect(process.exitCode).toBeUndefined()
    expect(printed.at(-1)).toMatch(/^The files it replaced are kept in .*replaced-\d{8}T\d{6}Z\.$/)
    expect(readdirSync(dir).filter((n) => n.startsWith('replaced-'))).toHaveLength(1)
    const back = await open(dir, { key: { kind: 'file', path: defaultKeyFile(dir) } })
    expect(await back.employees.count({})).toBe(1)
  })

  it('restore of a tampered backup exits with invalid input and changes nothing', async () => {
    const dir = join(tempDir(), 'data')
    await seedFolder(dir, { key: { kind: 'file', path: defaultKeyFile(dir), create: true } }, 1)
    const out = join(tempDir(), 'b.cfbak')
    await backupCommand({ data: dir, out }, () => undefined)
    const bytes = readFileSync(out)
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01
    writeFileSync(out, bytes)
    const before = readdirSync(dir).sort()
    await restoreCommand(out, { data: dir }, () => undefined)
    expect(process.exitCode).toBe(2)
    expect(readdirSync(dir).sort()).toEqual(before)
  })
})
