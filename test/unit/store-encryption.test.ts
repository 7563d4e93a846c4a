import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createManifest, MANIFEST_FILE, readManifest, writeManifest } from '../../src/main/store/data-manifest'
import { createKeyFile, defaultDataKey, defaultKeyFile, readKeyFile, type DataKey } from '../../src/main/store/key-provider'
import { createLineCipher } from '../../src/main/store/line-cipher'
import { openStore, STORE_FILES } from '../../src/main/store/open-store'
import { LOCK_FILE } from '../../src/main/store/store-lock'
import { cleanUp, descriptor, mode, newKey, open, SECRET_NAME, seedFolder, sha256, tempDir } from '../helpers/store-fixtures'

afterEach(cleanUp)

/** SHA-256 of every file in a folder, by name. */
function folderHashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((name) => [name, sha256(join(dir, name))]))
}

const rawKey = (key: DataKey) => (key as { key: Uint8Array }).key

function dataLines(dir: string, file: string): string[] {
  return readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
}

describe('encryption at rest', () => {
  it('writes no plain text: every line is an AES-GCM line, and the data reads back with the key', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key })
    const descriptorNumber = String(descriptor(1)[5])
    for (const file of Object.values(STORE_FILES)) {
      const raw = readFileSync(join(dir, file), 'utf8')
      for (const secret of [SECRET_NAME, 'Front desk', descriptorNumber, 'employeeId', 'owner1', '$$indexCreated']) expect(raw, file).not.toContain(secret)
      for (const line of dataLines(dir, file)) expect(line).toMatch(/^cf1:[A-Za-z0-9+/]+={0,2}$/)
    }
    // A random IV per line: the same record written twice never gives the same line.
    const lines = dataLines(dir, STORE_FILES.kiosks)
    expect(new Set(lines).size).toBe(lines.length)

    const store = await open(dir, { key })
    expect(store.encrypted).toBe(true)
    expect((await store.employees.find({})).map((e) => e.name).sort()).toEqual([1, 2, 3].map((n) => `${SECRET_NAME} ${n}`))
    expect((await store.templates.findOne({ employeeId: 'emp1' }))?.descriptor).toEqual(descriptor(1))
  })

  it('refuses a wrong key before loading anything, and changes no byte', async () => {
    const dir = tempDir()
    await seedFolder(dir, { key: newKey() })
    const before = folderHashes(dir)
    const error = await openStore(dir, { key: newKey() }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'store-error', message: expect.stringMatching(/^Wrong key: the given key does not open the data folder .*Nothing was loaded or changed\.$/) })
    expect(folderHashes(dir)).toEqual(before)
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false)
  })

  it('refuses an encrypted folder opened without a key, and changes no byte', async () => {
    const dir = tempDir()
    await seedFolder(dir, { key: newKey() })
    const before = folderHashes(dir)
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('is encrypted; open it with its key') })
    expect(folderHashes(dir)).toEqual(before)
  })

  it('encrypts a plain folder in place once, then refuses plain lines appended to it as damaged', async () => {
    const dir = tempDir()
    const ids = await seedFolder(dir, {})
    expect(readFileSync(join(dir, STORE_FILES.employees), 'utf8')).toContain(SECRET_NAME)
    expect(existsSync(join(dir, MANIFEST_FILE))).toBe(false)
    const key = newKey()

    const store = await open(dir, { key })
    expect(store.health().readOnly).toBe(false)
    expect(readManifest(dir)).toMatchObject({ encrypted: true, migrating: false })
    for (const file of Object.values(STORE_FILES)) {
      for (const line of dataLines(dir, file)) expect(line.startsWith('cf1:'), file).toBe(true)
    }
    expect((await store.employees.find({})).map((e) => e._id).sort()).toEqual([...ids['employees']!].sort())
    await store.close()

    // Someone appends a plain record to inject an owner account: it is damage, not data.
    const accounts = join(dir, STORE_FILES.accounts)
    writeFileSync(accounts, `${readFileSync(accounts, 'utf8')}{"_id":"evil","username":"mallory","role":"owner","passwordHash":"x"}\n`)
    const again = await open(dir, { key })
    expect(again.health().damaged).toEqual([{ file: 'accounts.db', lines: [dataLines(dir, STORE_FILES.accounts).length], copy: expect.any(String) }])
    expect(await again.accounts.findOne({ username: 'mallory' })).toBeNull()
  })

  it('finishes an encryption that a damaged file held up once that file is repaired', async () => {
    const dir = tempDir()
    await seedFolder(dir, {}, 2)
    const audit = join(dir, STORE_FILES.audit)
    writeFileSync(audit, `${readFileSync(audit, 'utf8')}{"_id":"torn","time":"2024-\n`)
    const key = newKey()
    const store = await open(dir, { key })
    expect(store.health().damaged.map((d) => d.file)).toEqual(['audit.db'])
    expect(readManifest(dir)?.migrating).toBe(true)
    expect(store.readOnlyReason()).toContain('fully encrypted once it is repaired')
    // The other files are already encrypted; the damaged one is untouched (still plain).
    expect(dataLines(dir, STORE_FILES.employees).every((l) => l.startsWith('cf1:'))).toBe(true)
    expect(readFileSync(audit, 'utf8')).toContain('"torn"')

    await store.repair('audit.db')
    expect(readManifest(dir)?.migrating).toBe(false)
    expect(dataLines(dir, STORE_FILES.audit).every((l) => l.startsWith('cf1:'))).toBe(true)
    expect(await store.audit.count({})).toBe(2)
  })

  it('trusts only the authenticated migration state, not the copy people can edit in the manifest', async () => {
    const dir = tempDir()
    const key = newKey()
    await seedFolder(dir, { key }, 1)
    const manifest = readManifest(dir)!
    writeManifest(dir, { ...manifest, migrating: true })
    const employees = join(dir, STORE_FILES.employees)
    writeFileSync(employees, `${readFileSync(employees, 'utf8')}{"_id":"evil","code":"X","name":"Injected"}\n`)
    const store = await open(dir, { key })
    expect(store.health().damaged.map((d) => d.file)).toEqual(['employees.db'])
    expect(await store.employees.findOne({ code: 'X' })).toBeNull()
  })

  it('treats encrypted lines in a folder whose manifest is gone as damage, never as data to rewrite', async () => {
    const dir = tempDir()
    await seedFolder(dir, { key: newKey() }, 1)
    const before = sha256(join(dir, STORE_FILES.employees))
    const manifest = join(dir, MANIFEST_FILE)
    writeFileSync(manifest, '') // emptied: not a manifest
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('manifest') })
    // Deleted: the folder looks unencrypted, but its encrypted lines are refused, not dropped.
    rmSync(manifest)
    const store = await open(dir)
    expect(store.health().damaged.map((d) => d.file)).toContain('employees.db')
    await store.close()
    expect(sha256(join(dir, STORE_FILES.employees))).toBe(before)
  })

  describe('key sources', () => {
    it('a passphrase: scrypt (N 2^15, r 8, p 1) with the salt kept in the manifest', async () => {
      const dir = tempDir()
      const passphrase: DataKey = { kind: 'passphrase', passphrase: 'correct horse battery staple' }
      const store = await open(dir, { key: passphrase })
      await store.employees.insert({ code: 'E1', name: SECRET_NAME, department: '', createdAt: 'x', updatedAt: 'x' })
      await store.close()
      expect(readManifest(dir)?.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 15, r: 8, p: 1, salt: expect.any(String) })

      expect((await (await open(dir, { key: passphrase })).employees.findOne({ code: 'E1' }))?.name).toBe(SECRET_NAME)
    })

    it('a passphrase: wrong passphrase, raw key instead, and a short new one are refused', async () => {
      const dir = tempDir()
      await (await openStore(dir, { key: { kind: 'passphrase', passphrase: 'correct horse battery staple' } })).close()
      await expect(openStore(dir, { key: { kind: 'passphrase', passphrase: 'Correct horse battery staple' } })).rejects.toMatchObject({
        code: 'store-error',
        message: expect.stringContaining('Wrong key: the passphrase does not open')
      })
      await expect(openStore(dir, { key: newKey() })).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('Wrong key') })
      await expect(openStore(tempDir(), { key: { kind: 'passphrase', passphrase: 'short' } })).rejects.toMatchObject({ code: 'invalid-input' })
      const keyed = tempDir()
      await (await openStore(keyed, { key: newKey() })).close()
      await expect(openStore(keyed, { key: { kind: 'passphrase', passphrase: 'correct horse battery staple' } })).rejects.toMatchObject({
        message: expect.stringContaining('not protected by a passphrase')
      })
    })

    it('the default key file sits next to the data folder, is created 0600 on first use and reused after', async () => {
      const dir = join(tempDir(), 'Clockface')
      expect(defaultKeyFile(dir)).toBe(`${dir}.key`)
      const store = await open(dir, { key: defaultDataKey(dir) })
      await store.employees.insert({ code: 'E1', name: SECRET_NAME, department: '', createdAt: 'x', updatedAt: 'x' })
      await store.close()
      expect(mode(`${dir}.key`)).toBe(0o600)
      expect(readFileSync(`${dir}.key`, 'utf8')).toMatch(/^[0-9a-f]{64}\n$/)
      expect(readdirSync(dir)).not.toContain(`Clockface.key`)
      const again = await open(dir, { key: defaultDataKey(dir) })
      expect(await again.employees.count({})).toBe(1)
    })

    it('a lost key file is reported, never replaced by a new key', async () => {
      const dir = join(tempDir(), 'data')
      await (await openStore(dir, { key: defaultDataKey(dir) })).close()
      rmSync(`${dir}.key`)
      await expect(openStore(dir, { key: defaultDataKey(dir) })).rejects.toMatchObject({ code: 'store-error', message: expect.stringContaining('does not exist') })
      expect(existsSync(`${dir}.key`)).toBe(false)
    })

    it('key files: raw 32 bytes or 64 hex digits; refused when readable by others, malformed, or to be overwritten', () => {
      const dir = tempDir()
      const hex = join(dir, 'hex.key')
      const key = createKeyFile(hex)
      expect(readKeyFile(hex)).toEqual(key)
      expect(() => createKeyFile(hex)).toThrow(/already exists/)
      const raw = join(dir, 'raw.key')
      const bytes = randomBytes(32)
      writeFileSync(raw, bytes, { mode: 0o600 })
      expect(readKeyFile(raw)).toEqual(bytes)
      chmodSync(raw, 0o644)
      expect(() => readKeyFile(raw)).toThrow(/can be read by other users/)
      const bad = join(dir, 'bad.key')
      writeFileSync(bad, 'not a key', { mode: 0o600 })
      expect(() => readKeyFile(bad)).toThrow(/not a Clockface key/)
      expect(() => readKeyFile(join(dir, 'missing.key'))).toThrow(/does not exist/)
    })

    it('a raw key of the wrong length is invalid input', async () => {
      await expect(openStore(tempDir(), { key: { kind: 'raw', key: randomBytes(16) } })).rejects.toMatchObject({ code: 'invalid-input' })
    })
  })

  it('the key check value in the manifest is an encrypted line of the folder key', () => {
    const key = newKey()
    const manifest = createManifest(rawKey(key), undefined, false)
    expect(JSON.parse(createLineCipher(rawKey(key)).decrypt(manifest.keyCheck))).toEqual({ clockface: 'key-check', migrating: false })
  })
})
