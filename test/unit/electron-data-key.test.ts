/**
 * The desktop app's data key: the OS keyring through a stand-in for Electron's safeStorage
 * (the Electron binary cannot run here), the passphrase fallback where the OS has no keyring,
 * and a clear refusal when neither exists.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DATA_PASSPHRASE_ENV, desktopDataKey } from '../../src/main/electron/data-key'
import type { SafeStorageLike } from '../../src/main/store/safe-storage-keyring'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A keyring that "encrypts" by reversing bytes; `backend` as Linux reports it. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from(text, 'utf8').reverse(),
    decryptString: (bytes) => Buffer.from(bytes).reverse().toString('utf8')
  }
}

describe('desktop data key', () => {
  it('keeps a random key wrapped by the OS keyring and gives the same key next time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-key-'))
    dirs.push(dir)
    const first = desktopDataKey(dir, fakeSafeStorage('gnome_libsecret'), {})
    const again = desktopDataKey(dir, fakeSafeStorage('gnome_libsecret'), {})
    expect(first).toMatchObject({ kind: 'raw' })
    expect(again).toEqual(first)
    const raw = (first as unknown as { key: Buffer }).key
    expect(raw.length).toBe(32)
    // The key is never stored in the clear next to the data.
    expect(readFileSync(join(dir, 'clockface.keyring'), 'utf8')).not.toContain(raw.toString('hex'))
  })

  it('falls back to the admin passphrase where the OS stores secrets as plain text, and refuses without one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-key-'))
    dirs.push(dir)
    expect(desktopDataKey(dir, fakeSafeStorage('basic_text'), { [DATA_PASSPHRASE_ENV]: 'a long passphrase' })).toEqual({ kind: 'passphrase', passphrase: 'a long passphrase' })
    expect(() => desktopDataKey(dir, fakeSafeStorage('basic_text'), {})).toThrow(new RegExp(DATA_PASSPHRASE_ENV))
    expect(() => desktopDataKey(dir, fakeSafeStorage('unknown', false), {})).toThrow(/store|keyring|passphrase/i)
  })
})
