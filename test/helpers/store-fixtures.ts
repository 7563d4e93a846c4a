/**
 * Shared pieces of the store tests: temporary data folders (removed after each test), a
 * data key, sample documents for every collection, and raw-file helpers.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openStore, STORE_FILES, type OpenStoreOptions } from '../../src/main/store/open-store'
import type { DataKey } from '../../src/main/store/key-provider'
import type { ClockfaceStore } from '../../src/main/store/store-types'

const dirs: string[] = []
const stores: ClockfaceStore[] = []

/** A new empty folder under the system temp folder, removed by {@link cleanUp}. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'clockface-store-'))
  dirs.push(dir)
  return dir
}

/** Opens a store that {@link cleanUp} closes if the test did not. */
export async function open(dir: string, options: OpenStoreOptions = {}): Promise<ClockfaceStore> {
  const store = await openStore(dir, options)
  stores.push(store)
  return store
}

/** Closes the stores and removes the folders of the test (call in afterEach). */
export async function cleanUp(): Promise<void> {
  for (const store of stores.splice(0)) await store.close()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** A fresh random raw data key. */
export function newKey(): DataKey {
  return { kind: 'raw', key: randomBytes(32) }
}

/** SHA-256 (hex) of a file's bytes. */
export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/** Permission bits of a path (e.g. 0o600). */
export function mode(path: string): number {
  return statSync(path).mode & 0o777
}

/** A 128-float descriptor whose numbers are easy to search for in raw bytes. */
export function descriptor(seed: number): number[] {
  return Array.from({ length: 128 }, (_, i) => Number((0.0123456 + seed / 1000 + i / 100000).toFixed(7)))
}

/** A thumbnail-sized base64 string (about 9 kB). */
export const THUMBNAIL = randomBytes(6_800).toString('base64')

/** The employee name the plaintext checks look for in raw bytes. */
export const SECRET_NAME = 'Grace Hopperfield'

/** A document for collection `name`, number `n`, shaped as the repositories store it. */
export function sampleDoc(name: keyof typeof STORE_FILES, n: number): Record<string, unknown> {
  const time = new Date(Date.UTC(2024, 0, 1, 8, n)).toISOString()
  switch (name) {
    case 'employees':
      return { code: `E${n}`, name: `${SECRET_NAME} ${n}`, department: 'Front desk', createdAt: time, updatedAt: time }
    case 'templates':
      return { employeeId: `emp${n}`, descriptor: descriptor(n), thumbnail: THUMBNAIL, source: 'file', createdAt: time }
    case 'attendance':
      return { employeeId: `emp${n}`, employeeCode: `E${n}`, employeeName: `${SECRET_NAME} ${n}`, type: 'check-in', time, distance: 0.31, kioskId: 'front' }
    case 'audit':
      return { time, action: 'createEmployee', channel: 'cli', outcome: 'done', summary: `added employee E${n}`, actor: 'local:test' }
    case 'accounts':
      return { username: `owner${n}`, role: 'owner', passwordHash: `scrypt$${n}`, failedAttempts: 0, createdAt: time }
    case 'kiosks':
      return { kioskId: `k${n}`, tokenHash: `${n}`.padStart(64, '0'), createdBy: 'owner', createdAt: time }
    case 'settings':
      return { _id: `settings${n}`, retentionDays: 365 + n }
    case 'apiKeys':
      return { name: `key ${n}`, prefix: `pfx${n}`, secretHash: `${n}`.padStart(64, '0'), scopes: ['read'], createdBy: 'owner', createdAt: time }
    case 'visitors':
      return { visitorId: `V-${n}`, descriptor: descriptor(n), createdAt: time, lastSeenAt: time, seenCount: 1 }
    case 'punchPhotos':
      return { punchId: `punch${n}`, time, jpeg: THUMBNAIL }
  }
}

/** Inserts `count` sample documents into every collection and closes the store; returns the ids per collection. */
export async function seedFolder(dir: string, options: OpenStoreOptions, count = 3): Promise<Record<string, string[]>> {
  // Seeding needs no flush per write (the store-crash test covers that); it keeps the tests fast.
  const store = await openStore(dir, { fsync: false, ...options })
  const ids: Record<string, string[]> = {}
  try {
    for (const name of Object.keys(STORE_FILES) as (keyof typeof STORE_FILES)[]) {
      ids[name] = []
      for (let n = 1; n <= count; n++) {
        const doc = (await (store[name] as unknown as { insert(d: unknown): Promise<{ _id: string }> }).insert(sampleDoc(name, n))) as { _id: string }
        ids[name].push(doc._id)
      }
    }
  } finally {
    await store.close()
  }
  return ids
}
