/**
 * Admin access over the browser-mode HTTP transport, as an attacker and a careless operator
 * would probe it: admin operations without a session, the first-run set-up code, lock-out
 * after failed sign-ins, idle logout, roles, kiosk-only operations, and a bounded audit log.
 * The engine reports itself unavailable; the kiosk path on real photos is in
 * test/integration/kiosk-session.test.ts.
 */
import { appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { UNSAFE_TEXT } from '../../src/shared/contract'
import { LOCKOUT } from '../../src/main/services/auth/auth-service'
import { hashSecret, verifySecret } from '../../src/main/services/auth/password-hash'
import { MAX_REFUSALS_PER_MINUTE } from '../../src/main/services/audit-log'
import { createHttpServer, type HttpServer } from '../../src/main/transport/http-server'
import { testBrowser, type TestBrowser } from '../helpers/http-client'
import { assembleCore } from '../../src/main/app-core'
import { openStore } from '../../src/main/store/open-store'
import { openUnitCore, unavailableEngine, type UnitCore } from '../helpers/unit-core'

let core: UnitCore
let server: HttpServer
let url: string
let clock: Date
const SETUP_CODE = '12345678'
const frame = { frame: { kind: 'pixels', format: 'rgb', width: 2, height: 1, data: new Uint8Array(6) } }

beforeEach(async () => {
  clock = new Date('2024-01-15T08:00:00.000Z')
  core = await openUnitCore({ now: () => clock }, { setupCode: SETUP_CODE })
  server = await createHttpServer({ dispatch: core.dispatch, auth: core.auth })
  ;({ url } = await server.listen(0))
})

afterEach(async () => {
  await server.close()
  await core.close()
})

/** A browser signed in as the owner `olivia` (set up at first run). */
async function ownerBrowser(): Promise<TestBrowser> {
  const browser = testBrowser(url)
  const setup = await browser.post('setupOwner', { username: 'olivia', password: 'correct horse', setupCode: SETUP_CODE })
  expect(setup.result).toMatchObject({ ok: true, value: { admin: { username: 'olivia', role: 'owner' }, setupRequired: false } })
  return browser
}

describe('password hashing', () => {
  it('verifies the right secret only, and a damaged hash never', async () => {
    const stored = await hashSecret('123456')
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$/)
    expect(await verifySecret('123456', stored)).toBe(true)
    expect(await verifySecret('123457', stored)).toBe(false)
    expect(await verifySecret('123456', stored.slice(0, -4))).toBe(false)
    expect(await verifySecret('123456', 'plain-text')).toBe(false)
    expect(await hashSecret('123456')).not.toBe(stored) // fresh salt
  })
})

