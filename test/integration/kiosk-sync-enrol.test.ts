/**
 * Enrolment at a syncing kiosk, carried out by the server: an admin signs in at the kiosk
 * (which signs the same account in to the server), adds an employee with a photo there; the
 * server's real engine enrols the face, the server stores and audits it under the admin's
 * name and the kiosk's, the kiosk has it at once and another kiosk after its sync. An admin the
 * server does not know is refused, and with the server unreachable the enrolment fails saying
 * so, with nothing stored at the kiosk. Real PostgreSQL, real HTTP, real engine and photos.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { assembleCore, cliContext } from '../../src/main/app-core'
import { createCallContext, type CallContext, type SessionBinding } from '../../src/main/dispatch/call-context'
import { createEngine } from '../../src/main/engine/create-engine'
import { resolveServiceConfig } from '../../src/main/services/service-config'
import { openStore } from '../../src/main/store/open-store'
import type { ClockfaceStore } from '../../src/main/store/store-types'
import type { KioskSync } from '../../src/main/sync/kiosk-sync'
import { prepareKioskSync, type KioskSyncParts } from '../../src/main/sync/kiosk-sync-wiring'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { postgresSkipReason } from '../helpers/postgres-server'
import { issueKey, openKiosk, startSyncServer, type SyncServer, type TestKiosk } from '../helpers/sync-fixture'
import { unavailableEngine } from '../helpers/unit-core'
import { ensureEngineBuilt, modelsDir, workerPath } from './engine-harness'
import { photo, value } from './services-fixture'

const skipReason = postgresSkipReason ?? (hasDeepfaceUnit ? null : missingDatasetsReason)

describe.skipIf(skipReason !== null)(`enrolment at a syncing kiosk${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const config = { now: () => new Date() }
  const consent = { textVersion: CONSENT_TEXT_VERSION }
  let server: SyncServer
  let north: { store: ClockfaceStore; dir: string; parts: KioskSyncParts; core: ReturnType<typeof assembleCore>; sync: KioskSync }
  let south: TestKiosk
  let newcomer: string[] = []

  /** Signs `username` in at the north kiosk as its screen would, and returns the context its next calls carry. */
  async function signInAtNorth(username: string, password: string): Promise<{ ctx: () => Promise<CallContext>; result: Awaited<ReturnType<typeof north.core.dispatch<'login'>>> }> {
    let token: string | undefined
    const session: SessionBinding = { adminToken: () => token, setAdminToken: (t) => void (token = t ?? undefined), setKioskToken: () => undefined }
    const result = await north.core.dispatch('login', { username, password }, createCallContext({ channel: 'app', session }))
    const ctx = async () => createCallContext({ channel: 'app', session, ...(await north.core.auth.resolve({ adminToken: token }, 'createEmployee')) })
    return { ctx, result }
  }

  beforeAll(async () => {
    ensureEngineBuilt()
    const engine = createEngine({ workerPath, modelsDir })
    server = await startSyncServer(config, engine)
    await engine.ready()
    value(await server.core.dispatch('createAccount', { username: 'olivia', password: 'server-pass', role: 'manager' }, cliContext()))
    const northKey = await issueKey(server, 'north')
    const southKey = await issueKey(server, 'south')
    const dir = mkdtempSync(join(tmpdir(), 'clockface-kiosk-enrol-'))
    const store = await openStore(dir, { fsync: false })
    const parts = prepareKioskSync(store, { serverUrl: server.url, key: northKey.key }, () => undefined)
    const core = assembleCore({ store, engine: unavailableEngine(), config: resolveServiceConfig({ kioskId: 'north', ...config }), repos: parts.repos, gallery: parts.gallery, middleware: parts.middleware })
    await core.settings.load()
    north = { store, dir, parts, core, sync: parts.attach(core.settings) }
    // The kiosk's own accounts: olivia with her server password, kim whom the server does not know.
    value(await core.dispatch('createAccount', { username: 'olivia', password: 'server-pass', role: 'owner' }, cliContext()))
    value(await core.dispatch('createAccount', { username: 'kim', password: 'kiosk-only', role: 'owner' }, cliContext()))
    // sam exists on both, with another password on the server.
    value(await server.core.dispatch('createAccount', { username: 'sam', password: 'server-sam', role: 'owner' }, cliContext()))
    value(await core.dispatch('createAccount', { username: 'sam', password: 'kiosk-sam', role: 'owner' }, cliContext()))
    south = await openKiosk(server, 'south', southKey.key, config)
    newcomer = identityClusters()[0]!
  }, 120_000)

  afterAll(async () => {
    await north?.sync.stop()
    await north?.store.close()
    if (north) rmSync(north.dir, { recursive: true, force: true })
    await south?.close()
    if (south) rmSync(south.dir, { recursive: true, force: true })
    await server?.stop()
  })

  it('an admin signed in at the kiosk enrols a new employee with a photo: stored, enrolled and audited by the server, at both kiosks after their sync', async () => {
    const { ctx, result } = await signInAtNorth('olivia', 'server-pass')
    expect(result.ok).toBe(true)
    const created = value(await north.core.dispatch('createEmployee', { code: 'NEW1', name: 'New Person', photo: photo(newcomer[0]!), consent }, await ctx()))
    expect(created.template).not.toBeNull()

    const onServer = await server.core.repos.employees.byCode('NEW1')
    expect(onServer).toMatchObject({ name: 'New Person' })
    expect((await server.core.repos.templates.ofEmployee(onServer!._id)).map((t) => t._id)).toEqual([created.template!.id])
    const audit = value(await server.core.dispatch('listAuditLog', {}, cliContext())).filter((e) => e.action === 'createEmployee')
    expect(audit).toEqual([expect.objectContaining({ actor: 'olivia', outcome: 'ok', employeeCode: 'NEW1', summary: expect.stringContaining('(at kiosk "north")') })])

    // The kiosk pulled at once: its cache and gallery have the new face.
    expect(await north.core.repos.employees.byCode('NEW1')).toMatchObject({ _id: onServer!._id })
    expect(await north.parts.gallery.persons()).toBe(1)
    // A second photo of the same person, enrolled the same way, matches what the server's engine stored.
    const second = value(await north.core.dispatch('enrolFace', { code: 'NEW1', image: photo(newcomer[1]!), consent }, await ctx()))
    expect(await server.core.repos.templates.ofEmployee(onServer!._id)).toHaveLength(2)
    expect((await north.core.repos.templates.ofEmployee(onServer!._id)).map((t) => t._id).sort()).toEqual([created.template!.id, second.id].sort())

    await south.sync.syncNow()
    expect(await south.repos.employees.byCode('NEW1')).toMatchObject({ name: 'New Person' })
    expect(await south.gallery.persons()).toBe(1)
  }, 120_000)

  it('refuses staff changes from an admin the server does not know or whose password there differs, and stores nothing', async () => {
    const kim = await signInAtNorth('kim', 'kiosk-only')
    expect(kim.result.ok).toBe(true) // the kiosk's own sign-in stands (its settings, its attendance)
    const refused = await north.core.dispatch('createEmployee', { code: 'KIM1', name: 'By Kim', photo: photo(newcomer[2] ?? newcomer[0]!), consent }, await kim.ctx())
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('no session there') } })
    expect(await north.core.dispatch('deleteEmployee', { code: 'NEW1' }, await kim.ctx())).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const sam = await signInAtNorth('sam', 'kiosk-sam')
    expect(sam.result.ok).toBe(true)
    expect(await north.core.dispatch('enrolFace', { code: 'NEW1', image: photo(newcomer[0]!), consent }, await sam.ctx())).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await server.core.repos.templates.ofEmployee((await server.core.repos.employees.byCode('NEW1'))!._id)).toHaveLength(2)
    expect(await server.core.repos.employees.byCode('KIM1')).toBeNull()
    expect(await server.core.repos.employees.byCode('NEW1')).not.toBeNull()
    // Without a sign-in at all, the kiosk's own authorisation refuses first.
    expect(await north.core.dispatch('createEmployee', { code: 'ANON', name: 'Nobody' }, createCallContext({ channel: 'app' }))).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  }, 60_000)

  it('with the server unreachable, enrolment fails saying so and nothing is stored at the kiosk', async () => {
    const { ctx } = await signInAtNorth('olivia', 'server-pass')
    const signedIn = await ctx()
    await server.cut()
    try {
      const failed = await north.core.dispatch('createEmployee', { code: 'LATE1', name: 'Late Person', photo: photo(newcomer[0]!), consent }, signedIn)
      expect(failed).toMatchObject({ ok: false, error: { code: 'store-error', message: 'The server cannot be reached: enrol when it is back. Nothing was stored at this kiosk.' } })
      expect(await north.core.repos.employees.byCode('LATE1')).toBeNull()
      expect(await north.parts.gallery.persons()).toBe(1)
    } finally {
      await server.restore()
    }
    expect(await server.core.repos.employees.byCode('LATE1')).toBeNull()
    // Back online, the same session works again; signed out, it is refused.
    value(await north.core.dispatch('updateEmployee', { code: 'NEW1', changes: { department: 'Front desk' } }, signedIn))
    expect(await north.core.repos.employees.byCode('NEW1')).toMatchObject({ department: 'Front desk' })
    value(await north.core.dispatch('logout', {}, signedIn))
    expect(await north.core.dispatch('updateEmployee', { code: 'NEW1', changes: { department: 'Back office' } }, await ctx())).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(await server.core.repos.employees.byCode('NEW1')).toMatchObject({ department: 'Front desk' })
  }, 60_000)
})
