/**
 * The integration REST API (/api/v1) over real HTTP with the real engine and real photos
 * (deepface-unit): API keys as the local operator creates them, every endpoint whose service
 * exists, success and error statuses, JSON with base64 and multipart forms, the CSV export,
 * and every answer checked against the OpenAPI document the server publishes.
 */
import { readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { crc32 } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { contract, operationNames, type RestRoute } from '../../src/shared/contract'
import { createApiKeyService } from '../../src/main/services/api/api-keys'
import { createRestServer, type RestServer } from '../../src/main/transport/rest-server'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { encoded, expectConformance, filePart, restClient, type RestAnswer, type RestClient } from './rest-fixture'
import { startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`rest-api: skipped, ${missingDatasetsReason}`)

const jpeg = (file: string): Uint8Array => new Uint8Array(readFileSync(deepfaceUnit(file)))
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
const consent = { textVersion: CONSENT_TEXT_VERSION }

/** Sends `head` (and no body) on a raw socket; resolves to what the server answered before closing. */
function rawExchange(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head))
    let reply = ''
    socket.on('data', (chunk) => (reply += chunk.toString()))
    socket.on('close', () => resolve(reply))
    socket.on('error', reject)
    setTimeout(() => socket.destroy(), 5000)
  })
}

const errorOf = (answer: RestAnswer): { code: string; message: string; requestId: string } => (answer.body as { error: { code: string; message: string; requestId: string } }).error

