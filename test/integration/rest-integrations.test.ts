/**
 * The integration endpoints of the REST API over real HTTP with the real engine and real photos
 * (deepface-unit): face login with a token verified against the published JWKS, punches from a
 * photo and from code and PIN, face analysis behind its setting, and the visitor gallery; every
 * answer checked against the OpenAPI document.
 */
import { readFileSync } from 'node:fs'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { createApiKeyService } from '../../src/main/services/api/api-keys'
import { createRestServer, type RestServer } from '../../src/main/transport/rest-server'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { encoded, expectConformance, filePart, restClient, type RestAnswer, type RestClient } from './rest-fixture'
import { startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`rest-integrations: skipped, ${missingDatasetsReason}`)

const jpeg = (file: string): Uint8Array<ArrayBuffer> => new Uint8Array(readFileSync(deepfaceUnit(file)))
const codeOf = (answer: RestAnswer): string | undefined => (answer.body as { error?: { code: string } }).error?.code

describe.skipIf(!hasDeepfaceUnit)('REST integration endpoints with the real engine', () => {
  let t: TestCore
  let server: RestServer
  let api: RestClient
  const keys = { identify: '', punch: '', read: '', enrol: '', admin: '', visitors: '' }
  let person: string[] = []
  let stranger: string[] = []

  beforeAll(async () => {
    t = await startTestCore()
    server = await createRestServer({ dispatch: t.core.dispatch, apiKeys: createApiKeyService(t.core.repos.apiKeys, t.core.config) })
    api = restClient((await server.listen({ host: '127.0.0.1', port: 0 })).url)
    for (const scope of ['identify', 'punch', 'read', 'enrol', 'admin'] as const) {
      keys[scope] = value(await t.call('createApiKey', { name: `door ${scope}`, scopes: [scope] })).key
    }
    keys.visitors = value(await t.call('createApiKey', { name: 'visitor desk', scopes: ['identify', 'enrol'] })).key
    const clusters = identityClusters()
    person = clusters[0]!
    stranger = clusters[2]!
    value(await t.call('createEmployee', { code: 'E1', name: 'Ada Person', department: 'R&D', pin: '2468', photo: { kind: 'encoded', data: jpeg(person[0]!) }, consent: { textVersion: CONSENT_TEXT_VERSION } }))
  })

  afterAll(async () => {
    await server?.close()
    await t?.stop()
  })

  it('logs a face in with a short-lived token that verifies against the published JWKS', async () => {
    const login = await api.call('POST', '/login', { key: keys.identify, form: { image: filePart(jpeg(person[1]!)) } })
    expect(login.status).toBe(200)
    expect(login.body).toMatchObject({ employee: { code: 'E1', name: 'Ada Person' }, tokenType: 'Bearer' })
    const jwks = await api.call('GET', '/.well-known/jwks.json')
    expect(jwks.status).toBe(200)
    const { payload } = await jwtVerify((login.body as { token: string }).token, createLocalJWKSet(jwks.body as never))
    expect(payload.sub).toBe('E1')

    const asCode = await api.call('POST', '/login', { key: keys.identify, json: { code: 'E1', image: encoded(jpeg(person[2]!)) } })
    expect(asCode.status).toBe(200)
    const strangerLogin = await api.call('POST', '/login', { key: keys.identify, form: { image: filePart(jpeg(stranger[0]!)) } })
    expect(strangerLogin.status).toBe(401)
    expect(codeOf(strangerLogin)).toBe('unauthorized')
    expect((await api.call('POST', '/login', { key: keys.read, form: { image: filePart(jpeg(person[1]!)) } })).status).toBe(403)
    const two = await api.call('POST', '/login', { key: keys.identify, form: { image: filePart(jpeg('couple.jpg')) } })
    expect(two.status).toBe(422)
    expect(codeOf(two)).toBe('multiple-faces')
  })

  it('punches from a photo and from code and PIN; 401 for a wrong PIN or an unknown face', async () => {
    const byFace = await api.call('POST', '/punch', { key: keys.punch, form: { image: filePart(jpeg(person[3]!)) } })
    expect(byFace.status).toBe(201)
    expect(byFace.body).toMatchObject({ employeeCode: 'E1', type: 'check-in', source: 'face', repeated: false })
    const byPin = await api.call('POST', '/punch', { key: keys.punch, json: { code: 'E1', pin: '2468' } })
    expect(byPin.status).toBe(201)
    expect(byPin.body).toMatchObject({ employeeCode: 'E1' })
    const wrongPin = await api.call('POST', '/punch', { key: keys.punch, json: { code: 'E1', pin: '0000' } })
    expect(wrongPin.status).toBe(401)
    const unknown = await api.call('POST', '/punch', { key: keys.punch, form: { image: filePart(jpeg(stranger[0]!)) } })
    expect(unknown.status).toBe(401)
    expect((await api.call('POST', '/punch', { key: keys.identify, json: { code: 'E1', pin: '2468' } })).status).toBe(403)
  })

  it('analyses faces only once an owner switched analysis on', async () => {
    const off = await api.call('POST', '/analyse', { key: keys.identify, form: { image: filePart(jpeg(person[0]!)) } })
    expect(off.status).toBe(403)
    expect(codeOf(off)).toBe('forbidden')
    value(await t.call('updateSettings', { analyseEnabled: true }))
    const on = await api.call('POST', '/analyse', { key: keys.identify, form: { image: filePart(jpeg('couple.jpg')) } })
    expect(on.status).toBe(200)
    expect(on.body).toHaveLength(2)
    expect((on.body as { age: number }[])[0]!.age).toBeGreaterThan(0)
  })

  it('registers unknown faces as visitors, lists, deletes and purges them', async () => {
    // Storing a visitor's face is enrolment: identify alone is not enough.
    const refused = await api.call('POST', '/identify', { key: keys.identify, form: { enrolUnknown: 'true', image: filePart(jpeg(stranger[0]!)) } })
    expect(refused.status).toBe(403)
    const first = await api.call('POST', '/identify', { key: keys.visitors, form: { enrolUnknown: 'true', image: filePart(jpeg(stranger[0]!)) } })
    expect(first.status).toBe(200)
    const visitorId = (first.body as { visitorId: string | null; match: unknown }[])[0]!.visitorId
    expect(visitorId).toEqual(expect.any(String))
    const again = await api.call('POST', '/identify', { key: keys.visitors, json: { enrolUnknown: true, image: encoded(jpeg(stranger[1]!)) } })
    expect((again.body as { visitorId: string }[])[0]!.visitorId).toBe(visitorId)

    const listed = await api.call('GET', '/visitors?offset=0&limit=10', { key: keys.read })
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject([{ visitorId, seenCount: 2 }])
    expect((await api.call('DELETE', '/visitors/no-such-visitor', { key: keys.enrol })).status).toBe(404)
    expect(await api.call('DELETE', `/visitors/${visitorId}`, { key: keys.enrol })).toMatchObject({ status: 200, body: { deleted: true } })

    await api.call('POST', '/identify', { key: keys.visitors, form: { enrolUnknown: 'true', image: filePart(jpeg(stranger[0]!)) } })
    expect((await api.call('DELETE', '/visitors', { key: keys.enrol })).status).toBe(403)
    expect(await api.call('DELETE', '/visitors?olderThanDays=30', { key: keys.admin })).toMatchObject({ status: 200, body: { deleted: 0 } })
    expect(await api.call('DELETE', '/visitors', { key: keys.admin })).toMatchObject({ status: 200, body: { deleted: 1 } })
    expect((await api.call('GET', '/visitors', { key: keys.read })).body).toEqual([])
  })

  it('answers conform to the OpenAPI document', async () => {
    const document = (await api.call('GET', '/openapi.json')).body
    const answers = api.answers.filter((a) => a.path !== '/openapi.json')
    expect(expectConformance(document as never, answers)).toBe(answers.length)
  })
})
