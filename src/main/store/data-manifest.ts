/**
 * The manifest of an encrypted data folder, `clockface.json`: format version, cipher, the
 * scrypt salt when the key comes from a passphrase, and a key check value, so a wrong key is
 * told apart before any data file is read (and so before anything could be written with it).
 * A folder without a manifest is not encrypted.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { writeFileAtomic } from './file-modes'
import { createKeyFile, DEFAULT_SCRYPT, describeKey, keyFromPassphrase, MIN_PASSPHRASE_CHARS, readKeyFile, SALT_BYTES, type DataKey, type ScryptParams } from './key-provider'
import { createLineCipher, KEY_BYTES } from './line-cipher'

/** File name of the manifest inside the data folder. */
export const MANIFEST_FILE = 'clockface.json'
/** Current manifest version. */
export const MANIFEST_VERSION = 1

/** How a passphrase key was derived: scrypt with these parameters and this salt (base64). */
export interface KdfRecord extends ScryptParams {
  name: 'scrypt'
  salt: string
}

/** The manifest as stored (JSON). */
export interface DataManifest {
  format: 'clockface-data'
  version: number
  encrypted: true
  cipher: 'aes-256-gcm'
  /** Present when the key is derived from a passphrase. */
  kdf?: KdfRecord
  /**
   * An encrypted line holding {@link KeyCheck}: it decrypts only with the folder's key, and
   * being authenticated it also vouches for the migration state (`migrating` below is a copy
   * for people reading the file).
   */
  keyCheck: string
  /** True while a plain folder is being encrypted in place (plain lines still accepted). */
  migrating: boolean
}

/** Plain text of the key check value. */
interface KeyCheck {
  clockface: 'key-check'
  migrating: boolean
}

/** The scrypt parameters a manifest may ask for: bounded, so an altered manifest cannot make opening take hours or gigabytes. */
function validKdf(kdf: unknown): kdf is KdfRecord {
  if (typeof kdf !== 'object' || kdf === null) return false
  const k = kdf as Record<string, unknown>
  const n = k['N']
  return (
    k['name'] === 'scrypt' &&
    typeof k['salt'] === 'string' &&
    Buffer.from(k['salt'], 'base64').byteLength >= SALT_BYTES &&
    typeof n === 'number' &&
    Number.isInteger(n) &&
    n >= 2 ** 14 &&
    n <= 2 ** 20 &&
    (n & (n - 1)) === 0 &&
    Number.isInteger(k['r']) &&
    (k['r'] as number) >= 1 &&
    (k['r'] as number) <= 32 &&
    Number.isInteger(k['p']) &&
    (k['p'] as number) >= 1 &&
    (k['p'] as number) <= 16
  )
}

/**
 * Parses a manifest's text; `where` names it in errors (a path, or "the backup").
 * Raises ClockfaceError `store-error` when it is not a manifest this version understands.
 */
export function parseManifest(text: string, where: string): DataManifest {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new ClockfaceError('store-error', `The manifest ${where} is damaged (not JSON); restore it from a backup. Nothing was loaded.`)
  }
  const m = value as Partial<DataManifest> | null
  if (
    typeof m !== 'object' ||
    m === null ||
    m.format !== 'clockface-data' ||
    m.encrypted !== true ||
    m.cipher !== 'aes-256-gcm' ||
    typeof m.keyCheck !== 'string' ||
    (m.kdf !== undefined && !validKdf(m.kdf))
  ) {
    throw new ClockfaceError('store-error', `The manifest ${where} is damaged or not a Clockface manifest; restore it from a backup. Nothing was loaded.`)
  }
  if (m.version !== MANIFEST_VERSION) {
    throw new ClockfaceError('store-error', `The manifest ${where} has version ${String(m.version)}; this Clockface reads version ${MANIFEST_VERSION}.`)
  }
  return { ...m, migrating: m.migrating === true } as DataManifest
}

