/**
 * The audit log of admin actions through dispatch, as every transport runs it: successes and
 * refusals (validation included) of the audited operations leave one entry each, reads leave
 * none, a failed audit write keeps the action, and listAuditLog reads it back (also over HTTP).
 * The engine reports itself unavailable here; enrolment on real photos is in
 * test/integration/services-audit.test.ts.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OperationName, OperationRequest, OperationResponse } from '../../src/shared/contract'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { contract, operationNames, isAuditedOperation } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import type { AuditEntry } from '../../src/shared/models'
import { cliContext } from '../../src/main/app-core'
import { authorize } from '../../src/main/dispatch/authorize'
import { createDispatch, type Dispatch } from '../../src/main/dispatch/dispatch'
import { createAuditMiddleware } from '../../src/main/services/audit'
import { createAuditLog, type AuditLog } from '../../src/main/services/audit-log'
import { createAuthService, type AuthService } from '../../src/main/services/auth/auth-service'
import { createServices } from '../../src/main/services/create-services'
import { STORE_FILES } from '../../src/main/store/open-store'
import type { ClockfaceStore } from '../../src/main/store/store-types'
import { createHttpServer } from '../../src/main/transport/http-server'
import { openUnitCore, unavailableEngine, type UnitCore } from '../helpers/unit-core'

const jpegBytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01])
const consent = { textVersion: CONSENT_TEXT_VERSION }

let core: UnitCore
let dir: string
let store: ClockfaceStore
let dispatch: Dispatch
let auth: AuthService
let warnings: { message: string; details?: Record<string, unknown> }[]
const clock = new Date('2024-01-15T08:00:00.000Z')
const localUser = cliContext().admin!.username

/** The app's wiring with the audit middleware over `log` (default: the store's own log). */
function audited(log?: AuditLog): Dispatch {
  const config = { now: () => clock, timeZone: 'UTC', warn: (message: string, details?: Record<string, unknown>) => warnings.push({ message, ...(details ? { details } : {}) }) }
  const auditLog = createAuditLog(core.repos.audit, config)
  auth = createAuthService({ repos: core.repos, config })
  const handlers = createServices({ repos: core.repos, engine: unavailableEngine(), auth, config, auditLog })
  return createDispatch(handlers, [createAuditMiddleware(log ?? auditLog, { repos: core.repos, warn: config.warn, kioskId: 'desk' }), authorize])
}

