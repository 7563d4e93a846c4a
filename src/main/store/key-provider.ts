/**
 * Where the 32-byte data key of an encrypted folder comes from: the key itself, an admin
 * passphrase (scrypt), or a key file. The Electron keyring (safeStorage) is in
 * safe-storage-keyring.ts; the manifest that tells a right key from a wrong one is in
 * data-manifest.ts.
 */
import { randomBytes, scrypt } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { DIR_MODE, FILE_MODE, fsyncDir } from './file-modes'
import { KEY_BYTES } from './line-cipher'

/**
 * The key of a data folder, as `openStore(dir, { key })` takes it:
 * - `raw`: the 32 bytes themselves (e.g. unwrapped from the OS keyring);
 * - `passphrase`: an admin passphrase, stretched with scrypt and the salt in the folder's
 *   manifest (a new salt when the folder is first encrypted);
 * - `file`: a key file (32 random bytes, raw or as 64 hex digits, mode 0600); with `create`,
 *   a missing file is created with a fresh random key, but only for a folder that is not
 *   encrypted yet (a lost key file is never silently replaced by a new key).
 */
export type DataKey =
  | { kind: 'raw'; key: Uint8Array }
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'file'; path: string; create?: boolean }

/** scrypt cost parameters (RFC 7914): CPU/memory cost N (a power of two), block size r, parallelism p. */
export interface ScryptParams {
  N: number
  r: number
  p: number
}

/**
 * Cost of new passphrase keys: N = 2^15, r = 8, p = 1, the parameters RFC 7914 and OWASP's
 * password-storage guidance give for interactive logins (32 MiB, about 0.1 s on one core).
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 }
/** Shortest passphrase accepted when a folder is first encrypted with one, in characters. */
export const MIN_PASSPHRASE_CHARS = 8
/** Length of a new scrypt salt, in bytes (128 bits). */
export const SALT_BYTES = 16

/**
 * Stretches a passphrase into a 32-byte key with scrypt. The passphrase is NFC-normalised so
 * the same typed text gives the same key on every system. `salt` comes from the folder's
 * manifest; `params` default to {@link DEFAULT_SCRYPT}. Raises ClockfaceError `invalid-input`
 * for an empty passphrase.
 */
export async function keyFromPassphrase(passphrase: string, salt: Uint8Array, params: ScryptParams = DEFAULT_SCRYPT): Promise<Buffer> {
  if (passphrase.length === 0) throw new ClockfaceError('invalid-input', 'The data passphrase is empty.')
  // Node refuses scrypt above 32 MiB by default; N = 2^15, r = 8 needs exactly that, so leave room.
  const maxmem = 256 * params.N * params.r
  return new Promise((done, fail) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N: params.N, r: params.r, p: params.p, maxmem }, (error, key) =>
      error ? fail(new ClockfaceError('store-error', `Cannot derive the data key from the passphrase: ${error.message}`)) : done(key)
    )
  })
}

/**
 * Reads a key file: exactly 32 bytes, or 64 hex digits (surrounding white space ignored).
 * Raises ClockfaceError `store-error` when the file is missing or unreadable, holds anything
 * else, or (outside Windows) can be read by other users than its owner, as ssh does for
 * private keys: a key others can read protects nothing.
 */
export function readKeyFile(path: string): Buffer {
  const file = resolve(path)
  let bytes: Buffer
  try {
    if (process.platform !== 'win32') {
      const mode = statSync(file).mode & 0o777
      if ((mode & 0o077) !== 0) {
        throw new ClockfaceError(
          'store-error',
          `The key file ${file} can be read by other users (mode ${mode.toString(8)}); make it private with chmod 600 ${file}.`
        )
      }
    }
    bytes = readFileSync(file)
  } catch (error) {
    if (error instanceof ClockfaceError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new ClockfaceError(
      'store-error',
      code === 'ENOENT' ? `The key file ${file} does not exist.` : `Cannot read the key file ${file}: ${(error as Error).message}`,
      { file }
    )
  }
  if (bytes.byteLength === KEY_BYTES) return bytes
  const text = bytes.toString('utf8').trim()
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex')
  throw new ClockfaceError('store-error', `The key file ${file} is not a Clockface key: it must hold 32 bytes or 64 hex digits.`, { file })
}

/**
 * Creates a key file holding a fresh random 32-byte key as 64 hex digits and a newline, mode
 * 0600, flushed to the disk (with its folder) before returning, since data will be encrypted
 * with it at once. Missing parent folders are created (0700). Returns the key. Raises
 * ClockfaceError `store-error` when the file already exists (it is never overwritten) or
 * cannot be written.
 */
export function createKeyFile(path: string): Buffer {
  const file = resolve(path)
  const key = randomBytes(KEY_BYTES)
  try {
    mkdirSync(dirname(file), { recursive: true, mode: DIR_MODE })
    const fd = openSync(file, 'wx', FILE_MODE)
    try {
      writeSync(fd, `${key.toString('hex')}\n`)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    fsyncDir(dirname(file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new ClockfaceError(
      'store-error',
      code === 'EEXIST' ? `The key file ${file} already exists; it was not overwritten.` : `Cannot create the key file ${file}: ${(error as Error).message}`,
      { file }
    )
  }
  return key
}

/**
 * The default key file of a data folder: `<dataDir>.key`, next to the folder rather than in
 * it, so a copy of the data folder (or a backup of it) does not carry its key along. E.g.
 * `~/.config/Clockface` → `~/.config/Clockface.key`.
 */
export function defaultKeyFile(dataDir: string): string {
  return `${resolve(dataDir)}.key`
}

/**
 * The key browser mode and the command line use when none is given: {@link defaultKeyFile},
 * created on first use (which encrypts a folder that is not encrypted yet).
 */
export function defaultDataKey(dataDir: string): DataKey {
  return { kind: 'file', path: defaultKeyFile(dataDir), create: true }
}

/** Words for error messages naming where a key came from, e.g. `the key file /x/Clockface.key`. */
export function describeKey(key: DataKey): string {
  if (key.kind === 'file') return `the key file ${resolve(key.path)}`
  if (key.kind === 'passphrase') return 'the passphrase'
  return 'the given key'
}

/** True when a key file exists at `path`. */
export function keyFileExists(path: string): boolean {
  return existsSync(resolve(path))
}
