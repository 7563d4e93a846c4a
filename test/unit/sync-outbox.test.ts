/**
 * A syncing kiosk's attendance repository over a real NeDB folder: punches get UUIDv7 ids and
 * wait in the outbox until the server answers; the server's verdict replaces the kiosk's
 * decision; retention never removes a punch still waiting; system punches stay local.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore } from '../../src/main/store/open-store'
import { createRepositories } from '../../src/main/store/repositories'
import { createKioskCacheRepository, type KioskCacheRepository } from '../../src/main/store/repositories/kiosk-cache-repository'
import type { AttendanceDoc, ClockfaceStore, NewDoc } from '../../src/main/store/store-types'
import { withOutbox } from '../../src/main/sync/outbox-attendance'

const punch = (time: string, source: AttendanceDoc['source'] = 'face'): NewDoc<AttendanceDoc> => ({
  employeeId: 'e1',
  employeeCode: 'E1',
  employeeName: 'Ana',
  type: 'check-in',
  time,
  distance: 0.3,
  source,
  kioskId: 'gate',
  timeZone: 'UTC'
})

describe('the outbox of a syncing kiosk', () => {
  let dir: string
  let store: ClockfaceStore
  let cache: KioskCacheRepository

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'clockface-outbox-'))
    store = await openStore(dir, { fsync: false })
    cache = createKioskCacheRepository(store)
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('records offline punches with UUIDv7 ids in the outbox, and keeps them from retention until the server answered', async () => {
    const attendance = withOutbox(createRepositories(store).attendance, cache, async () => null)
    const old = await attendance.insert(punch('2020-01-01T08:00:00.000Z'))
    expect(old._id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(await cache.pendingCount()).toBe(1)
    expect(await attendance.removeOlderThan('2024-01-01T00:00:00.000Z')).toBe(0)
    await cache.acknowledge({ id: old._id, status: 'recorded', type: 'check-out', voided: false })
    expect(await cache.pendingCount()).toBe(0)
    expect(await attendance.byId(old._id)).toMatchObject({ type: 'check-out' })
    expect(await attendance.removeOlderThan('2024-01-01T00:00:00.000Z')).toBe(1)
  })

  it('answers with the server verdict when it comes in time, and keeps system punches local', async () => {
    const attendance = withOutbox(createRepositories(store).attendance, cache, (doc) => cache.acknowledge({ id: doc._id, status: 'duplicate', type: 'check-in', voided: true }))
    expect(await attendance.insert(punch('2025-01-01T08:00:00.000Z'))).toMatchObject({ voided: true })
    const system = await attendance.insert(punch('2025-01-01T23:00:00.000Z', 'system'))
    expect(system.pendingSync).toBeUndefined()
    expect(await cache.pendingCount()).toBe(0)
  })
})
