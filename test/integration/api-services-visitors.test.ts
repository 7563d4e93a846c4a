/**
 * The visitor gallery and identification candidates through dispatch, with the real engine and
 * real photos (deepface-unit identity pairs), as an integration's API key and as the local
 * operator: unknown faces become visitors (the same face again keeps its id), employees never
 * do, candidates carry distance and cosine similarity, and deletion, purge and retention take
 * visitors out of memory and out of the file's bytes.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { IdentifiedFace } from '../../src/shared/models'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { cosineSimilarity } from '../../src/main/services/cosine-similarity'
import { PHOTO_DETECTOR } from '../../src/main/services/describe-face'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { euclidean } from './engine-harness'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`api-services-visitors: skipped, ${missingDatasetsReason}`)

const DAY = 86_400_000

describe.skipIf(!hasDeepfaceUnit)('visitor gallery and candidates', () => {
  let t: TestCore
  const start = new Date('2024-03-04T09:00:00.000Z')
  let clock = start
  const api = createCallContext({ channel: 'api', apiKey: { keyId: 'k', name: 'hr', scopes: ['identify', 'punch', 'read', 'enrol'] } })
  const consent = { textVersion: CONSENT_TEXT_VERSION }
  let clusters: string[][] = []
  /** Photos of the employees E1..E3 (one enrolled, one probe each) and of two strangers. */
  let staff: string[][] = []
  let strangerA: string[] = []
  let strangerB: string[] = []

  const identify = async (file: string, ctx = api): Promise<IdentifiedFace> => {
    const faces = value(await t.callAs(ctx, 'identifyFaces', { image: photo(file), enrolUnknown: true }))
    expect(faces).toHaveLength(1)
    return faces[0]!
  }
  const visitorsFile = () => readFileSync(join(t.dataDir, 'visitors.db'), 'utf8')

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock })
    clusters = identityClusters()
    staff = [clusters[0]!, clusters[2]!, clusters[3]!]
    strangerA = clusters[1]!
    strangerB = clusters[4]!
    for (const [i, files] of staff.entries()) {
      value(await t.call('createEmployee', { code: `E${i + 1}`, name: `Employee ${i + 1}`, photo: photo(files[0]!), consent }))
    }
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('registers an unknown face as a visitor and gives the same person the same id again', async () => {
    const first = await identify(strangerA[0]!)
    expect(first.match).toBeNull()
    expect(first.visitorId).toMatch(/^V-[A-HJ-NP-Z2-9]{10}$/)
    clock = new Date(start.getTime() + 60_000)
    const again = await identify(strangerA[1]!)
    expect(again.match).toBeNull()
    expect(again.visitorId).toBe(first.visitorId)

    const other = await identify(strangerB[0]!)
    expect(other.visitorId).toMatch(/^V-/)
    expect(other.visitorId).not.toBe(first.visitorId)

    const listed = value(await t.callAs(api, 'listVisitors', {}))
    expect(listed).toHaveLength(2)
    // Newest first; a second sighting updates last-seen time and count, not the creation time.
    expect(listed[1]).toEqual({ visitorId: first.visitorId, createdAt: start.toISOString(), lastSeenAt: clock.toISOString(), seenCount: 2 })
    expect(listed[0]).toMatchObject({ visitorId: other.visitorId, seenCount: 1 })
    expect(value(await t.call('getHealth', {})).counts.visitors).toBe(2)
  })

  it("never turns an employee's face into a visitor, and answers visitorId only when asked", async () => {
    const face = await identify(staff[0]![1]!)
    expect(face.match?.code).toBe('E1')
    expect(face.visitorId).toBeNull()
    expect(value(await t.callAs(api, 'listVisitors', {}))).toHaveLength(2)
    const plain = value(await t.callAs(api, 'identifyFaces', { image: photo(strangerA[0]!) }))
    expect(plain[0]!.match).toBeNull()
    expect(plain[0]).not.toHaveProperty('visitorId')
    // A visitor is never identified as staff, and cannot punch.
    const before = value(await t.call('listAttendance', {})).length
    expect(await t.callAs(api, 'punchFromApi', { image: photo(strangerA[1]!) })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
    expect(value(await t.call('listAttendance', {}))).toHaveLength(before)
  })

  it('lists the three nearest employees as candidates with Euclidean distance and cosine similarity', async () => {
    const face = await identify(staff[0]![1]!)
    const candidates = face.candidates!
    expect(candidates.map((c) => c.code)).toHaveLength(3)
    expect(candidates[0]).toMatchObject({ code: 'E1', name: 'Employee 1', distance: face.match!.distance })
    expect(candidates.map((c) => c.distance)).toEqual([...candidates.map((c) => c.distance)].sort((a, b) => a - b))
    for (const c of candidates) expect(c.similarity).toBeGreaterThanOrEqual(-1)
    expect(candidates[0]!.similarity).toBeGreaterThan(candidates[2]!.similarity)

    // The similarity is the cosine of the probe and the candidate's nearest template.
    const probe = (await t.core.engine.detect(photo(staff[0]![1]!), { detector: PHOTO_DETECTOR, withDescriptors: true })).faces[0]!.descriptor!
    const templates = value(await t.call('exportPersonData', { code: 'E1' })).templates
    const nearest = templates.map((tpl) => tpl.descriptor).sort((a, b) => euclidean(probe, a) - euclidean(probe, b))[0]!
    expect(candidates[0]!.similarity).toBeCloseTo(cosineSimilarity(probe, nearest), 5)
    expect(candidates[0]!.distance).toBeCloseTo(euclidean(probe, nearest), 5)
    console.log(
      `candidates for a probe of E1: ${candidates.map((c) => `${c.code} d=${c.distance.toFixed(3)} cos=${c.similarity.toFixed(3)}`).join(', ')}`
    )

    // An unknown face still gets its nearest employees, none under the threshold.
    const stranger = await identify(strangerA[0]!)
    expect(stranger.candidates).toHaveLength(3)
    expect(stranger.candidates!.every((c) => c.distance >= t.core.config.threshold)).toBe(true)
    // The local operator (an admin) gets them too.
    const asAdmin = value(await t.call('identifyFaces', { image: photo(staff[1]![1]!) }))
    expect(asAdmin[0]!.candidates?.[0]?.code).toBe('E2')
  })

  it('deletes a visitor and erases its descriptor from the bytes of visitors.db', async () => {
    const face = await identify(strangerB[1]!)
    const doc = (await t.core.repos.visitors.byVisitorId(face.visitorId!))!
    // NeDB writes numbers as JSON does; a run of four descriptor values identifies the line.
    const fingerprint = doc.descriptor.slice(0, 4).map((n) => JSON.stringify(n)).join(',')
    expect(visitorsFile()).toContain(face.visitorId)
    expect(visitorsFile()).toContain(fingerprint)

    expect(value(await t.callAs(api, 'deleteVisitor', { visitorId: face.visitorId! }))).toEqual({ deleted: true })
    expect(visitorsFile()).not.toContain(face.visitorId)
    expect(visitorsFile()).not.toContain(fingerprint)
    expect(value(await t.callAs(api, 'listVisitors', {})).map((v) => v.visitorId)).not.toContain(face.visitorId)
    expect(await t.callAs(api, 'deleteVisitor', { visitorId: face.visitorId! })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const [entry] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'deleteVisitor', actor: 'key:hr', channel: 'api', outcome: 'not-found' })

    // Gone from memory too: the same face is a new visitor now.
    const back = await identify(strangerB[0]!)
    expect(back.visitorId).not.toBe(face.visitorId)
  })

  it('purges visitors not seen for a number of days, then all', async () => {
    const before = value(await t.callAs(api, 'listVisitors', {}))
    expect(before).toHaveLength(2)
    clock = new Date(start.getTime() + 20 * DAY)
    const seen = await identify(strangerB[1]!)
    const admin = createCallContext({ channel: 'api', apiKey: { keyId: 'a', name: 'ops', scopes: ['admin'] } })
    // purgeVisitors needs the admin scope.
    expect(await t.callAs(api, 'purgeVisitors', { olderThanDays: 10 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(value(await t.callAs(admin, 'purgeVisitors', { olderThanDays: 10 }))).toEqual({ deleted: 1 })
    expect(value(await t.callAs(api, 'listVisitors', {})).map((v) => v.visitorId)).toEqual([seen.visitorId])
    expect(value(await t.call('listAuditLog', { limit: 1 }))[0]).toMatchObject({ action: 'purgeVisitors', outcome: 'ok', summary: 'purged 1 visitor not seen for 10 days' })
    expect(value(await t.call('purgeVisitors', {}))).toEqual({ deleted: 1 })
    expect(value(await t.callAs(api, 'listVisitors', {}))).toEqual([])
    expect(visitorsFile()).not.toContain(seen.visitorId)
  })

  it('removes visitors not seen within visitorRetentionDays at the retention run (0 keeps them)', async () => {
    clock = start
    const old = await identify(strangerA[0]!)
    clock = new Date(start.getTime() + 25 * DAY)
    const recent = await identify(strangerB[0]!)
    expect(value(await t.call('getSettings', {})).visitorRetentionDays).toBe(30)

    value(await t.call('updateSettings', { visitorRetentionDays: 0 }))
    clock = new Date(start.getTime() + 40 * DAY)
    expect((await t.core.retention.apply()).visitorsRemoved).toBe(0)

    value(await t.call('updateSettings', { visitorRetentionDays: 30 }))
    expect((await t.core.retention.apply()).visitorsRemoved).toBe(1)
    expect(value(await t.callAs(api, 'listVisitors', {})).map((v) => v.visitorId)).toEqual([recent.visitorId])
    expect(value(await t.call('listAuditLog', { limit: 1 }))[0]).toMatchObject({
      action: 'applyRetention',
      actor: 'clockface',
      summary: 'retention removed 1 visitor not seen for 30 days'
    })
    expect(visitorsFile()).not.toContain(old.visitorId)
    // The gallery in memory followed: the removed face registers anew.
    expect((await identify(strangerA[1]!)).visitorId).not.toBe(old.visitorId)
  })
})
