/**
 * Password and PIN hashing with scrypt from node:crypto, a memory-hard function, so a stolen
 * accounts.db cannot be brute-forced cheaply on GPUs. Stored form:
 * `scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>`, so the cost can be raised later
 * while old hashes still verify.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * scrypt cost: N = 2^17, r = 8, p = 1 (128 MiB, about 0.3 s here), the minimum the OWASP
 * Password Storage Cheat Sheet gives for scrypt.
 */
export const SCRYPT_COST = { log2N: 17, r: 8, p: 1 } as const
const KEY_BYTES = 32
const SALT_BYTES = 16

function derive(secret: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N
  // scrypt needs 128 · N · r bytes; node's default cap (32 MiB) is below that.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r }
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

/** Hashes a password or PIN with a fresh random salt; resolves to the stored form (see module doc). */
export async function hashSecret(secret: string, cost: { log2N: number; r: number; p: number } = SCRYPT_COST): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await derive(secret, salt, cost.log2N, cost.r, cost.p)
  return ['scrypt', cost.log2N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/**
 * True when `secret` hashes to `stored` (constant-time comparison). A malformed `stored`
 * gives false, never an error, so a damaged record cannot be signed into.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false
  const [log2N, r, p] = parts.slice(1, 4).map(Number)
  if (!Number.isInteger(log2N) || !Number.isInteger(r) || !Number.isInteger(p) || log2N! < 10 || log2N! > 22) return false
  const expected = Buffer.from(parts[5]!, 'base64')
  if (expected.length !== KEY_BYTES) return false
  const actual = await derive(secret, Buffer.from(parts[4]!, 'base64'), log2N!, r!, p!)
  return timingSafeEqual(actual, expected)
}