/** Reads `<dataDir>/clockface.json`, or null when there is none (a folder that is not encrypted). Raises as {@link parseManifest}. */
export function readManifest(dataDir: string): DataManifest | null {
  const file = join(dataDir, MANIFEST_FILE)
  if (!existsSync(file)) return null
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot read the manifest ${file}: ${(error as Error).message}`)
  }
  return parseManifest(text, file)
}

/** Writes the manifest of `dataDir` crash-safely (mode 0600). Raises what the write raises. */
export function writeManifest(dataDir: string, manifest: DataManifest): void {
  writeFileAtomic(join(dataDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}

/** A manifest for `key` (32 bytes), with `kdf` when it came from a passphrase, in migration state `migrating`. */
export function createManifest(key: Uint8Array, kdf: KdfRecord | undefined, migrating: boolean): DataManifest {
  const check: KeyCheck = { clockface: 'key-check', migrating }
  return {
    format: 'clockface-data',
    version: MANIFEST_VERSION,
    encrypted: true,
    cipher: 'aes-256-gcm',
    ...(kdf === undefined ? {} : { kdf }),
    keyCheck: createLineCipher(key).encrypt(JSON.stringify(check)),
    migrating
  }
}

/**
 * Checks `key` against the manifest's key check value and returns the authenticated
 * migration state. Raises ClockfaceError `store-error` "wrong key" (naming `source` and
 * `where`) when it does not open the check value.
 */
export function checkManifestKey(manifest: DataManifest, key: Uint8Array, source: string, where: string): { migrating: boolean } {
  let check: KeyCheck | undefined
  try {
    check = JSON.parse(createLineCipher(key).decrypt(manifest.keyCheck)) as KeyCheck
  } catch {
    check = undefined
  }
  if (check?.clockface !== 'key-check') {
    throw new ClockfaceError('store-error', `Wrong key: ${source} does not open ${where}. Nothing was loaded or changed.`)
  }
  return { migrating: check.migrating === true }
}

/** An unlocked key and, for a passphrase, how it was derived. */
export interface UnlockedKey {
  key: Buffer
  kdf?: KdfRecord
  /** Words naming the key's source for messages (see describeKey). */
  source: string
}

/**
 * Turns a {@link DataKey} into the 32 key bytes for a folder whose manifest is `manifest`
 * (null: a folder being encrypted now). A passphrase uses the manifest's salt and cost, or a
 * new salt and {@link DEFAULT_SCRYPT} for a new manifest (then it must be at least
 * {@link MIN_PASSPHRASE_CHARS} characters). A key file with `create` is created only when
 * there is no manifest yet. Does not check the key (see {@link checkManifestKey}).
 * Raises ClockfaceError `invalid-input` (a raw key that is not 32 bytes, a short new
 * passphrase) or `store-error` (key file missing or unreadable, a passphrase for a folder
 * whose key is not one).
 */
export async function unlockKey(dataKey: DataKey, manifest: DataManifest | null, where: string): Promise<UnlockedKey> {
  const source = describeKey(dataKey)
  if (dataKey.kind === 'raw') {
    if (dataKey.key.byteLength !== KEY_BYTES) {
      throw new ClockfaceError('invalid-input', `A data key is ${KEY_BYTES} bytes; the one given has ${dataKey.key.byteLength}.`)
    }
    return { key: Buffer.from(dataKey.key), source }
  }
  if (dataKey.kind === 'file') {
    if (manifest === null && dataKey.create === true && !existsSync(dataKey.path)) return { key: createKeyFile(dataKey.path), source }
    return { key: readKeyFile(dataKey.path), source }
  }
  if (manifest !== null) {
    if (manifest.kdf === undefined) {
      throw new ClockfaceError('store-error', `Wrong key: ${where} is not protected by a passphrase but by a key (keyring or key file). Nothing was loaded or changed.`)
    }
    const { N, r, p, salt } = manifest.kdf
    return { key: await keyFromPassphrase(dataKey.passphrase, Buffer.from(salt, 'base64'), { N, r, p }), kdf: manifest.kdf, source }
  }
  if (dataKey.passphrase.length < MIN_PASSPHRASE_CHARS) {
    throw new ClockfaceError('invalid-input', `A data passphrase must be at least ${MIN_PASSPHRASE_CHARS} characters.`)
  }
  const salt = randomBytes(SALT_BYTES)
  const kdf: KdfRecord = { name: 'scrypt', ...DEFAULT_SCRYPT, salt: salt.toString('base64') }
  return { key: await keyFromPassphrase(dataKey.passphrase, salt, DEFAULT_SCRYPT), kdf, source }
}
