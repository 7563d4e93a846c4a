/**
 * The server side of kiosk sync through dispatch on the embedded store: kiosk keys issued
 * (hashed, resolving to the kiosk) and revoked (refused), pushes validated and recorded once,
 * and pulls refused with a clear reason where there is no change log (server mode only).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { v7 as uuidv7 } from 'uuid'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { tokenHash } from '../../src/main/services/auth/admin-sessions'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

describe('kiosk sync operations', () => {
  let core: UnitCore
  const clock = new Date('2025-04-01T08:00:00Z')

  beforeEach(async () => {
    core = await openUnitCore({ now: () => clock })
  })
  afterEach(async () => {
    await core.close()
  })

  it('issues a key stored only as its hash, which identifies the kiosk until revoked', async () => {
    const issued = await core.call('issueKioskKey', { kioskId: 'gate-2' })
    if (!issued.ok) throw new Error(issued.error.message)
    const { key, kiosk } = issued.value
    expect(key.length).toBeGreaterThanOrEqual(40)
    const doc = await core.repos.kiosks.byId(kiosk.id)
    expect(doc?.tokenHash).toBe(tokenHash(key))
    expect(JSON.stringify(doc)).not.toContain(key)
    expect((await core.auth.resolve({ kioskToken: key }, 'syncPush')).kiosk).toEqual({ kioskId: 'gate-2' })
    expect(await core.call('revokeKiosk', { id: kiosk.id })).toMatchObject({ ok: true })
    expect((await core.auth.resolve({ kioskToken: key }, 'syncPush')).kiosk).toBeNull()
    expect(await core.call('issueKioskKey', { kioskId: 'no spaces' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('records a pushed punch once, refuses callers that are not kiosks and ids that are not UUIDv7', async () => {
    value(await core.call('issueKioskKey', { kioskId: 'gate-2' }))
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'gate-2' } })
    const punch = {
      id: uuidv7(),
      employeeId: 'e1',
      employeeCode: 'E1',
      employeeName: 'Ana',
      type: 'check-in' as const,
      typeChosen: false,
      time: '2025-04-01T07:59:00.000Z',
      distance: 0.3,
      source: 'face' as const,
      timeZone: 'UTC'
    }
    const first = await core.callAs(kiosk, 'syncPush', { punches: [punch], outbox: 1, version: '0.1.0' })
    expect(first).toMatchObject({ ok: true, value: { verdicts: [{ id: punch.id, status: 'recorded', type: 'check-in', voided: false }] } })
    expect(await core.callAs(kiosk, 'syncPush', { punches: [punch], outbox: 1, version: '0.1.0' })).toMatchObject({ ok: true, value: { verdicts: [{ status: 'known' }] } })
    expect(await core.repos.attendance.count({ from: '2025-04-01T00:00:00Z', to: '2025-04-02T00:00:00Z' }, {})).toBe(1)
    expect((await core.repos.kiosks.activeByKioskId('gate-2'))?.sync).toMatchObject({ outbox: 0, version: '0.1.0' })
    expect(await core.call('syncPush', { punches: [], outbox: 0, version: '0.1.0' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await core.callAs(kiosk, 'syncPush', { punches: [{ ...punch, id: 'not-a-uuid' }], outbox: 1, version: '0.1.0' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('refuses a pull on the embedded store, saying kiosks sync with server mode', async () => {
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'gate-2' } })
    expect(await core.callAs(kiosk, 'syncPull', { after: 0 })).toMatchObject({ ok: false, error: { code: 'store-error', message: expect.stringContaining('serve --database') } })
  })
})

function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}