const call = <K extends OperationName>(name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>> =>
  dispatch(name, request, cliContext())

/** Every entry, oldest first (the order they were written). */
async function entries(): Promise<AuditEntry[]> {
  const result = await call('listAuditLog', {})
  if (!result.ok) throw new Error(result.error.message)
  return [...result.value].reverse()
}

beforeEach(async () => {
  warnings = []
  core = await openUnitCore({ now: () => clock })
  dir = core.dir
  store = core.store
  dispatch = audited()
})

afterEach(async () => {
  await core.close()
})

describe('audit log', () => {
  it('marks the admin changes and sign-ins as audited in the contract, and no read', () => {
    const auditedNames = operationNames.filter(isAuditedOperation)
    expect(auditedNames).toEqual(
      expect.arrayContaining(['createEmployee', 'updateEmployee', 'deleteEmployee', 'enrolFace', 'deleteTemplate', 'login', 'logout', 'setupOwner', 'createAccount', 'deleteAccount', 'registerKiosk', 'revokeKiosk'])
    )
    for (const name of auditedNames) expect(name).not.toMatch(/^(list|get)[A-Z]/)
    expect(isAuditedOperation('recogniseFrame')).toBe(false)
    // Every admin-only change is audited: an admin operation that writes must not slip through.
    for (const name of ['createEmployee', 'updateEmployee', 'deleteEmployee', 'enrolFace', 'deleteTemplate'] as const) expect(contract[name].access).toBe('admin')
  })

  it('records one entry per successful create, update and delete, with channel, code and a summary', async () => {
    await call('createEmployee', { code: 'E001', name: 'Ada Lovelace', department: 'R&D', gender: 'female' })
    // The admin form sends every field on each edit: only those that differ count as changed.
    await call('updateEmployee', { code: 'E001', changes: { name: 'Ada King', department: 'R&D', gender: 'other' } })
    await call('updateEmployee', { code: 'E001', changes: { name: 'Ada King', department: 'R&D' } })
    await call('deleteEmployee', { code: 'E001' })

    const log = await entries()
    expect(log.map((e) => [e.action, e.channel, e.actor, e.employeeCode, e.outcome])).toEqual([
      ['createEmployee', 'cli', localUser, 'E001', 'ok'],
      ['updateEmployee', 'cli', localUser, 'E001', 'ok'],
      ['updateEmployee', 'cli', localUser, 'E001', 'ok'],
      ['deleteEmployee', 'cli', localUser, 'E001', 'ok']
    ])
    expect(log.map((e) => e.summary)).toEqual([
      'added employee E001 "Ada Lovelace" without a face template',
      'updated employee E001: changed name "Ada Lovelace" → "Ada King", gender',
      'updated employee E001: nothing changed',
      'deleted employee E001 "Ada King" and 0 face templates; their face data was erased from the data files'
    ])
    // Gender is recorded as changed, never by value.
    for (const e of log) expect(JSON.stringify(e)).not.toMatch(/female|other"/)
    expect(log[0]!.time).toBe('2024-01-15T08:00:00.000Z')
  })

  it('records a deleted face template with its owner', async () => {
    const owner = await store.employees.insert({ code: 'E002', name: 'Grace', department: '', createdAt: '', updatedAt: '' })
    const template = await store.templates.insert({ employeeId: owner._id, descriptor: Array(128).fill(0.1), thumbnail: 'AAAA', source: 'file', createdAt: '' })
    expect(await call('deleteTemplate', { id: template._id })).toEqual({ ok: true, value: { deleted: true } })
    expect(await call('deleteTemplate', { id: template._id })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const log = await entries()
    expect(log).toEqual([
      expect.objectContaining({ action: 'deleteTemplate', employeeCode: 'E002', templateId: template._id, outcome: 'ok', summary: `deleted face template ${template._id} of E002` }),
      expect.objectContaining({ action: 'deleteTemplate', templateId: template._id, outcome: 'not-found', summary: `refused to delete face template ${template._id}: not-found` })
    ])
  })

  it('records refusals with their error code, and nothing else is stored', async () => {
    await call('createEmployee', { code: 'E001', name: 'Ada' })
    const before = await entries()

    expect(await call('createEmployee', { code: 'E001', name: 'Someone Else' })).toMatchObject({ ok: false, error: { code: 'duplicate-code' } })
    expect(await call('createEmployee', { code: 'not a code!', name: 'X' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('createEmployee', { code: 'E009', name: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await dispatch('createEmployee', 'not even an object', cliContext())).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('updateEmployee', { code: 'NOPE', changes: { name: 'x' } })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call('deleteEmployee', { code: 'NOPE' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await call('enrolFace', { code: 'E001', image: { kind: 'encoded', data: new Uint8Array(0) } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('createEmployee', { code: 'E002', name: 'Grace', photo: { kind: 'encoded', data: jpegBytes }, consent })).toMatchObject({
      ok: false,
      error: { code: 'engine-unavailable' }
    })

    const added = (await entries()).slice(before.length)
    expect(added.map((e) => [e.action, e.outcome, e.employeeCode ?? null, e.summary])).toEqual([
      ['createEmployee', 'duplicate-code', 'E001', 'refused to add employee E001 "Someone Else": duplicate-code'],
      ['createEmployee', 'invalid-input', null, 'refused to add employee "not a code!" "X": invalid-input (code)'],
      ['createEmployee', 'invalid-input', 'E009', 'refused to add employee E009: invalid-input (name)'],
      ['createEmployee', 'invalid-input', null, 'refused to add an employee: invalid-input (request)'],
      ['updateEmployee', 'not-found', 'NOPE', 'refused to update employee NOPE: not-found'],
      ['deleteEmployee', 'not-found', 'NOPE', 'refused to delete employee NOPE: not-found'],
      ['enrolFace', 'invalid-input', 'E001', 'refused enrolment for E001: invalid-input (image.data)'],
      ['createEmployee', 'engine-unavailable', 'E002', 'refused to add employee E002 "Grace": engine-unavailable']
    ])
    for (const e of added) expect([e.channel, e.actor]).toEqual(['cli', localUser])
    expect((await store.employees.find({})).map((e) => e.code)).toEqual(['E001'])
    expect(await store.templates.count({})).toBe(0)
  })

  it('stores no image, descriptor or thumbnail, only the fields of an entry', async () => {
    const photo = { kind: 'encoded' as const, data: jpegBytes }
    await call('createEmployee', { code: 'E003', name: 'Alan', photo, consent })
    await call('enrolFace', { code: 'NOPE', image: photo, consent })
    // NeDB appends each entry to the file as it is written, so the file holds them already.
    // NeDB keeps its index definitions in the file too ({"$$indexCreated": …}); those are not entries.
    const lines = readFileSync(join(dir, STORE_FILES.audit), 'utf8')
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('{"$$'))
    expect(lines).toHaveLength(2)
    const base64 = Buffer.from(jpegBytes).toString('base64')
    for (const line of lines) {
      expect(line).not.toContain(base64)
      const keys = Object.keys(JSON.parse(line) as object)
      for (const key of keys) expect(['_id', 'time', 'action', 'channel', 'actor', 'requestId', 'employeeCode', 'templateId', 'outcome', 'summary']).toContain(key)
    }
  })

  it('leaves no entry for reads, kiosk frames or unknown operations', async () => {
    await call('createEmployee', { code: 'E001', name: 'Ada' })
    const count = await store.audit.count({})
    await call('getEngineStatus', {})
    await call('listEmployees', {})
    await call('getEmployee', { code: 'E001' })
    await call('getEmployee', { code: 'NOPE' })
    await call('listTemplates', { code: 'E001' })
    await call('listAttendance', {})
    await call('listAuditLog', {})
    await call('identifyFaces', { image: { kind: 'encoded', data: jpegBytes } })
    await call('recogniseFrame', { frame: { kind: 'pixels', format: 'rgb', width: 2, height: 1, data: new Uint8Array(6) } })
    await dispatch('dropDatabase' as OperationName, {}, cliContext())
    expect(await store.audit.count({})).toBe(count)
  })

  it('lists newest first, in the order of writes even when the clock stands still, with limit and time range', async () => {
    for (const code of ['A1', 'A2', 'A3', 'A4']) await call('createEmployee', { code, name: code })
    const newest = await call('listAuditLog', {})
    expect(newest.ok && newest.value.map((e) => e.employeeCode)).toEqual(['A4', 'A3', 'A2', 'A1'])
    const times = newest.ok ? newest.value.map((e) => e.time) : []
    expect(new Set(times).size).toBe(4)
    expect(await call('listAuditLog', { limit: 2 })).toMatchObject({ ok: true, value: [{ employeeCode: 'A4' }, { employeeCode: 'A3' }] })
    const middle = await call('listAuditLog', { from: times[2]!, to: times[1]! })
    expect(middle.ok && middle.value.map((e) => e.employeeCode)).toEqual(['A3', 'A2'])
    // A time with an offset means the same instant as its UTC form.
    const offset = await call('listAuditLog', { to: '2024-01-15T09:00:00.002+01:00' })
    expect(offset.ok && offset.value.map((e) => e.employeeCode)).toEqual(['A3', 'A2', 'A1'])
    expect(await call('listAuditLog', { from: times[0]!, to: times[3]! })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await call('listAuditLog', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it('keeps the admin action and warns when the audit entry cannot be written', async () => {
    const failing: AuditLog = { ...createAuditLog(core.repos.audit, { now: () => clock }), record: () => Promise.reject(new Error('disk full (test)')) }
    dispatch = audited(failing)
    const created = await call('createEmployee', { code: 'E001', name: 'Ada Lovelace' })
    expect(created).toMatchObject({ ok: true, value: { employee: { code: 'E001' } } })
    expect(await store.employees.count({ code: 'E001' })).toBe(1)
    expect(await store.audit.count({})).toBe(0)
    expect(warnings).toEqual([
      {
        message: expect.stringContaining('audit log entry could not be written'),
        details: expect.objectContaining({ reason: 'disk full (test)', action: 'createEmployee', channel: 'cli', actor: localUser, outcome: 'ok', employeeCode: 'E001' })
      }
    ])
  })

  it('serves listAuditLog over HTTP to a signed-in admin and names who acted, over which channel', async () => {
    const server = await createHttpServer({ dispatch, auth })
    try {
      const { url } = await server.listen(0)
      let cookie = ''
      const post = async (name: string, body: unknown) => {
        const response = await fetch(`${url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', cookie }, body: JSON.stringify(body) })
        const set = response.headers.get('set-cookie')
        if (set) cookie = set.split(';')[0]!
        return response.json()
      }
      expect(await post('createEmployee', { code: 'H0', name: 'Before sign-in' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
      expect(await post('setupOwner', { username: 'olivia', password: 'correct horse' })).toMatchObject({ ok: true, value: { admin: { username: 'olivia', role: 'owner' } } })
      expect(await post('createEmployee', { code: 'H1', name: 'Over HTTP' })).toMatchObject({ ok: true })
      expect(await post('createEmployee', { code: 'H1', name: 'Again' })).toMatchObject({ ok: false, error: { code: 'duplicate-code' } })
      const log = (await post('listAuditLog', { limit: 10 })) as Result<AuditEntry[]>
      expect(log).toMatchObject({
        ok: true,
        value: [
          { action: 'createEmployee', channel: 'browser', actor: 'olivia', employeeCode: 'H1', outcome: 'duplicate-code', remoteAddress: '127.0.0.1' },
          { action: 'createEmployee', channel: 'browser', actor: 'olivia', employeeCode: 'H1', outcome: 'ok' },
          { action: 'setupOwner', channel: 'browser', actor: 'olivia', outcome: 'ok' },
          { action: 'createEmployee', channel: 'browser', actor: 'anonymous', employeeCode: 'H0', outcome: 'unauthorized' }
        ]
      })
      const described = (await (await fetch(`${url}api`)).json()) as { operations: { name: string; audited?: boolean }[] }
      expect(described.operations.filter((o) => o.audited).map((o) => o.name)).toContain('deleteTemplate')
    } finally {
      await server.close()
    }
  })
})