describe.skipIf(!hasDeepfaceUnit)('REST API with the real engine', () => {
  let t: TestCore
  let server: RestServer
  let api: RestClient
  let port: number
  const keys: Record<'admin' | 'read' | 'enrol' | 'identify' | 'export' | 'revoked', string> = { admin: '', read: '', enrol: '', identify: '', export: '', revoked: '' }
  let person: string[] = []
  let other: string[] = []
  let grayJpeg: Uint8Array

  beforeAll(async () => {
    t = await startTestCore()
    server = await createRestServer({ dispatch: t.core.dispatch, apiKeys: createApiKeyService(t.core.repos.apiKeys, t.core.config) })
    const listening = await server.listen({ host: '127.0.0.1', port: 0 })
    port = listening.port
    api = restClient(listening.url)
    const scopes = { admin: ['admin'], read: ['read'], enrol: ['enrol', 'read'], identify: ['identify'], export: ['export'], revoked: ['admin'] } as const
    for (const [name, list] of Object.entries(scopes)) {
      keys[name as keyof typeof keys] = value(await t.call('createApiKey', { name: `test ${name}`, scopes: [...list] })).key
    }
    const revokedId = value(await t.call('listApiKeys', {})).find((k) => k.name === 'test revoked')!.id
    value(await t.call('revokeApiKey', { id: revokedId }))
    const clusters = identityClusters()
    person = clusters[0]!
    other = clusters[1]!
    grayJpeg = new Uint8Array(await sharp({ create: { width: 300, height: 300, channels: 3, background: '#808080' } }).jpeg().toBuffer())
  })

  afterAll(async () => {
    await server?.close()
    await t?.stop()
  })

  it('serves health without a key', async () => {
    const health = await api.call('GET', '/health')
    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ status: 'ok', counts: { employees: 0 } })
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses a missing, malformed, unknown or revoked key with 401, a session cookie too, and a key without the scope with 403', async () => {
    const cases: [string, RestAnswer][] = [
      ['none', await api.call('GET', '/employees')],
      ['malformed', await api.call('GET', '/employees', { key: 'not-a-key' })],
      ['unknown', await api.call('GET', '/employees', { key: `cfk_ABCDEFGH_${'a'.repeat(43)}` })],
      ['revoked', await api.call('GET', '/employees', { key: keys.revoked })],
      ['cookie', await api.call('GET', '/employees', { headers: { cookie: 'clockface_admin=whatever; clockface_kiosk=whatever' } })],
      ['bad key on a public route', await api.call('GET', '/health', { key: keys.revoked })]
    ]
    for (const [name, answer] of cases) {
      expect(answer.status, name).toBe(401)
      expect(errorOf(answer), name).toMatchObject({ code: 'unauthorized', requestId: answer.headers.get('x-request-id') })
      expect(answer.headers.get('www-authenticate'), name).toContain('Bearer')
    }
    expect(errorOf(cases[0]![1]).message).toContain('Authorization: Bearer')
    expect(errorOf(cases[3]![1]).message).toContain('not valid')

    const wrongScope = await api.call('POST', '/employees', { key: keys.read, json: { code: 'X1', name: 'Refused' } })
    expect(wrongScope.status).toBe(403)
    expect(errorOf(wrongScope)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('"enrol" scope') })
    expect((await api.call('GET', '/employees', { key: keys.identify })).status).toBe(403)
    // The X-API-Key header works as well as Authorization.
    expect((await api.call('GET', '/employees', { key: keys.read, keyHeader: 'x-api-key' })).status).toBe(200)

    // Refusals of admin actions are audited with the channel `api` and the request id.
    const audit = await api.call('GET', '/audit?limit=50', { key: keys.admin })
    expect(audit.status).toBe(200)
    expect(audit.body).toContainEqual(expect.objectContaining({ action: 'createEmployee', channel: 'api', outcome: 'forbidden', requestId: wrongScope.headers.get('x-request-id') }))
  })

  it('creates employees from base64 JSON and from a multipart form, 409 for a duplicate code or face', async () => {
    const json = await api.call('POST', '/employees', {
      key: keys.enrol,
      json: { code: 'A1', name: 'Ada Person', department: 'R&D', photo: encoded(jpeg(person[0]!)), consent }
    })
    expect(json.status).toBe(201)
    expect(json.body).toMatchObject({ employee: { code: 'A1', templateCount: 1, consent: { textVersion: CONSENT_TEXT_VERSION } }, template: { employeeCode: 'A1', source: 'file' } })

    const form = await api.call('POST', '/employees', {
      key: keys.enrol,
      form: { code: 'B1', name: 'Bo Other', 'consent.textVersion': CONSENT_TEXT_VERSION, source: 'camera', photo: filePart(jpeg(other[0]!)) }
    })
    expect(form.status).toBe(201)
    expect(form.body).toMatchObject({ employee: { code: 'B1', templateCount: 1 }, template: { source: 'camera' } })

    const duplicateCode = await api.call('POST', '/employees', { key: keys.enrol, json: { code: 'A1', name: 'Someone Else' } })
    expect(duplicateCode.status).toBe(409)
    expect(errorOf(duplicateCode).code).toBe('duplicate-code')

    // Another photo of A1's person under a new code: one person, one code.
    const duplicateFace = await api.call('POST', '/employees', {
      key: keys.enrol,
      form: { code: 'C1', name: 'Same Face', consent: JSON.stringify(consent), photo: filePart(jpeg(person[1]!)) }
    })
    expect(duplicateFace.status).toBe(409)
    expect(errorOf(duplicateFace).code).toBe('duplicate-face')
  })

  it('reads, pages, updates and enrols employees; lists and deletes templates; 404 for unknown ones', async () => {
    const list = await api.call('GET', '/employees', { key: keys.read })
    expect((list.body as { code: string }[]).map((e) => e.code)).toEqual(['A1', 'B1'])
    // Paging fields arrive as numbers (the service itself decides what it does with them).
    expect((await api.call('GET', '/employees?offset=0&limit=10', { key: keys.read })).status).toBe(200)
    const searched = await api.call('GET', `/employees?search=${encodeURIComponent('R&D')}`, { key: keys.read })
    expect((searched.body as { code: string }[]).map((e) => e.code)).toEqual(['A1'])

    expect(await api.call('GET', '/employees/A1', { key: keys.read })).toMatchObject({ status: 200, body: { code: 'A1', name: 'Ada Person' } })
    const missing = await api.call('GET', '/employees/NOPE', { key: keys.read })
    expect(missing.status).toBe(404)
    expect(errorOf(missing).code).toBe('not-found')

    const patched = await api.call('PATCH', '/employees/A1', { key: keys.enrol, json: { department: 'Operations', pin: '4321' } })
    expect(patched).toMatchObject({ status: 200, body: { code: 'A1', department: 'Operations', hasPin: true, name: 'Ada Person' } })
    expect((await api.call('PATCH', '/employees/NOPE', { key: keys.enrol, json: { name: 'X' } })).status).toBe(404)

    const enrolled = await api.call('POST', '/employees/A1/photos', {
      key: keys.enrol,
      form: { 'consent.textVersion': CONSENT_TEXT_VERSION, image: filePart(jpeg(person[2]!)) }
    })
    expect(enrolled).toMatchObject({ status: 201, body: { employeeCode: 'A1' } })
    const enrolledJson = await api.call('POST', '/employees/A1/photos', { key: keys.enrol, json: { image: encoded(jpeg(person[3]!)), consent } })
    expect(enrolledJson.status).toBe(201)

    const templates = await api.call('GET', '/employees/A1/templates', { key: keys.read })
    expect(templates.status).toBe(200)
    expect(templates.body).toHaveLength(3)
    const removed = await api.call('DELETE', `/templates/${(enrolledJson.body as { id: string }).id}`, { key: keys.enrol })
    expect(removed).toMatchObject({ status: 200, body: { deleted: true } })
    expect((await api.call('DELETE', '/templates/no-such-template', { key: keys.enrol })).status).toBe(404)
    expect((await api.call('GET', '/employees/NOPE/templates', { key: keys.read })).status).toBe(404)
  })

  it('identifies, verifies and detects faces from JSON and from forms', async () => {
    const identified = await api.call('POST', '/identify', { key: keys.identify, json: { image: encoded(jpeg(person[4]!)) } })
    expect(identified.status).toBe(200)
    expect(identified.body).toMatchObject([{ match: { code: 'A1' } }])
    const identifiedForm = await api.call('POST', '/identify', { key: keys.identify, form: { image: filePart(jpeg(other[1]!)) } })
    expect(identifiedForm.body).toMatchObject([{ match: { code: 'B1' } }])

    const verified = await api.call('POST', '/verify', { key: keys.identify, json: { code: 'A1', image: encoded(jpeg(person[4]!)) } })
    expect(verified).toMatchObject({ status: 200, body: { verified: true, metric: 'euclidean_l2' } })
    const notVerified = await api.call('POST', '/verify', { key: keys.identify, form: { code: 'B1', image: filePart(jpeg(person[4]!)) } })
    expect(notVerified).toMatchObject({ status: 200, body: { verified: false } })
    expect((await api.call('POST', '/verify', { key: keys.identify, json: { code: 'NOPE', image: encoded(jpeg(person[4]!)) } })).status).toBe(404)

    const detected = await api.call('POST', '/detect', { key: keys.identify, form: { image: filePart(jpeg('couple.jpg')) } })
    expect(detected.status).toBe(200)
    expect(detected.body).toHaveLength(2)
    expect((detected.body as { landmarks: unknown[] }[])[0]!.landmarks).toHaveLength(68)
  })

  it('answers 422 for no face or two faces, 415 for GIF and SVG, 413 for oversized images and bodies, 400 for invalid input', async () => {
    const two = await api.call('POST', '/verify', { key: keys.identify, form: { code: 'A1', image: filePart(jpeg('couple.jpg')) } })
    expect(two.status).toBe(422)
    expect(errorOf(two).code).toBe('multiple-faces')
    const none = await api.call('POST', '/employees/B1/photos', { key: keys.enrol, json: { image: encoded(grayJpeg), consent } })
    expect(none.status).toBe(422)
    expect(errorOf(none).code).toBe('no-face')

    const gif = await api.call('POST', '/identify', { key: keys.identify, json: { image: encoded(GIF) } })
    expect(gif.status).toBe(415)
    expect(errorOf(gif).code).toBe('unsupported-image')
    const svg = await api.call('POST', '/identify', { key: keys.identify, form: { image: filePart(SVG, 'x.svg', 'image/svg+xml') } })
    expect(svg.status).toBe(415)
    expect(errorOf(svg).code).toBe('unsupported-image')
    const textBody = await api.call('POST', '/identify', { key: keys.identify, raw: 'hello', headers: { 'content-type': 'text/plain' } })
    expect(textBody.status).toBe(415)
    expect(errorOf(textBody).code).toBe('unsupported-media-type')

    // A small PNG whose header (CRC fixed up) claims 100000 × 100000 pixels: refused before decoding.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).png().toBuffer()
    png.writeUInt32BE(100_000, 16)
    png.writeUInt32BE(100_000, 20)
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
    const bomb = await api.call('POST', '/identify', { key: keys.identify, form: { image: filePart(png, 'bomb.png', 'image/png') } })
    expect(bomb.status).toBe(413)
    expect(errorOf(bomb).code).toBe('too-large')

    // A file over the 20 MB image limit in a form, and a body declared over the body limit.
    const huge = new Uint8Array(21 * 1024 * 1024)
    huge.set([0xff, 0xd8, 0xff, 0xe0])
    const hugeFile = await api.call('POST', '/identify', { key: keys.identify, form: { image: filePart(huge) } })
    expect(hugeFile.status).toBe(413)
    expect(errorOf(hugeFile).code).toBe('too-large')
    const head = `POST /api/v1/identify HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${keys.identify}\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`
    const reply = await rawExchange(port, head)
    expect(reply).toMatch(/^HTTP\/1\.1 413 /)
    expect(reply).toMatch(/\{"error":\{"code":"too-large","message":"[^"]+","requestId":"[0-9a-f-]{36}"\}\}/)

    const badJson = await api.call('POST', '/identify', { key: keys.identify, raw: '{"image":', headers: { 'content-type': 'application/json' } })
    expect(badJson.status).toBe(400)
    expect(errorOf(badJson).code).toBe('invalid-input')
    const badLimit = await api.call('GET', '/employees?limit=many', { key: keys.read })
    expect(badLimit.status).toBe(400)
    expect(badLimit.body).toMatchObject({ error: { code: 'invalid-input', details: [expect.objectContaining({ path: ['limit'] })] } })
    const noImage = await api.call('POST', '/identify', { key: keys.identify, form: { photo: filePart(jpeg(person[0]!)) } })
    expect(noImage.status).toBe(400)
    expect(errorOf(noImage).message).toContain('"image"')
  })

  it('exports attendance as JSON and as CSV with formula cells neutralised', async () => {
    const formula = '=HYPERLINK("http://evil.example","pay")'
    const created = await api.call('POST', '/employees', { key: keys.enrol, json: { code: 'F1', name: formula, department: '+SUM(A1:A9)', pin: '2468' } })
    expect(created.status).toBe(201)
    value(await t.call('punchWithPin', { code: 'F1', pin: '2468' }))
    value(await t.call('punchWithPin', { code: 'A1', pin: '4321' }))

    const events = await api.call('GET', '/attendance', { key: keys.export })
    expect(events.status).toBe(200)
    expect((events.body as { employeeCode: string }[]).map((e) => e.employeeCode).sort()).toEqual(['A1', 'F1'])
    const one = await api.call('GET', `/attendance?code=F1&limit=1&from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`, { key: keys.export })
    expect(one.body).toMatchObject([{ employeeCode: 'F1', employeeName: formula, type: 'check-in', source: 'pin' }])

    const csv = await api.call('GET', '/attendance?format=csv', { key: keys.export })
    expect(csv.status).toBe(200)
    expect(csv.contentType).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toContain('attendance.csv')
    const raw = Buffer.from(await (await fetch(`http://127.0.0.1:${port}/api/v1/attendance?format=csv`, { headers: { authorization: `Bearer ${keys.export}` } })).arrayBuffer())
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(2)
    const f1 = rows.find((r) => r['employee_code'] === 'F1')!
    expect(f1['employee_name']).toBe(`'${formula}`)
    expect(f1).toMatchObject({ type: 'check-in', source: 'pin' })
    expect(rows.find((r) => r['employee_code'] === 'A1')!['employee_name']).toBe('Ada Person')

    const accepted = await api.call('GET', '/attendance', { key: keys.export, headers: { accept: 'text/csv' } })
    expect(accepted.contentType).toBe('text/csv; charset=utf-8')
    expect((await api.call('GET', '/attendance?format=xml', { key: keys.export })).status).toBe(400)
    expect((await api.call('GET', '/attendance?format=csv', { key: keys.read })).status).toBe(403)
  })

  it('imports, lists, corrects and exports punches, and serves schedules and timesheets, with the right scopes', async () => {
    const punches = [
      { code: 'A1', type: 'check-in', time: '2026-03-23T08:00:00+01:00', timeZone: 'Europe/Berlin' },
      { code: 'A1', type: 'check-out', time: '2026-03-23T16:30:00+01:00', timeZone: 'Europe/Berlin' }
    ]
    expect((await api.call('POST', '/punches/import', { key: keys.export, json: { punches } })).status).toBe(403)
    expect(await api.call('POST', '/punches/import', { key: keys.admin, json: { punches } })).toMatchObject({ status: 201, body: { imported: 2 } })
    const schedule = await api.call('POST', '/schedules', { key: keys.admin, json: { scope: 'default', start: '09:00', end: '17:00', weekdays: [1, 2, 3, 4, 5] } })
    expect(schedule).toMatchObject({ status: 200, body: { scope: 'default', graceMinutes: 5, unpaidBreakMinutes: 0 } })
    expect((await api.call('GET', '/schedules', { key: keys.read })).body).toMatchObject([{ scope: 'default' }])

    const page = await api.call('GET', '/punches?source=import&flagged=false&limit=10', { key: keys.export })
    expect(page).toMatchObject({ status: 200, body: { total: 2 } })
    const checkIn = (page.body as { items: { id: string; type: string }[] }).items.find((p) => p.type === 'check-in')!
    expect((await api.call('PATCH', `/punches/${checkIn.id}`, { key: keys.export, json: { time: '2026-03-23T09:00:00+01:00', reason: 'late start agreed' } })).status).toBe(403)
    const edited = await api.call('PATCH', `/punches/${checkIn.id}`, { key: keys.admin, json: { time: '2026-03-23T09:00:00+01:00', reason: 'late start agreed' } })
    expect(edited).toMatchObject({ status: 200, body: { time: '2026-03-23T08:00:00.000Z', revisions: [{ action: 'edit', reason: 'late start agreed', by: 'key:test admin' }] } })
    expect(await api.call('GET', `/punches/${checkIn.id}`, { key: keys.export })).toMatchObject({ status: 200, body: { id: checkIn.id, photo: null } })

    // 09:00–16:30 in Berlin: 450 min worked of 480 scheduled, left 30 min early.
    const sheet = await api.call('GET', '/timesheets?from=2026-03-23&to=2026-03-23&code=A1', { key: keys.export })
    expect(sheet.status).toBe(200)
    expect((sheet.body as { employees: { days: unknown[] }[] }).employees[0]!.days[0]).toMatchObject({ workedMinutes: 450, scheduledMinutes: 480, earlyLeaveMinutes: 30, flags: ['early-leave', 'corrected'] })
    expect((await api.call('GET', '/timesheets?from=2026-03-24&to=2026-03-23', { key: keys.export })).status).toBe(400)

    const file = await api.call('GET', '/exports?from=2026-03-23&to=2026-03-23&format=csv&kind=punches&history=true&code=A1', { key: keys.export })
    expect(file).toMatchObject({ status: 200, body: { fileName: 'clockface-punches-2026-03-23_2026-03-23.csv', rows: 2 } })
    const csvText = Buffer.from((file.body as { base64: string }).base64, 'base64').toString('utf8')
    expect(csvText).toContain('late start agreed')
    const voided = await api.call('POST', `/punches/${checkIn.id}/void`, { key: keys.admin, json: { reason: 'entered twice' } })
    expect(voided).toMatchObject({ status: 200, body: { voided: true } })
  })

  it('exports a person and deletes an employee with the right keys', async () => {
    const exported = await api.call('GET', '/employees/A1/export', { key: keys.admin })
    expect(exported).toMatchObject({ status: 200, body: { code: 'A1', employee: { code: 'A1' } } })
    expect((exported.body as { templates: unknown[] }).templates).toHaveLength(2)
    expect((await api.call('GET', '/employees/A1/export', { key: keys.enrol })).status).toBe(403)

    const deleted = await api.call('DELETE', '/employees/B1', { key: keys.enrol })
    expect(deleted).toMatchObject({ status: 200, body: { deletedTemplates: 1, erasedFromFiles: true } })
    expect((await api.call('GET', '/employees/B1', { key: keys.read })).status).toBe(404)
    expect((await api.call('DELETE', '/employees/B1', { key: keys.enrol })).status).toBe(404)
  })

  it('publishes every contract operation with a REST route in its OpenAPI document, and every answer above conforms to it', async () => {
    const answer = await api.call('GET', '/openapi.json')
    expect(answer.status).toBe(200)
    const document = answer.body as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> }
    expect(document.openapi).toBe('3.1.0')
    const routed = operationNames.filter((name) => (contract[name] as { rest?: RestRoute }).rest)
    expect(routed.length).toBeGreaterThanOrEqual(20)
    for (const name of routed) {
      const rest = (contract[name] as { rest: RestRoute }).rest
      const path = rest.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
      expect(document.paths[path]?.[rest.method.toLowerCase()]?.operationId, `${rest.method} ${path}`).toBe(name)
    }
    const documented = Object.values(document.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId))
    expect(documented.sort()).toEqual([...routed].sort())

    const answers = api.answers.filter((a) => a.path !== '/openapi.json')
    const checked = expectConformance(document as never, answers)
    console.log(`${checked} answers checked against the OpenAPI document`)
    expect(checked).toBe(answers.length)
  })
})
