import { describe, expect, it } from 'vitest'
import { DEFAULT_ADMIN_PATH, SETUP_ROUTE, SIGN_IN_ROUTE, authScreenRedirect, canEnterAdmin, safeRedirect } from '../../src/renderer/src/router/admin-access'
import type { SessionState } from '../../src/shared/models'

const base: SessionState = { setupRequired: false, admin: null, kiosk: null, idleMinutes: 10, language: 'en' }
const owner: SessionState = { ...base, admin: { kind: 'account', accountId: 'a1', username: 'ana', role: 'owner' } }
const firstRun: SessionState = { ...base, setupRequired: true }

describe('canEnterAdmin', () => {
  it('lets a signed-in admin in', () => {
    expect(canEnterAdmin({ fullPath: '/admin' }, owner)).toBe(true)
  })

  it('sends everyone else to sign-in, with the way back', () => {
    expect(canEnterAdmin({ fullPath: '/admin?focus=this-screen' }, base)).toEqual({
      name: SIGN_IN_ROUTE,
      query: { redirect: '/admin?focus=this-screen' }
    })
  })

  it('sends to the set-up screen while no owner exists', () => {
    expect(canEnterAdmin({ fullPath: '/admin' }, firstRun)).toEqual({ name: SETUP_ROUTE, query: { redirect: '/admin' } })
  })

  it('sends to sign-in when the session could not be read, and passes the reason on', () => {
    expect(canEnterAdmin({ fullPath: '/admin' }, null, 'expired')).toEqual({ name: SIGN_IN_ROUTE, query: { redirect: '/admin', reason: 'expired' } })
  })
})

describe('safeRedirect', () => {
  it('keeps admin paths', () => {
    expect(safeRedirect('/admin')).toBe('/admin')
    expect(safeRedirect('/admin?focus=this-screen')).toBe('/admin?focus=this-screen')
    expect(safeRedirect('/admin/accounts')).toBe('/admin/accounts')
  })

  it('refuses anything else', () => {
    for (const bad of [undefined, null, 42, ['/admin'], '', '/kiosk', '//evil.example/admin', 'https://evil.example/', '/admin.evil', '/admin\\..', '/admin//evil.example', 'javascript:alert(1)']) {
      expect(safeRedirect(bad)).toBe(DEFAULT_ADMIN_PATH)
    }
  })
})

describe('authScreenRedirect', () => {
  it('stays while the session is unknown or the screen fits', () => {
    expect(authScreenRedirect(SIGN_IN_ROUTE, {}, null)).toBe(true)
    expect(authScreenRedirect(SIGN_IN_ROUTE, {}, base)).toBe(true)
    expect(authScreenRedirect(SETUP_ROUTE, {}, firstRun)).toBe(true)
  })

  it('sends a signed-in admin on to the (safe) redirect', () => {
    expect(authScreenRedirect(SIGN_IN_ROUTE, { redirect: '/admin?focus=this-screen' }, owner)).toBe('/admin?focus=this-screen')
    expect(authScreenRedirect(SETUP_ROUTE, { redirect: '//evil.example' }, owner)).toBe('/admin')
  })

  it('swaps sign-in and set-up to match the first-run state', () => {
    expect(authScreenRedirect(SIGN_IN_ROUTE, { redirect: '/admin' }, firstRun)).toEqual({ name: SETUP_ROUTE, query: { redirect: '/admin' } })
    expect(authScreenRedirect(SETUP_ROUTE, {}, base)).toEqual({ name: SIGN_IN_ROUTE, query: { redirect: '/admin' } })
  })
})
