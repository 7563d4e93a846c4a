/**
 * The desktop app's data key: a random 32-byte key kept in the data folder wrapped by the
 * operating system's secret store through Electron's `safeStorage` (DPAPI on Windows, the
 * Keychain on macOS, libsecret or KWallet on Linux), so the app opens its data without asking
 * anyone. Where the OS offers no real secret store (Linux's `basic_text` backend, which
 * would keep the key next to the data in effect in plain text), an admin passphrase is used
 * instead. Pure Node: the caller passes Electron's `safeStorage` in.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { readManifest } from './data-manifest'
import { ensurePrivateDir, writeFileAtomic } from './file-modes'
import { KEYRING_FILE } from './folder-layout'
import { defaultKeyFile, type DataKey } from './key-provider'
import { KEY_BYTES } from './line-cipher'

/** The part of Electron's `safeStorage` this module uses (injected, so tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet`, `kwallet5`, `kwallet6` or `unknown`. */
  getSelectedStorageBackend?(): string
  encryptString(plainText: string): Buffer
  decryptString(encrypted: Buffer): string
}

/** What {@link keyFromSafeStorage} found. */
export type KeyringResult =
  /** Open the folder with `key`; `created` when a new key was just made (the folder gets encrypted on open). */
  | { status: 'ready'; key: DataKey; created: boolean }
  /** Ask an admin for the data passphrase and open with `{ kind: 'passphrase', passphrase }`; `reason` says why. */
  | { status: 'passphrase-needed'; reason: string }

/** The keyring file as stored (JSON). */
interface KeyringFile {
  format: 'clockface-keyring'
  version: 1
  /** The safeStorage backend that wrapped the key (for messages when it is gone). */
  backend: string
  /** safeStorage.encryptString(hex key), base64. */
  wrappedKey: string
}

/**
 * The backend that cannot protect a key: Electron's own docs say `basic_text` stores secrets
 * with a hard-coded password, i.e. readable by anyone who can read the files.
 */
const PLAIN_TEXT_BACKEND = 'basic_text'

function backendOf(safeStorage: SafeStorageLike): string {
  return safeStorage.getSelectedStorageBackend?.() ?? process.platform
}

function unwrap(file: string, safeStorage: SafeStorageLike): Buffer {
  let ring: KeyringFile
  try {
    ring = JSON.parse(readFileSync(file, 'utf8')) as KeyringFile
  } catch (error) {
    throw new ClockfaceError('store-error', `The keyring ${file} cannot be read: ${(error as Error).message}`)
  }
  if (ring.format !== 'clockface-keyring' || typeof ring.wrappedKey !== 'string') {
    throw new ClockfaceError('store-error', `The keyring ${file} is damaged or not a Clockface keyring.`)
  }
  if (!safeStorage.isEncryptionAvailable()) {
    throw new ClockfaceError(
      'store-error',
      `The data key in ${file} is protected by the system's secret store (${ring.backend}), which is not available now; sign in to the desktop session that unlocks it, or open the data with its key file or passphrase.`
    )
  }
  let hex: string
  try {
    hex = safeStorage.decryptString(Buffer.from(ring.wrappedKey, 'base64'))
  } catch (error) {
    throw new ClockfaceError(
      'store-error',
      `The system's secret store (${ring.backend}) could not unwrap the data key in ${file} (${(error as Error).message}); it may belong to another user or computer.`
    )
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new ClockfaceError('store-error', `The keyring ${file} holds no valid key.`)
  return Buffer.from(hex, 'hex')
}

/**
 * Finds or makes the data key of `dataDir` for the desktop app:
 * 1. a keyring (`<dataDir>/clockface.keyring`) exists: unwrap its key with safeStorage;
 * 2. else the default key file `<dataDir>.key` exists (the folder was used in browser mode or
 *    from the command line): use it;
 * 3. else the folder is encrypted with a passphrase, or safeStorage is unavailable or only
 *    `basic_text`: `passphrase-needed`;
 * 4. else the folder is encrypted with a key that is in neither place: ClockfaceError;
 * 5. else make a random key, wrap it and write the keyring (0600, crash-safe): `ready`,
 *    `created: true`.
 * Raises ClockfaceError `store-error` when a keyring exists but cannot be unwrapped, or in case 4.
 */
export function keyFromSafeStorage(dataDir: string, safeStorage: SafeStorageLike): KeyringResult {
  const dir = resolve(dataDir)
  const file = join(dir, KEYRING_FILE)
  if (existsSync(file)) return { status: 'ready', key: { kind: 'raw', key: unwrap(file, safeStorage) }, created: false }
  const keyFile = defaultKeyFile(dir)
  if (existsSync(keyFile)) return { status: 'ready', key: { kind: 'file', path: keyFile }, created: false }
  const manifest = existsSync(dir) ? readManifest(dir) : null
  if (manifest?.kdf !== undefined) {
    return { status: 'passphrase-needed', reason: 'The data folder is protected by an admin passphrase.' }
  }
  const backend = backendOf(safeStorage)
  if (!safeStorage.isEncryptionAvailable() || backend === PLAIN_TEXT_BACKEND) {
    if (manifest !== null) {
      throw new ClockfaceError('store-error', `The data folder ${dir} is encrypted with a key that is neither in its keyring nor in ${keyFile}; restore the keyring or the key file.`)
    }
    return {
      status: 'passphrase-needed',
      reason:
        backend === PLAIN_TEXT_BACKEND
          ? 'This system has no secret store (no keyring or wallet), so the data key would be kept in plain text; choose a data passphrase instead.'
          : 'The system secret store is not available, so the data key cannot be kept safely; choose a data passphrase instead.'
    }
  }
  if (manifest !== null) {
    throw new ClockfaceError('store-error', `The data folder ${dir} is encrypted with a key that is neither in its keyring nor in ${keyFile}; restore the keyring or the key file.`)
  }
  const key = randomBytes(KEY_BYTES)
  const ring: KeyringFile = {
    format: 'clockface-keyring',
    version: 1,
    backend,
    wrappedKey: safeStorage.encryptString(key.toString('hex')).toString('base64')
  }
  try {
    ensurePrivateDir(dir)
    writeFileAtomic(file, `${JSON.stringify(ring, null, 2)}\n`)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot write the keyring ${file}: ${(error as Error).message}`)
  }
  return { status: 'ready', key: { kind: 'raw', key }, created: true }
}