describe('admin access over HTTP', () => {
  it('refuses every admin operation without a session, and sets up the owner only with the printed code', async () => {
    const stranger = testBrowser(url)
    for (const [op, body] of [
      ['listEmployees', {}],
      ['createEmployee', { code: 'E1', name: 'Eve' }],
      ['deleteEmployee', { code: 'E1' }],
      ['enrolFace', { code: 'E1', image: { kind: 'encoded', data: new Uint8Array([0xff, 0xd8, 0xff]) } }],
      ['listTemplates', { code: 'E1' }],
      ['listAuditLog', {}],
      ['identifyFaces', { image: { kind: 'encoded', data: new Uint8Array([0xff, 0xd8, 0xff]) } }],
      ['listAccounts', {}]
    ] as const) {
      const { status, result } = await stranger.post(op, body)
      expect([op, status, result.ok ? 'ok' : result.error.code]).toEqual([op, 401, 'unauthorized'])
    }
    expect((await stranger.post('setupOwner', { username: 'mallory', password: 'let me in' })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect((await stranger.post('setupOwner', { username: 'mallory', password: 'let me in', setupCode: '00000000' })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const owner = await ownerBrowser()
    expect(owner.cookies.has('clockface_admin')).toBe(true)
    expect((await owner.post('listEmployees')).result).toEqual({ ok: true, value: [] })
    // Set up once: a second owner cannot be claimed that way.
    expect((await testBrowser(url).post('setupOwner', { username: 'mallory', password: 'let me in', setupCode: SETUP_CODE })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // The stranger still has no session.
    expect((await stranger.post('listEmployees')).status).toBe(401)
  })

  it('sends the session as an HttpOnly, SameSite=Strict cookie and never in the body', async () => {
    const browser = testBrowser(url)
    const setup = await browser.post('setupOwner', { username: 'olivia', password: 'correct horse', setupCode: SETUP_CODE })
    const cookie = setup.headers.getSetCookie().find((c) => c.startsWith('clockface_admin='))!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    expect(JSON.stringify(setup.result)).not.toContain(browser.cookies.get('clockface_admin')!)
    const out = await browser.post('logout')
    expect(out.result).toMatchObject({ ok: true, value: { admin: null } })
    expect((await browser.post('listEmployees')).status).toBe(401)
  })

  it(`locks an account after ${LOCKOUT.attempts} failed sign-ins for ${LOCKOUT.minutes} minutes, names unknown and known users alike`, async () => {
    await ownerBrowser()
    const attacker = testBrowser(url)
    for (let i = 1; i < LOCKOUT.attempts; i++) {
      expect((await attacker.post('login', { username: 'olivia', password: `guess-${i}` })).result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Wrong user name or password.' } })
    }
    const locked = await attacker.post('login', { username: 'olivia', password: 'guess-last' })
    expect(locked.status).toBe(429)
    expect(locked.result).toMatchObject({ ok: false, error: { code: 'locked-out' } })
    // Even the right password is refused while locked.
    expect((await attacker.post('login', { username: 'olivia', password: 'correct horse' })).result).toMatchObject({ ok: false, error: { code: 'locked-out' } })
    expect((await core.call('listAccounts', {})).ok && (await core.call('listAccounts', {}))).toMatchObject({ value: [{ username: 'olivia', lockedUntil: '2024-01-15T08:15:00.000Z' }] })

    clock = new Date(clock.getTime() + LOCKOUT.minutes * 60_000 + 1000)
    expect((await testBrowser(url).post('login', { username: 'olivia', password: 'correct horse' })).result).toMatchObject({ ok: true, value: { admin: { username: 'olivia' } } })

    // A name with no account answers the same, and locks the same.
    const prober = testBrowser(url)
    for (let i = 1; i < LOCKOUT.attempts; i++) expect((await prober.post('login', { username: 'nobody', password: 'x' })).result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'Wrong user name or password.' } })
    expect((await prober.post('login', { username: 'nobody', password: 'x' })).result).toMatchObject({ ok: false, error: { code: 'locked-out' } })

    const log = await core.call('listAuditLog', { limit: 50 })
    const failed = log.ok ? log.value.filter((e) => e.action === 'login' && e.outcome !== 'ok') : []
    expect(failed.length).toBe(2 * LOCKOUT.attempts + 1)
    expect(failed.at(-1)).toMatchObject({ actor: 'anonymous', channel: 'browser', outcome: 'unauthorized', summary: 'failed sign-in as "olivia": unauthorized', remoteAddress: '127.0.0.1' })
    expect(log.ok && log.value.find((e) => e.action === 'login' && e.outcome === 'ok')).toMatchObject({ actor: 'olivia', summary: 'signed in as "olivia" (owner)' })
  }, 30_000)

  it('ends an admin session after the idle minutes', async () => {
    const owner = await ownerBrowser()
    clock = new Date(clock.getTime() + 9 * 60_000)
    expect((await owner.post('listEmployees')).status).toBe(200) // activity refreshes the timer
    clock = new Date(clock.getTime() + 9 * 60_000)
    expect((await owner.post('listEmployees')).status).toBe(200)
    clock = new Date(clock.getTime() + 10 * 60_000 + 1)
    const idle = await owner.post('listEmployees')
    expect(idle.status).toBe(401)
    expect((await owner.post('getSession')).result).toMatchObject({ ok: true, value: { admin: null } })
  })

  it('does not count kiosk calls as admin activity: a session left open at the kiosk still ends', async () => {
    const screen = await ownerBrowser()
    expect((await screen.post('registerKiosk', { kioskId: 'desk' })).result.ok).toBe(true)
    for (let minute = 1; minute <= 12; minute++) {
      clock = new Date(clock.getTime() + 60_000)
      await screen.post('recogniseFrame', frame)
      await screen.post('listRecentPunches')
      await screen.post('getSession')
    }
    expect((await screen.post('getSession')).result).toMatchObject({ ok: true, value: { admin: null, kiosk: { kioskId: 'desk' } } })
    expect((await screen.post('listEmployees')).status).toBe(401)
  })

  it('lets an owner sign in while damaged data keeps the store read-only, so they can repair it', async () => {
    const owner = await ownerBrowser()
    expect((await owner.post('createEmployee', { code: 'E1', name: 'Ada' })).result.ok).toBe(true)
    await server.close()
    await core.store.close()
    appendFileSync(join(core.dir, 'employees.db'), '{"broken": \n')
    const store = await openStore(core.dir)
    expect(store.readOnlyReason()).toMatch(/employees\.db/)
    const reopened = assembleCore({ store, engine: unavailableEngine(), config: core.config, setupCode: SETUP_CODE })
    server = await createHttpServer({ dispatch: reopened.dispatch, auth: reopened.auth })
    ;({ url } = await server.listen(0))
    core = { ...core, store }
    const again = testBrowser(url)
    expect((await again.post('login', { username: 'olivia', password: 'wrong' })).result).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect((await again.post('login', { username: 'olivia', password: 'correct horse' })).result).toMatchObject({ ok: true, value: { admin: { username: 'olivia' } } })
    expect((await again.post('createEmployee', { code: 'E2', name: 'Grace' })).result).toMatchObject({ ok: false, error: { code: 'read-only' } })
    expect((await again.post('getDataHealth')).result).toMatchObject({ ok: true, value: { readOnly: true, damaged: [{ file: 'employees.db' }] } })
    expect((await again.post('repairDataFile', { file: 'employees.db' })).result).toMatchObject({ ok: true, value: { readOnly: false } })
    expect((await again.post('createEmployee', { code: 'E2', name: 'Grace' })).result.ok).toBe(true)
  }, 30_000)

  it('gives managers the admin work but not the owner’s', async () => {
    const owner = await ownerBrowser()
    expect((await owner.post('createAccount', { username: 'manny', password: 'manager-pass', role: 'manager' })).result).toMatchObject({ ok: true, value: { username: 'manny', role: 'manager' } })
    const manager = testBrowser(url)
    expect((await manager.post('login', { username: 'manny', password: 'manager-pass' })).result).toMatchObject({ ok: true, value: { admin: { role: 'manager' } } })
    expect((await manager.post('createEmployee', { code: 'E1', name: 'Ada' })).result).toMatchObject({ ok: true })
    const forbidden = await manager.post('createAccount', { username: 'eve', password: 'eve-password', role: 'owner' })
    expect([forbidden.status, forbidden.result]).toMatchObject([403, { ok: false, error: { code: 'forbidden' } }])
    expect((await manager.post('listAccounts')).status).toBe(403)
    // Only an owner may override the face-match check; refused before any image work.
    expect((await manager.post('enrolFace', { code: 'E1', image: { kind: 'encoded', data: new Uint8Array([0xff, 0xd8, 0xff]) }, override: true, consent: { textVersion: CONSENT_TEXT_VERSION } })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // The last owner cannot be removed.
    const accounts = await owner.post<{ id: string; username: string }[]>('listAccounts')
    const olivia = accounts.result.ok ? accounts.result.value.find((a) => a.username === 'olivia')! : null
    expect((await owner.post('deleteAccount', { id: olivia!.id })).result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  }, 30_000)

  it('accepts kiosk operations only from a registered, unrevoked kiosk, whose id the punches carry', async () => {
    const screen = testBrowser(url)
    const refused = await screen.post('recogniseFrame', frame)
    expect([refused.status, refused.result]).toMatchObject([401, { ok: false, error: { code: 'unauthorized' } }])
    expect((await screen.post('listRecentPunches')).status).toBe(401)
    // A kiosk id in the request is not the caller's to choose.
    expect((await screen.post('recogniseFrame', { ...frame, kioskId: 'front-desk' })).status).toBe(401)

    // An admin registers this screen, then signs out: the screen stays a kiosk, with no admin rights.
    const setup = await screen.post('setupOwner', { username: 'olivia', password: 'correct horse', setupCode: SETUP_CODE })
    expect(setup.result.ok).toBe(true)
    const registered = await screen.post<{ id: string; kioskId: string }>('registerKiosk', { kioskId: 'front-desk' })
    expect(registered.result).toMatchObject({ ok: true, value: { kioskId: 'front-desk', createdBy: 'olivia' } })
    expect(registered.headers.getSetCookie().find((c) => c.startsWith('clockface_kiosk='))).toMatch(/HttpOnly.*|SameSite=Strict/i)
    await screen.post('logout')
    expect((await screen.post('getSession')).result).toMatchObject({ ok: true, value: { admin: null, kiosk: { kioskId: 'front-desk' } } })
    expect((await screen.post('listEmployees')).status).toBe(401)
    // Past authorisation: the engine is what answers now (unavailable in this test).
    expect((await screen.post('recogniseFrame', frame)).result).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } })
    expect((await screen.post('listRecentPunches')).result).toEqual({ ok: true, value: [] })

    const id = registered.result.ok ? registered.result.value.id : ''
    expect((await core.call('revokeKiosk', { id })).ok).toBe(true)
    expect((await screen.post('recogniseFrame', frame)).status).toBe(401)
  }, 30_000)

  it('refuses control and text-direction characters in names', async () => {
    const owner = await ownerBrowser()
    for (const name of ['Ada\u001b[2J', 'Ada\u202eecilA', 'Ada\u0000', 'Ada\u2066x', 'Line\nbreak']) {
      expect(UNSAFE_TEXT.test(name)).toBe(true)
      const { status, result } = await owner.post('createEmployee', { code: 'E1', name })
      expect([status, result.ok ? 'ok' : result.error.code]).toEqual([400, 'invalid-input'])
    }
    expect((await owner.post('createEmployee', { code: 'E1', name: 'Zoë Ó Súilleabháin-李' })).result).toMatchObject({ ok: true })
  })

  it(`writes at most ${MAX_REFUSALS_PER_MINUTE} refused requests a minute one by one, then counts the rest`, async () => {
    const flood = testBrowser(url)
    for (let i = 0; i < 100; i++) await flood.post('deleteEmployee', { code: `E${i}` })
    let log = await core.call('listAuditLog', { limit: 1000 })
    expect(log.ok && log.value.length).toBe(MAX_REFUSALS_PER_MINUTE)
    clock = new Date(clock.getTime() + 61_000)
    await flood.post('deleteEmployee', { code: 'late' })
    log = await core.call('listAuditLog', { limit: 1000 })
    expect(log.ok && log.value.slice(0, 2).map((e) => e.summary)).toEqual([
      'refused to delete employee late: unauthorized',
      `${100 - MAX_REFUSALS_PER_MINUTE} refused requests were not logged one by one (more than ${MAX_REFUSALS_PER_MINUTE} a minute)`
    ])
  })
})
