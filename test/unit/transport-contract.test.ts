/**
 * The same table of operations through every transport (IPC registration, HTTP with JSON,
 * HTTP with MessagePack), each against fresh services with the same clock: results must be
 * identical (up to generated ids) and HTTP statuses must follow the protocol. Each transport
 * keeps its own session the way it does in the app (cookies over HTTP, the window over IPC).
 */
import { decode, encode } from '@msgpack/msgpack'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { ipcChannel, operationNames, type OperationName } from '../../src/shared/contract'
import { ClockfaceError, type ErrorCode, type Result } from '../../src/shared/errors'
import type { EngineStatus } from '../../src/shared/models'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { createHttpServer, type HttpServer } from '../../src/main/transport/http-server'
import { HTTP_STATUS } from '../../src/main/transport/http-status'
import { createIpcContexts } from '../../src/main/transport/ipc-context'
import { registerIpcHandlers } from '../../src/main/transport/ipc-handlers'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

/** An engine still loading its models: status only; recognition calls fail as unavailable. */
function loadingEngine(): FaceEngine {
  const status: EngineStatus = { state: 'loading', progress: 0.5, backend: null, models: [], error: null }
  const down = () => Promise.reject(new ClockfaceError('engine-unavailable', 'the face engine is still loading (test)'))
  return { ready: down, status: () => status, onStatus: () => () => undefined, detect: down, analyse: down, memory: down, close: async () => undefined }
}

const jpegBytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
const consent = { textVersion: CONSENT_TEXT_VERSION }

/** Operation, request as a client writes it, and the expected outcome. */
const table: [OperationName, unknown, true | ErrorCode][] = [
  ['getEngineStatus', {}, true],
  ['listEmployees', {}, 'unauthorized'],
  ['login', { username: 'olivia', password: 'no account yet' }, 'unauthorized'],
  ['setupOwner', { username: 'olivia', password: 'correct horse' }, true],
  ['setupOwner', { username: 'mallory', password: 'correct horse' }, 'forbidden'],
  ['listEmployees', {}, true],
  ['createEmployee', { code: 'E1', name: 'Ada Lovelace', department: 'Engineering' }, true],
  ['createEmployee', { code: 'E1', name: 'Someone Else' }, 'duplicate-code'],
  ['createEmployee', { code: 'not a code!', name: 'X' }, 'invalid-input'],
  ['createEmployee', { code: 'E2', name: 'Grace Hopper', photo: { kind: 'encoded', data: jpegBytes } }, 'invalid-input'],
  ['createEmployee', { code: 'E2', name: 'Grace Hopper', photo: { kind: 'encoded', data: jpegBytes }, consent }, 'engine-unavailable'],
  ['createEmployee', { code: 'E3', name: 'Alan Turing', gender: 'male' }, true],
  ['getEmployee', { code: 'E1' }, true],
  ['getEmployee', { code: 'E2' }, 'not-found'],
  ['getEmployee', {}, 'invalid-input'],
  ['listEmployees', { search: 'ada' }, true],
  ['updateEmployee', { code: 'E1', changes: { name: 'Augusta Ada King', department: 'Engineering' } }, true],
  ['updateEmployee', { code: 'NOPE', changes: { name: 'x' } }, 'not-found'],
  ['listTemplates', { code: 'E1' }, true],
  ['deleteTemplate', { id: 'no-such-template' }, 'not-found'],
  ['enrolFace', { code: 'E1', image: { kind: 'encoded', data: jpegBytes } }, 'invalid-input'],
  ['enrolFace', { code: 'E1', image: { kind: 'encoded', data: jpegBytes }, consent }, 'engine-unavailable'],
  ['enrolFace', { code: 'E1', image: { kind: 'encoded', data: new Uint8Array(0) }, consent }, 'invalid-input'],
  ['identifyFaces', { image: { kind: 'pixels', format: 'rgb', width: 2, height: 1, data: new Uint8Array(6) } }, 'engine-unavailable'],
  ['identifyFaces', { image: { kind: 'pixels', format: 'rgba', width: 2, height: 1, data: new Uint8Array(6) } }, 'invalid-input'],
  ['verifyFace', { code: 'NOPE', image: { kind: 'encoded', data: jpegBytes } }, 'not-found'],
  ['listAttendance', {}, true],
  ['listAttendance', { from: 'yesterday' }, 'invalid-input'],
  ['listAttendance', { from: '2024-01-15T12:00:00Z', to: '2024-01-15T09:00:00Z' }, 'invalid-input'],
  ['listAuditLog', { limit: 5 }, true],
  ['listAuditLog', { from: '2024-01-15T12:00:00Z', to: '2024-01-15T09:00:00Z' }, 'invalid-input'],
  ['deleteEmployee', { code: 'E1' }, true],
  ['createAccount', { username: 'manny', password: 'manager-pass', role: 'manager' }, true],
  ['createAccount', { username: 'manny', password: 'manager-pass', role: 'manager' }, 'duplicate-code'],
  ['listEmployees', {}, true]
]

