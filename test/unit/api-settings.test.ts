/**
 * The integration settings (face analysis, visitor retention, the REST API's address, port,
 * TLS files and rate limit) through dispatch, and the face-login signing key kept encrypted in
 * settings.db: no engine needed.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isLoopbackHost } from '../../src/shared/api-host'
import { assembleCore, cliContext } from '../../src/main/app-core'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { DEFAULT_SETTINGS } from '../../src/main/services/privacy/settings'
import { resolveServiceConfig } from '../../src/main/services/service-config'
import { openStore } from '../../src/main/store/open-store'
import type { Result } from '../../src/shared/errors'
import { openUnitCore, unavailableEngine, type UnitCore } from '../helpers/unit-core'

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`operation failed: ${result.error.code}: ${result.error.message}`)
  return result.value
}

describe('integration settings', () => {
  let core: UnitCore
  let tls: string
  let cert: string
  let key: string

  beforeAll(async () => {
    core = await openUnitCore()
    tls = mkdtempSync(join(tmpdir(), 'clockface-tls-'))
    cert = join(tls, 'cert.pem')
    key = join(tls, 'key.pem')
    writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n')
    writeFileSync(key, '-----BEGIN PRIVATE KEY-----\n')
  })

  afterAll(async () => {
    await core?.close()
    rmSync(tls, { recursive: true, force: true })
  })

  it('starts with analysis and the REST API off, on 127.0.0.1:5781 without TLS, 120 requests a minute, visitors kept 30 days', async () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      analyseEnabled: false,
      visitorRetentionDays: 30,
      apiEnabled: false,
      apiHost: '127.0.0.1',
      apiPort: 5781,
      apiTlsCert: null,
      apiTlsKey: null,
      apiRatePerMinute: 120
    })
    expect(value(await core.call('getSettings', {}))).toEqual(DEFAULT_SETTINGS)
  })

  it('refuses values out of range or of the wrong kind', async () => {
    for (const bad of [
      { apiPort: 80 },
      { apiPort: 70_000 },
      { apiRatePerMinute: 0 },
      { visitorRetentionDays: -1 },
      { apiHost: 'not a host!' },
      { apiHost: '' },
      { apiTlsCert: 'relative/cert.pem' },
      { apiTlsCert: '/etc/cert\u0000.pem' },
      { analyseEnabled: 'yes' }
    ]) {
      expect(await core.call('updateSettings', bad as never), JSON.stringify(bad)).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
  })

  it('needs both TLS files, readable, before the API may listen beyond this machine', async () => {
    const open = await core.call('updateSettings', { apiHost: '0.0.0.0' })
    expect(open).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('set both apiTlsCert and apiTlsKey') } })
    expect(await core.call('updateSettings', { apiHost: 'kiosk-7.example.org', apiTlsCert: cert })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const missing = await core.call('updateSettings', { apiTlsCert: join(tls, 'nope.pem') })
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid-input', message: `apiTlsCert: there is no readable file at ${join(tls, 'nope.pem')}.` } })
    expect(await core.call('updateSettings', { apiTlsKey: tls })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

    const saved = value(await core.call('updateSettings', { apiEnabled: true, apiHost: '192.168.1.20', apiTlsCert: cert, apiTlsKey: key, apiPort: 8443, apiRatePerMinute: 600 }))
    expect(saved.settings).toMatchObject({ apiEnabled: true, apiHost: '192.168.1.20', apiTlsCert: cert, apiTlsKey: key, apiPort: 8443, apiRatePerMinute: 600 })
    const [entry] = value(await core.call('listAuditLog', { limit: 1 }))
    expect(entry?.summary).toBe(
      `changed settings: apiEnabled false → true, apiHost "127.0.0.1" → "192.168.1.20", apiPort 5781 → 8443, apiTlsCert none → ${JSON.stringify(cert)}, apiTlsKey none → ${JSON.stringify(key)}, apiRatePerMinute 120 → 600`
    )
    // Removing a file while the host is open is refused; back to loopback first, then it may go.
    expect(await core.call('updateSettings', { apiTlsKey: null })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const closed = value(await core.call('updateSettings', { apiHost: '::1', apiTlsCert: null, apiTlsKey: null }))
    expect(closed.settings).toMatchObject({ apiHost: '::1', apiTlsCert: null, apiTlsKey: null })
  })

  it('keeps the settings owner-only, and analysis off means forbidden before any engine work', async () => {
    const manager = createCallContext({ channel: 'browser', admin: { kind: 'account', accountId: 'm', username: 'mia', role: 'manager' } })
    expect(await core.callAs(manager, 'updateSettings', { analyseEnabled: true })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const image = { kind: 'encoded' as const, data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) }
    expect(await core.call('analyseFaces', { image })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    value(await core.call('updateSettings', { analyseEnabled: true }))
    // On: the request reaches the engine (here one that never loaded).
    expect(await core.call('analyseFaces', { image })).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } })
  })

  it('tells loopback hosts from hosts reachable over the network', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'LOCALHOST', 'api.localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) {
      expect(isLoopbackHost(host), host).toBe(true)
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'kiosk.local', '127.0.0.256', '128.0.0.1', '::2']) {
      expect(isLoopbackHost(host), host).toBe(false)
    }
  })
})

describe('face-login signing key at rest', () => {
  it('is made on first use, stored in settings.db encrypted, and the same after reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-jwk-'))
    const dataKey = { kind: 'raw' as const, key: randomBytes(32) }
    try {
      const open = async () => {
        const store = await openStore(dir, { key: dataKey })
        return { store, core: assembleCore({ store, engine: unavailableEngine(), config: resolveServiceConfig({ kioskId: 'unit' }) }) }
      }
      const first = await open()
      expect(await first.core.repos.settings.signingKey()).toBeNull()
      const kid = value(await first.core.dispatch('getJwks', {}, createCallContext({ channel: 'api' }))).keys[0]!['kid']
      const stored = (await first.core.repos.settings.signingKey())!
      expect(stored).toMatchObject({ _id: 'face-login-key', kid, alg: 'ES256', privateJwk: { kty: 'EC', crv: 'P-256', d: expect.any(String) } })
      await first.store.close()

      const raw = readFileSync(join(dir, 'settings.db'), 'utf8')
      expect(raw).not.toContain(String(stored.privateJwk['d']))
      expect(raw).not.toContain('face-login-key')
      expect(raw).not.toContain('"kty"')

      const second = await open()
      expect(value(await second.core.dispatch('getJwks', {}, cliContext())).keys[0]!['kid']).toBe(kid)
      await second.store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
