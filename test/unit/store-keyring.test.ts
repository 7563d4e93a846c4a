import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KEYRING_FILE } from '../../src/main/store/folder-layout'
import { defaultDataKey, type DataKey } from '../../src/main/store/key-provider'
import { openStore } from '../../src/main/store/open-store'
import { keyFromSafeStorage, type KeyringResult, type SafeStorageLike } from '../../src/main/store/safe-storage-keyring'
import { cleanUp, mode, open, SECRET_NAME, tempDir } from '../helpers/store-fixtures'

afterEach(cleanUp)

/** A stand-in for Electron's safeStorage: AES-CTR under a per-"user" secret, like DPAPI or the Keychain would. */
function fakeSafeStorage(options: { available?: boolean; backend?: string; secret?: Buffer } = {}): SafeStorageLike & { calls: number } {
  const secret = options.secret ?? randomBytes(32)
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(plain: string) {
      fake.calls++
      const iv = randomBytes(16)
      const c = createCipheriv('aes-256-ctr', secret, iv)
      return Buffer.concat([iv, c.update(plain, 'utf8'), c.final()])
    },
    decryptString(data: Buffer) {
      const d = createDecipheriv('aes-256-ctr', secret, data.subarray(0, 16))
      return Buffer.concat([d.update(data.subarray(16)), d.final()]).toString('utf8')
    }
  }
  return options.backend === undefined ? fake : { ...fake, getSelectedStorageBackend: () => options.backend! }
}

/** The key of a `ready` result (fails the test otherwise). */
function readyKey(result: KeyringResult): DataKey {
  if (result.status !== 'ready') throw new Error(`expected a key, got: ${result.reason}`)
  return result.key
}

const rawBytes = (key: DataKey) => (key as { key: Uint8Array }).key

describe('keyFromSafeStorage', () => {
  it('makes a random key wrapped by the OS secret store on first use, and unwraps the same key after', async () => {
    const dir = join(tempDir(), 'data')
    const safe = fakeSafeStorage({ backend: 'gnome_libsecret' })
    const first = keyFromSafeStorage(dir, safe)
    expect(first).toMatchObject({ status: 'ready', created: true, key: { kind: 'raw' } })
    expect(mode(join(dir, KEYRING_FILE))).toBe(0o600)
    const ring = readFileSync(join(dir, KEYRING_FILE), 'utf8')
    const key = Buffer.from(rawBytes(readyKey(first)))
    expect(ring).not.toContain(key.toString('hex'))
    expect(JSON.parse(ring)).toMatchObject({ format: 'clockface-keyring', backend: 'gnome_libsecret' })

    const store = await open(dir, { key: readyKey(first) })
    await store.employees.insert({ code: 'E1', name: SECRET_NAME, department: '', createdAt: 'x', updatedAt: 'x' })
    await store.close()

    const second = keyFromSafeStorage(dir, safe)
    expect(second).toMatchObject({ status: 'ready', created: false })
    expect(Buffer.from(rawBytes(readyKey(second)))).toEqual(key)
    expect(await (await open(dir, { key: readyKey(second) })).employees.count({})).toBe(1)
  })

  it('asks for a passphrase where the only backend keeps secrets in plain text (basic_text) or none is available', () => {
    expect(keyFromSafeStorage(tempDir(), fakeSafeStorage({ backend: 'basic_text' }))).toEqual({
      status: 'passphrase-needed',
      reason: expect.stringContaining('plain text')
    })
    expect(keyFromSafeStorage(tempDir(), fakeSafeStorage({ available: false }))).toMatchObject({ status: 'passphrase-needed' })
  })

  it('asks for the passphrase of a folder protected by one, and never makes a keyring for it', async () => {
    const dir = tempDir()
    await (await openStore(dir, { key: { kind: 'passphrase', passphrase: 'correct horse battery staple' } })).close()
    const safe = fakeSafeStorage()
    expect(keyFromSafeStorage(dir, safe)).toMatchObject({ status: 'passphrase-needed', reason: expect.stringContaining('passphrase') })
    expect(existsSync(join(dir, KEYRING_FILE))).toBe(false)
    expect(safe.calls).toBe(0)
  })

  it('uses the default key file of a folder first used in browser mode', async () => {
    const dir = join(tempDir(), 'data')
    await (await openStore(dir, { key: defaultDataKey(dir) })).close()
    expect(keyFromSafeStorage(dir, fakeSafeStorage())).toEqual({ status: 'ready', created: false, key: { kind: 'file', path: `${dir}.key` } })
  })

  it('refuses a keyring another user or computer wrapped, and an encrypted folder whose key is nowhere', async () => {
    const dir = tempDir()
    keyFromSafeStorage(dir, fakeSafeStorage())
    expect(() => keyFromSafeStorage(dir, fakeSafeStorage())).toThrow(/holds no valid key|could not unwrap/)
    expect(() => keyFromSafeStorage(dir, fakeSafeStorage({ available: false }))).toThrow(/not available now/)

    const orphan = tempDir()
    await (await openStore(orphan, { key: { kind: 'raw', key: randomBytes(32) } })).close()
    expect(() => keyFromSafeStorage(orphan, fakeSafeStorage())).toThrow(/neither in its keyring nor in/)
    writeFileSync(join(orphan, KEYRING_FILE), 'garbage')
    expect(() => keyFromSafeStorage(orphan, fakeSafeStorage())).toThrow(/cannot be read/)
  })
})
