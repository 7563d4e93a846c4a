/**
 * punchFromApi through dispatch with the real engine and real photos: by photo and by code and
 * PIN, with the kiosk's cooldown and check-in/check-out rules, the caller's kiosk id, PIN
 * lock-out, and no punch for a face nobody matches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { PIN_LOCKOUT as LOCKOUT } from '../../src/main/services/privacy/pin-punch'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`api-services-punch: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('punches through the API', () => {
  let t: TestCore
  let clock = new Date(2024, 4, 6, 8, 0)
  const api = createCallContext({ channel: 'api', apiKey: { keyId: 'k', name: 'hr', scopes: ['identify', 'punch', 'read', 'enrol'] } })
  const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'lobby' } })
  const consent = { textVersion: CONSENT_TEXT_VERSION }
  let ada: string[] = []
  let stranger: string[] = []
  const punches = async () => value(await t.call('listAttendance', { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }))

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock, cooldownMs: 60_000 })
    const clusters = identityClusters()
    ada = clusters[0]!
    stranger = clusters[1]!
    value(await t.call('createEmployee', { code: 'ADA', name: 'Ada Lovelace', photo: photo(ada[0]!), consent, pin: '2468' }))
    value(await t.call('createEmployee', { code: 'PIN', name: 'Pin Only', pin: '1357' }))
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('punches the face of a photo: check-in, the same punch again within the cooldown, then check-out', async () => {
    const first = value(await t.callAs(api, 'punchFromApi', { image: photo(ada[1]!) }))
    expect(first).toMatchObject({ employeeCode: 'ADA', type: 'check-in', source: 'face', kioskId: 'api:hr', repeated: false })
    expect(first.distance).toBeLessThan(t.core.config.threshold)
    clock = new Date(2024, 4, 6, 8, 0, 30)
    expect(value(await t.callAs(api, 'punchFromApi', { image: photo(ada[2]!) }))).toMatchObject({ id: first.id, repeated: true })
    clock = new Date(2024, 4, 6, 12, 0)
    expect(value(await t.callAs(api, 'punchFromApi', { image: photo(ada[3]!) }))).toMatchObject({ type: 'check-out', repeated: false, kioskId: 'api:hr' })
    expect((await punches()).map((p) => [p.employeeCode, p.type, p.source])).toEqual([
      ['ADA', 'check-out', 'face'],
      ['ADA', 'check-in', 'face']
    ])
  })

  it('records the caller: a registered kiosk its own id, the local operator the configured one', async () => {
    clock = new Date(2024, 4, 6, 13, 0)
    expect(value(await t.callAs(kiosk, 'punchFromApi', { image: photo(ada[1]!) }))).toMatchObject({ type: 'check-in', kioskId: 'lobby' })
    clock = new Date(2024, 4, 6, 17, 0)
    expect(value(await t.call('punchFromApi', { image: photo(ada[1]!) }))).toMatchObject({ type: 'check-out', kioskId: 'test-kiosk' })
  })

  it('punches nobody for a face nobody matches, and says only "not recognised"', async () => {
    const before = (await punches()).length
    clock = new Date(2024, 4, 6, 17, 30)
    const refused = await t.callAs(api, 'punchFromApi', { image: photo(stranger[0]!) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/not recognised/) } })
    if (!refused.ok) expect(refused.error.details).toBeUndefined()
    expect(await t.callAs(api, 'punchFromApi', { image: photo('couple.jpg') })).toMatchObject({ ok: false, error: { code: 'multiple-faces' } })
    expect(await punches()).toHaveLength(before)
  })

  it('punches by code and PIN with the kiosk rules, and locks a code out after repeated wrong PINs', async () => {
    clock = new Date(2024, 4, 7, 8, 0)
    const first = value(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '1357' }))
    expect(first).toMatchObject({ employeeCode: 'PIN', type: 'check-in', source: 'pin', distance: null, kioskId: 'api:hr', repeated: false })
    clock = new Date(2024, 4, 7, 8, 0, 20)
    expect(value(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '1357' }))).toMatchObject({ id: first.id, repeated: true })

    for (let i = 1; i < LOCKOUT.attempts; i++) {
      expect(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    }
    expect(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '0000' })).toMatchObject({ ok: false, error: { code: 'locked-out' } })
    expect(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '1357' })).toMatchObject({ ok: false, error: { code: 'locked-out' } })
    clock = new Date(2024, 4, 7, 9, 0)
    expect(value(await t.callAs(api, 'punchFromApi', { code: 'PIN', pin: '1357' }))).toMatchObject({ type: 'check-out', source: 'pin' })
  })

  it('refuses a request with both a photo and a PIN, and a key without the punch scope', async () => {
    expect(await t.callAs(api, 'punchFromApi', { image: photo(ada[1]!), code: 'ADA', pin: '2468' } as never)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const readOnly = createCallContext({ channel: 'api', apiKey: { keyId: 'r', name: 'reports', scopes: ['read'] } })
    expect(await t.callAs(readOnly, 'punchFromApi', { code: 'PIN', pin: '1357' })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // Punches are the attendance log, not admin actions.
    expect(value(await t.call('listAuditLog', {})).some((e) => e.action === 'punchFromApi')).toBe(false)
  })
})
