/**
 * Staff without face data: an employee created with a PIN only punches at the kiosk with code
 * and PIN through dispatch; wrong PINs are refused alike for unknown codes, and lock the code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { PIN_LOCKOUT as LOCKOUT } from '../../src/main/services/privacy/pin-punch'
import { startTestCore, value, type TestCore } from './services-fixture'

describe('PIN punches at the kiosk', () => {
  let t: TestCore
  let clock = new Date(2024, 4, 6, 8, 0)
  const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'k1' } })
  const punch = (code: string, pin: string) => t.callAs(kiosk, 'punchWithPin', { code, pin })

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock, cooldownMs: 60_000 })
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('creates an employee with a PIN and no face data, stored as a hash only', async () => {
    const { employee, template } = value(await t.call('createEmployee', { code: 'P1', name: 'Pin Only', pin: '2468' }))
    expect(template).toBeNull()
    expect(employee).toMatchObject({ code: 'P1', hasPin: true, templateCount: 0 })
    expect(employee.consent).toBeUndefined()
    const doc = await t.core.repos.employees.byCode('P1')
    expect(doc?.pinHash).toMatch(/^scrypt\$/)
    expect(JSON.stringify(doc)).not.toContain('2468')
    expect(await t.call('createEmployee', { code: 'P2', name: 'Short', pin: '12' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const [entry] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'createEmployee', outcome: 'invalid-input' })
    const created = value(await t.call('listAuditLog', {})).find((e) => e.action === 'createEmployee' && e.outcome === 'ok')
    expect(created?.summary).toBe('added employee P1 "Pin Only" with a kiosk PIN and no face template')
  })

  it('punches by PIN: check-in, repeat within the cooldown, then check-out; distance null, source pin', async () => {
    const first = value(await punch('P1', '2468'))
    expect(first).toMatchObject({ employeeCode: 'P1', type: 'check-in', repeated: false, source: 'pin', distance: null, kioskId: 'k1' })
    clock = new Date(2024, 4, 6, 8, 0, 30)
    expect(value(await punch('P1', '2468'))).toMatchObject({ id: first.id, repeated: true })
    clock = new Date(2024, 4, 6, 17, 0)
    expect(value(await punch('P1', '2468'))).toMatchObject({ type: 'check-out', repeated: false, source: 'pin' })
    const log = value(await t.call('listAttendance', {}))
    expect(log.map((e) => [e.type, e.source, e.distance])).toEqual([
      ['check-out', 'pin', null],
      ['check-in', 'pin', null]
    ])
    // Punches are the attendance log, not admin actions: nothing of them in the audit log.
    expect(value(await t.call('listAuditLog', {})).some((e) => e.action === 'punchWithPin')).toBe(false)
  })

  it('refuses a wrong PIN and an unknown code with the same answer', async () => {
    const wrong = await punch('P1', '0000')
    const unknown = await punch('NOBODY', '2468')
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(unknown).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    if (!wrong.ok && !unknown.ok) expect(wrong.error.message).toBe(unknown.error.message)
    // A caller that is neither a kiosk nor an admin cannot try at all.
    const anonymous = createCallContext({ channel: 'browser' })
    expect(await t.callAs(anonymous, 'punchWithPin', { code: 'P1', pin: '2468' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })

  it(`locks a code out after ${LOCKOUT.attempts} wrong PINs in a row, the right PIN included, for ${LOCKOUT.minutes} minutes`, async () => {
    clock = new Date(2024, 4, 7, 8, 0)
    // One failure is already counted from the test above.
    for (let i = 1; i < LOCKOUT.attempts - 1; i++) expect(await punch('P1', '1111')).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    const locked = await punch('P1', '1111')
    expect(locked).toMatchObject({ ok: false, error: { code: 'locked-out' } })
    if (!locked.ok) expect(locked.error.message).toMatch(/15 minutes/)
    expect(await punch('P1', '2468')).toMatchObject({ ok: false, error: { code: 'locked-out' } })

    // Unknown codes lock out the same way, so probing codes tells nothing.
    for (let i = 1; i < LOCKOUT.attempts; i++) await punch('GHOST', '1111')
    expect(await punch('GHOST', '1111')).toMatchObject({ ok: false, error: { code: 'locked-out' } })

    clock = new Date(2024, 4, 7, 8, LOCKOUT.minutes, 1)
    expect(value(await punch('P1', '2468'))).toMatchObject({ type: 'check-in', source: 'pin' })
  })

  it('lets an admin change or remove the PIN, logging only that it changed', async () => {
    value(await t.call('updateEmployee', { code: 'P1', changes: { pin: '97531' } }))
    clock = new Date(2024, 4, 7, 12, 0)
    expect(await punch('P1', '2468')).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(value(await punch('P1', '97531'))).toMatchObject({ type: 'check-out' })

    const cleared = value(await t.call('updateEmployee', { code: 'P1', changes: { pin: null } }))
    expect(cleared.hasPin).toBe(false)
    expect(await punch('P1', '97531')).toMatchObject({ ok: false, error: { code: 'unauthorized' } })

    const updates = value(await t.call('listAuditLog', {})).filter((e) => e.action === 'updateEmployee')
    expect(updates.map((e) => e.summary)).toEqual(['updated employee P1: removed the kiosk PIN', 'updated employee P1: set a new kiosk PIN'])
    const everything = JSON.stringify(value(await t.call('listAuditLog', {})))
    for (const pin of ['2468', '97531']) expect(everything).not.toContain(pin)
  })
})