type Caller = (name: OperationName, request: unknown) => Promise<{ result: Result<unknown>; status?: number }>

interface Harness {
  core: UnitCore
  server?: HttpServer
  call: Caller
}

const services = () => openUnitCore({ now: () => new Date('2024-01-15T10:00:00.000Z'), kioskId: 'test' }, { engine: loadingEngine() })

async function ipcHarness(): Promise<Harness> {
  const core = await services()
  const listeners = new Map<string, (event: unknown, request: unknown) => unknown>()
  registerIpcHandlers({ handle: (channel, listener) => listeners.set(channel, listener) }, core.dispatch, createIpcContexts(core.auth, 'test'))
  expect([...listeners.keys()].sort()).toEqual(operationNames.map(ipcChannel).sort())
  const window = { sender: { id: 1 } }
  return {
    core,
    // Electron copies IPC arguments with the structured clone algorithm.
    call: async (name, request) => ({ result: structuredClone(await listeners.get(ipcChannel(name))!(window, structuredClone(request))) as Result<unknown> })
  }
}

const toJson = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))

async function httpHarness(encoding: 'json' | 'msgpack'): Promise<Harness> {
  const core = await services()
  const server = await createHttpServer({ dispatch: core.dispatch, auth: core.auth })
  const { url } = await server.listen(0)
  const cookies = new Map<string, string>()
  return {
    core,
    server,
    call: async (name, request) => {
      const response = await fetch(`${url}api/${name}`, {
        method: 'POST',
        headers: {
          'Content-Type': encoding === 'json' ? 'application/json' : 'application/msgpack',
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
        },
        body: encoding === 'json' ? toJson(request) : encode(request)
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const [key, value] = pair!.split('=')
        cookies.set(key!, value!)
      }
      expect(response.headers.get('content-type')).toContain(encoding === 'json' ? 'application/json' : 'application/msgpack')
      const bytes = new Uint8Array(await response.arrayBuffer())
      const result = (encoding === 'json' ? JSON.parse(Buffer.from(bytes).toString('utf8')) : decode(bytes)) as Result<unknown>
      return { result, status: response.status }
    }
  }
}

/**
 * Replaces generated ids (random per store) with a placeholder so runs compare, and drops the
 * session's kiosk, which differs by design (the Electron window is always the kiosk, a browser
 * only once registered), and the audit entries' per-transport facts (channel, request id, address).
 */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !['kiosk', 'channel', 'requestId', 'remoteAddress'].includes(k))
        .map(([k, v]) => [k, k === 'id' || k === 'employeeId' || k === 'accountId' ? '<id>' : withoutIds(v)])
    )
  }
  return value
}

const transports = { ipc: () => ipcHarness(), 'http-json': () => httpHarness('json'), 'http-msgpack': () => httpHarness('msgpack') }
const outcomes: Record<string, unknown[]> = {}
const harnesses: Harness[] = []

beforeAll(async () => {
  for (const [name, make] of Object.entries(transports)) {
    const harness = await make()
    harnesses.push(harness)
    outcomes[name] = []
    for (const [operation, request, expected] of table) {
      const { result, status } = await harness.call(operation, request)
      outcomes[name]!.push(withoutIds(result))
      // Checked here so a failure names the transport and row.
      const row = `${name} ${operation} ${JSON.stringify(toJson(request)).slice(0, 80)}`
      expect(result.ok ? true : result.error.code, row).toBe(expected)
      if (status !== undefined) expect(status, row).toBe(expected === true ? 200 : HTTP_STATUS[expected])
    }
  }
})

afterAll(async () => {
  for (const h of harnesses) {
    await h.server?.close()
    await h.core.close()
  }
})

describe('transport contract', () => {
  it('gives every row the expected outcome on every transport', () => {
    expect(Object.keys(outcomes)).toEqual(Object.keys(transports))
    for (const results of Object.values(outcomes)) expect(results).toHaveLength(table.length)
  })

  it('gives identical results over IPC, HTTP+JSON and HTTP+MessagePack', () => {
    expect(outcomes['http-json']).toEqual(outcomes['ipc'])
    expect(outcomes['http-msgpack']).toEqual(outcomes['ipc'])
  })

  it('returns the data the services hold', () => {
    const last = outcomes['ipc']!.at(-1) as Result<{ code: string; name: string; gender?: string }[]>
    expect(last).toEqual({ ok: true, value: [expect.objectContaining({ code: 'E3', name: 'Alan Turing', gender: 'male', templateCount: 0 })] })
    const updated = outcomes['ipc']![table.findIndex(([op]) => op === 'updateEmployee')] as Result<unknown>
    expect(updated).toMatchObject({ ok: true, value: { name: 'Augusta Ada King', updatedAt: '2024-01-15T10:00:00.000Z' } })
  })
})
