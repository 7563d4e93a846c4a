/**
 * Two offline-first kiosks and one server on a real PostgreSQL, over the real HTTP transport:
 * the network cut (the server's transport stopped) while both kiosks punch, then restored:
 * every punch recorded exactly once, the same person at both kiosks in the same minute kept
 * once (the other a voided duplicate), in/out alternation right; a kiosk killed after the
 * server recorded its punch but before it heard back; an employee deleted on the server gone
 * from both kiosks' caches and galleries; a revoked kiosk key refused.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliContext } from '../../src/main/app-core'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import { SyncError } from '../../src/main/sync/sync-transport'
import type { AttendanceDoc } from '../../src/main/store/store-types'
import { postgresSkipReason } from '../helpers/postgres-server'
import { issueKey, openKiosk, startSyncServer, type SyncServer, type TestKiosk } from '../helpers/sync-fixture'
import { value } from './services-fixture'

const at = (hhmmss: string) => new Date(`2025-06-02T${hhmmss}Z`)

/** A unit-length descriptor of the current model pointing along axis `i` (distinct people, far apart). */
function descriptor(i: number): number[] {
  const d = new Array<number>(192).fill(0)
  d[i] = 1
  return d
}

describe.skipIf(postgresSkipReason !== null)(`kiosks syncing with a server${postgresSkipReason ? ` (skipped: ${postgresSkipReason})` : ''}`, () => {
  let clock = at('07:00:00')
  const config = { now: () => clock, cooldownMs: 60_000 }
  let server: SyncServer
  let north: TestKiosk
  let south: TestKiosk
  const keys: Record<string, { key: string; id: string }> = {}
  const dirs: string[] = []

  const serverPunches = async (code: string): Promise<AttendanceDoc[]> =>
    (await server.core.repos.attendance.between({ from: '2025-06-02T00:00:00.000Z', to: '2025-06-02T23:59:59.999Z' }, { codes: [code] }, 1000)).reverse()
  /** True when no two punches that count follow each other with the same type. */
  const alternates = (docs: AttendanceDoc[]) => {
    const types = docs.filter((d) => d.voided !== true).map((d) => d.type)
    return types.every((type, i) => i === 0 || type !== types[i - 1])
  }

  beforeAll(async () => {
    server = await startSyncServer(config)
    for (const [i, code] of ['E1', 'E2', 'E3'].entries()) {
      const { employee } = value(await server.core.dispatch('createEmployee', { code, name: `Person ${code}` }, cliContext()))
      await server.core.repos.templates.insert({ employeeId: employee.id, descriptor: descriptor(i), thumbnail: '', model: RECOGNITION_MODEL_ID, source: 'file', createdAt: clock.toISOString() })
    }
    keys['north'] = await issueKey(server, 'north')
    keys['south'] = await issueKey(server, 'south')
    north = await openKiosk(server, 'north', keys['north'].key, config)
    south = await openKiosk(server, 'south', keys['south'].key, config)
    dirs.push(north.dir, south.dir)
  })

  afterAll(async () => {
    await north?.close()
    await south?.close()
    await server?.stop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('issues kiosk keys hashed and audited, and both kiosks pull employees and templates into cache and gallery', async () => {
    const registrations = await server.core.repos.kiosks.all()
    expect(registrations.map((k) => k.kioskId)).toEqual(['north', 'south'])
    expect(JSON.stringify(registrations)).not.toContain(keys['north']!.key)
    const audit = value(await server.core.dispatch('listAuditLog', {}, cliContext())).filter((e) => e.action === 'issueKioskKey')
    expect(audit.map((e) => e.summary)).toEqual(expect.arrayContaining(['issued a sync key for kiosk "north"', 'issued a sync key for kiosk "south"']))
    for (const kiosk of [north, south]) {
      expect(await kiosk.sync.syncNow()).toMatchObject({ pushed: 0, pulledEmployees: 3, pulledTemplates: 3 })
      expect((await kiosk.repos.employees.all()).map((e) => e.code).sort()).toEqual(['E1', 'E2', 'E3'])
      expect(await kiosk.gallery.persons()).toBe(3)
      expect(await kiosk.sync.syncNow()).toMatchObject({ pulledEmployees: 0, pulledTemplates: 0 })
    }
    const listed = value(await server.core.dispatch('listKiosks', {}, cliContext()))
    expect(listed.find((k) => k.kioskId === 'north')?.sync).toMatchObject({ outbox: 0, version: expect.any(String) })
  })

  it('refuses enrolment and edits at the kiosk: staff and faces belong to the server', async () => {
    const created = await north.dispatch('createEmployee', { code: 'LOCAL', name: 'Made at the kiosk' }, cliContext())
    expect(created).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('add, change and remove staff and faces there') } })
    expect(await north.dispatch('deleteEmployee', { code: 'E1' }, cliContext())).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await north.repos.employees.byCode('E1')).not.toBeNull()
  })

  it('online, a punch is recorded locally and on the server at once, with the server deciding the type', async () => {
    clock = at('08:00:00')
    const punch = await north.punch('E1')
    expect(punch).toMatchObject({ type: 'check-in', repeated: false, kioskId: 'north' })
    expect(punch.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/)
    expect(await north.cache.pendingCount()).toBe(0)
    expect((await serverPunches('E1')).map((d) => [d._id, d.type, d.kioskId])).toEqual([[punch.id, 'check-in', 'north']])
  })

  it('with the network cut, both kiosks keep punching; once restored, every punch is on the server exactly once and alternation is right', async () => {
    await server.cut()
    const made: string[] = []
    const punchAt = async (kiosk: TestKiosk, code: string, time: string) => {
      clock = at(time)
      const p = await kiosk.punch(code)
      made.push(p.id)
      return p
    }
    // The same person at the other entrance 20 s later: the server will keep one.
    expect(await punchAt(south, 'E1', '08:00:20')).toMatchObject({ type: 'check-in' })
    expect(await punchAt(north, 'E1', '12:00:00')).toMatchObject({ type: 'check-out' })
    expect(await punchAt(south, 'E2', '12:00:00')).toMatchObject({ type: 'check-in' })
    // North never saw E2's check-in at south: locally it decides check-in too.
    expect(await punchAt(north, 'E2', '13:00:00')).toMatchObject({ type: 'check-in' })
    expect(await punchAt(south, 'E1', '17:00:00')).toMatchObject({ type: 'check-out' })
    expect(await punchAt(north, 'E3', '09:00:00')).toMatchObject({ type: 'check-in' })
    await expect(north.sync.syncNow()).rejects.toMatchObject({ kind: 'offline' })
    await expect(south.sync.syncNow()).rejects.toMatchObject({ kind: 'offline' })
    expect(north.sync.state()).toMatchObject({ online: false })
    expect(await north.cache.pendingCount()).toBe(3)
    expect(await south.cache.pendingCount()).toBe(3)

    await server.restore()
    expect(await north.sync.syncNow()).toMatchObject({ pushed: 3, duplicates: 0 })
    expect(await south.sync.syncNow()).toMatchObject({ pushed: 3, duplicates: 1 })
    expect(await north.cache.pendingCount()).toBe(0)
    expect(await south.cache.pendingCount()).toBe(0)

    const all = [...(await serverPunches('E1')), ...(await serverPunches('E2')), ...(await serverPunches('E3'))]
    expect(all.map((d) => d._id).sort()).toEqual([...made, all.find((d) => d.time === '2025-06-02T08:00:00.000Z')!._id].sort())
    const e1 = await serverPunches('E1')
    expect(e1.map((d) => [d.time.slice(11, 19), d.kioskId, d.type, d.voided === true])).toEqual([
      ['08:00:00', 'north', 'check-in', false],
      ['08:00:20', 'south', 'check-in', true],
      ['12:00:00', 'north', 'check-out', false],
      ['17:00:00', 'south', 'check-in', false]
    ])
    expect(e1[1]!.revisions?.[0]).toMatchObject({ action: 'void', by: 'system:sync', reason: expect.stringContaining('duplicate of the check-in at north') })
    const e2 = await serverPunches('E2')
    expect(e2.map((d) => [d.time.slice(11, 19), d.kioskId, d.type])).toEqual([
      ['12:00:00', 'south', 'check-in'],
      ['13:00:00', 'north', 'check-out']
    ])
    expect(e2[1]!.revisions?.[0]).toMatchObject({ action: 'edit', by: 'system:sync', before: { type: 'check-in' }, after: { type: 'check-out' } })
    for (const docs of [e1, e2, await serverPunches('E3')]) expect(alternates(docs)).toBe(true)
    // The kiosks' own copies carry the server's verdicts.
    expect(await south.repos.attendance.byId(e1[1]!._id)).toMatchObject({ voided: true })
    expect(await south.repos.attendance.byId(e1[3]!._id)).toMatchObject({ type: 'check-in' })

    // Another round pushes nothing and doubles nothing.
    expect(await north.sync.syncNow()).toMatchObject({ pushed: 0 })
    expect((await serverPunches('E1')).length).toBe(4)
  })

  it('a kiosk killed after the server recorded its punch but before it heard back pushes it again on restart: recorded once', async () => {
    await north.close()
    // This transport passes the push to the server, then fails as a process killed before the answer arrived would.
    north = await openKiosk(server, 'north', keys['north']!.key, config, {
      dir: north.dir,
      transport: (http) => ({
        async push(request) {
          await http.push(request)
          throw new SyncError('offline', 'killed before the answer arrived')
        },
        pull: (request) => http.pull(request)
      })
    })
    clock = at('18:00:00')
    const punch = await north.punch('E3')
    expect(await north.cache.pendingCount()).toBe(1)
    expect((await serverPunches('E3')).map((d) => d._id)).toContain(punch.id)
    await north.close()
    north = await openKiosk(server, 'north', keys['north']!.key, config, { dir: north.dir })
    expect(await north.cache.pendingCount()).toBe(1)
    expect(await north.sync.syncNow()).toMatchObject({ pushed: 1 })
    expect(await north.cache.pendingCount()).toBe(0)
    const e3 = await serverPunches('E3')
    expect(e3.filter((d) => d._id === punch.id)).toHaveLength(1)
    expect(e3.map((d) => d.type)).toEqual(['check-in', 'check-out'])
  })

  it('an employee deleted on the server is gone from both kiosks (cache, templates, gallery) at the next sync', async () => {
    value(await server.core.dispatch('deleteEmployee', { code: 'E2' }, cliContext()))
    for (const kiosk of [north, south]) {
      const before = (await kiosk.repos.employees.byCode('E2'))!
      expect(await kiosk.sync.syncNow()).toMatchObject({ removed: 2 })
      expect(await kiosk.repos.employees.byCode('E2')).toBeNull()
      expect(await kiosk.repos.templates.countOfEmployee(before._id)).toBe(0)
      expect(await kiosk.gallery.persons()).toBe(2)
      expect((await kiosk.gallery.rank(descriptor(1)))[0]?.employeeId).not.toBe(before._id)
    }
  })

  it('settings changed on the server reach the kiosks, except the integration API settings each machine keeps', async () => {
    value(await north.dispatch('updateSettings', { apiPort: 6001 }, cliContext()))
    value(await server.core.dispatch('updateSettings', { language: 'es', idleMinutes: 7, apiPort: 7001 }, cliContext()))
    await north.sync.syncNow()
    const settings = value(await north.dispatch('getSettings', {}, cliContext()))
    expect(settings).toMatchObject({ language: 'es', idleMinutes: 7, apiPort: 6001 })
  })

  it('a revoked kiosk key is refused; the kiosk keeps its punches in the outbox', async () => {
    value(await server.core.dispatch('revokeKiosk', { id: keys['south']!.id }, cliContext()))
    clock = at('19:00:00')
    const punch = await south.punch('E1')
    expect(await south.cache.pendingCount()).toBe(1)
    await expect(south.sync.syncNow()).rejects.toMatchObject({ kind: 'refused', message: expect.stringContaining('unauthorized') })
    expect(south.sync.state().refused).toMatch(/unauthorized/)
    expect((await serverPunches('E1')).map((d) => d._id)).not.toContain(punch.id)
  })
})
