/**
 * AES-256-GCM encryption of one line of a data file. Each line is sealed on its own, with a
 * fresh random IV, so NeDB can keep appending one line per write and a damaged line spoils
 * only itself. GCM authenticates: a flipped bit anywhere in the line fails decryption instead
 * of yielding altered data.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

/** Marks an encrypted line and its format version (1: AES-256-GCM, iv | ciphertext | tag). */
export const CIPHER_PREFIX = 'cf1:'
/** Key length of AES-256, in bytes. */
export const KEY_BYTES = 32
/** GCM nonce length, in bytes (the 96 bits NIST SP 800-38D recommends). */
const IV_BYTES = 12
/** GCM authentication tag length, in bytes (the full 128 bits). */
const TAG_BYTES = 16

/** Encrypts and decrypts single lines with one 32-byte key. */
export interface LineCipher {
  /** `cf1:` + base64(iv 12 bytes | ciphertext | tag 16 bytes); never contains a line break. */
  encrypt(plain: string): string
  /**
   * The plain text of a line {@link encrypt} made with the same key. Throws an Error when the
   * line is not one (no prefix, not canonical base64, too short) or fails authentication
   * (another key, or any byte changed).
   */
  decrypt(line: string): string
}

/** True when `line` has the encrypted-line prefix (whether or not it decrypts). */
export function isEncryptedLine(line: string): boolean {
  return line.startsWith(CIPHER_PREFIX)
}

/**
 * A {@link LineCipher} over `key` (32 bytes; see key-provider.ts). Throws a RangeError for a
 * key of another length. The key is copied, so the caller may wipe its buffer.
 */
export function createLineCipher(key: Uint8Array): LineCipher {
  if (key.byteLength !== KEY_BYTES) throw new RangeError(`An AES-256 key is ${KEY_BYTES} bytes, not ${key.byteLength}`)
  const secret = Buffer.from(key)
  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', secret, iv)
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return CIPHER_PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
    },
    decrypt(line) {
      if (!line.startsWith(CIPHER_PREFIX)) throw new Error('not an encrypted line')
      const text = line.slice(CIPHER_PREFIX.length)
      // Node's base64 decoder skips characters it does not know, accepts the base64url ones and
      // ignores the spare bits of the last character, so a damaged character could decode to
      // the same bytes: only the canonical form (the one encrypt wrote) is accepted. Encoding
      // back and comparing checks that in a tenth of the time a regular expression takes.
      const raw = Buffer.from(text, 'base64')
      if (raw.toString('base64') !== text) throw new Error('not canonical base64')
      if (raw.byteLength < IV_BYTES + TAG_BYTES) throw new Error('too short to be an encrypted line')
      const decipher = createDecipheriv('aes-256-gcm', secret, raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES })
      decipher.setAuthTag(raw.subarray(raw.byteLength - TAG_BYTES))
      const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.byteLength - TAG_BYTES)), decipher.final()])
      return plain.toString('utf8')
    }
  }
}
