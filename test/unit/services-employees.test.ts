/**
 * Employee records and the gallery logic through createServices, with an engine that reports
 * itself unavailable: these paths must work (or fail cleanly) without recognition. Recognition
 * itself is tested on real photos in test/integration.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { OperationName, OperationRequest, OperationResponse } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { euclideanDistance } from '../../src/main/services/euclidean'
import { createGallery } from '../../src/main/services/gallery'
import { createIdentifier } from '../../src/main/services/identification'
import { CALIBRATION } from '../../src/main/services/decision/calibration'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import { expectedFpir, openSetThreshold } from '../../src/main/services/decision/threshold-policy'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { Repositories } from '../../src/main/store/repositories'
import type { ClockfaceStore } from '../../src/main/store/store-types'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

let core: UnitCore
let store: ClockfaceStore
let repos: Repositories
const call = <K extends OperationName>(name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>> => core.call(name, request)
const values = async <K extends OperationName>(name: K, request: OperationRequest<K>): Promise<OperationResponse<K>> => {
  const result = await call(name, request)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

beforeEach(async () => {
  core = await openUnitCore({ now: () => new Date('2024-01-15T08:00:00.000Z') })
  store = core.store
  repos = core.repos
})

afterEach(async () => {
  await core.close()
})

describe('employees', () => {
  it('creates, reads, lists with search, updates and deletes employees', async () => {
    const created = await call('createEmployee', { code: 'E1', name: 'Ada Lovelace', department: 'Engineering', gender: 'female' })
    expect(created).toEqual({
      ok: true,
      value: {
        employee: expect.objectContaining({ code: 'E1', name: 'Ada Lovelace', department: 'Engineering', gender: 'female', templateCount: 0, createdAt: '2024-01-15T08:00:00.000Z' }),
        template: null
      }
    })
    await call('createEmployee', { code: 'E2', name: 'Grace Hopper', department: 'Navy' })
    await call('createEmployee', { code: 'X9', name: 'Alan Turing' })

    const all = await call('listEmployees', {})
    expect(all.ok && all.value.map((e) => e.code)).toEqual(['E1', 'X9', 'E2']) // by name
    expect((await values('listEmployees', { search: 'navy' })).map((e) => e.code)).toEqual(['E2'])
    expect((await values('listEmployees', { search: 'x9' })).map((e) => e.code)).toEqual(['X9'])
    expect((await values('listEmployees', { search: 'LOVE' })).map((e) => e.code)).toEqual(['E1'])

    const updated = await call('updateEmployee', { code: 'E2', changes: { name: 'Rear Admiral Grace Hopper', department: 'Navy' } })
    expect(updated).toMatchObject({ ok: true, value: { name: 'Rear Admiral Grace Hopper', department: 'Navy' } })
    expect(await call('getEmployee', { code: 'E2' })).toMatchObject({ ok: true, value: { name: 'Rear Admiral Grace Hopper' } })

    expect(await call('deleteEmployee', { code: 'E2' })).toEqual({ ok: true, value: { deletedTemplates: 0, erasedFromFiles: true } })
    expect(await call('getEmployee', { code: 'E2' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('refuses a duplicate code and unknown codes', async () => {
    await call('createEmployee', { code: 'E1', name: 'Ada' })
    expect(await call('createEmployee', { code: 'E1', name: 'Someone else' })).toMatchObject({ ok: false, error: { code: 'duplicate-code' } })
    expect(await store.employees.count({})).toBe(1)
    for (const result of [
      await call('getEmployee', { code: 'NOPE' }),
      await call('updateEmployee', { code: 'NOPE', changes: { name: 'x' } }),
      await call('deleteEmployee', { code: 'NOPE' }),
      await call('listTemplates', { code: 'NOPE' }),
      await call('deleteTemplate', { id: 'no-such-id' })
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
  })

  it('stores nothing when the photo of a new employee cannot be described', async () => {
    const photo = { kind: 'encoded' as const, data: new Uint8Array([0xff, 0xd8, 0xff]) }
    // A photo without the employee's consent is refused before it reaches the engine.
    expect(await call('createEmployee', { code: 'E1', name: 'Ada', photo })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const consent = { textVersion: CONSENT_TEXT_VERSION }
    expect(await call('createEmployee', { code: 'E1', name: 'Ada', photo, consent })).toMatchObject({ ok: false, error: { code: 'engine-unavailable' } })
    expect(await store.employees.count({})).toBe(0)
    expect(await store.templates.count({})).toBe(0)
  })

  it('reports the engine status', async () => {
    expect(await call('getEngineStatus', {})).toMatchObject({ ok: true, value: { state: 'error', error: 'models missing (test)' } })
  })
})

describe('gallery and 1:N decision rule', () => {
  // Synthetic vectors: this checks the nearest-neighbour bookkeeping and the decision rule, not recognition.
  const vector = (fill: (i: number) => number) => Array.from({ length: 192 }, (_, i) => fill(i))
  const base = vector((i) => Math.sin(i))
  const shifted = (by: number) => base.map((v, i) => (i === 0 ? v + by : v)) // Euclidean distance `by` from base

  async function employeeWith(code: string, descriptors: number[][], model: string | null = RECOGNITION_MODEL_ID): Promise<string> {
    const e = await store.employees.insert({ code, name: code, department: '', createdAt: '', updatedAt: '' })
    for (const descriptor of descriptors) await store.templates.insert({ employeeId: e._id, descriptor, thumbnail: '', source: 'file', createdAt: '', ...(model ? { model } : {}) })
    return e._id
  }

  /** Decision settings with a fixed threshold; the target FPIR is loose enough not to tighten it for these few people. */
  const decisionConfig = (warnings: string[], threshold = 0.55, ambiguityMargin = 0.05) => ({
    warn: (m: string) => warnings.push(m),
    decision: () => ({ threshold, targetFpir: 0.1, ambiguityMargin })
  })

  it('takes each employee’s nearest template, accepts strictly under the threshold, and refuses close runners-up', async () => {
    const warnings: string[] = []
    const config = decisionConfig(warnings)
    expect(await createIdentifier(repos.employees, createGallery(repos.templates), config).identify(base)).toEqual({ match: null, nearestDistance: null })

    await employeeWith('A', [shifted(2), shifted(0.2)])
    await employeeWith('B', [shifted(-0.3)])
    // Templates of an earlier recognition model are not comparable and stay out of the gallery.
    await employeeWith('OLD', [shifted(0.01)], null)
    // The gallery reads the store once, on first use; later changes go through add/remove.
    const gallery = createGallery(repos.templates)
    expect(await gallery.persons()).toBe(2)
    const identifier = createIdentifier(repos.employees, gallery, config)
    const id = await identifier.identify(base)
    expect(id.match).toMatchObject({ code: 'A', threshold: 0.55 })
    expect(id.match?.distance).toBeCloseTo(0.2, 6)
    expect(id.nearestDistance).toBeCloseTo(0.2, 6)
    expect(warnings).toEqual([]) // runner-up B at 0.3: 0.1 away, outside the 0.05 margin

    const far = await identifier.identify(shifted(0.2 + 0.56))
    expect(far.match).toBeNull()
    expect(far.nearestDistance).toBeCloseTo(0.56, 6)
    // Exactly at the threshold is a reject: acceptance is strictly under it.
    const probe = shifted(0.2 + 0.5)
    const aId = (await store.employees.findOne({ code: 'A' }))!._id
    const atThreshold = (await gallery.distanceTo(aId, probe))!
    expect(atThreshold).toBeCloseTo(euclideanDistance(probe, shifted(0.2)), 6)
    expect((await createIdentifier(repos.employees, gallery, decisionConfig(warnings, atThreshold)).identify(probe)).match).toBeNull()
    expect((await createIdentifier(repos.employees, gallery, decisionConfig(warnings, atThreshold + 1e-9)).identify(probe)).match?.code).toBe('A')

    // C at 0.22 is within the margin of A at 0.2: nobody is named.
    const c = await employeeWith('C', [shifted(-0.22)])
    await gallery.add({ id: 'c-template', employeeId: c, descriptor: shifted(-0.22) })
    const ambiguous = await identifier.identify(base)
    expect(ambiguous).toMatchObject({ match: null, ambiguous: true })
    expect(ambiguous.nearestDistance).toBeCloseTo(0.2, 6)
    expect(warnings).toHaveLength(1)
    // With no margin the nearest wins.
    expect((await createIdentifier(repos.employees, gallery, decisionConfig(warnings, 0.55, 0)).identify(base)).match?.code).toBe('A')

    await gallery.removeEmployee(c)
    expect(await gallery.distanceTo(aId, base)).toBeCloseTo(0.2, 6)
    expect(await gallery.distanceTo(c, base)).toBeNull()
  })

  it('tightens the 1:N threshold as the gallery grows, to keep the false-positive identification rate', () => {
    const few = openSetThreshold(CALIBRATION, 1.2, 0.01, 10)
    const many = openSetThreshold(CALIBRATION, 1.2, 0.01, 10_000)
    expect(few).toBeLessThanOrEqual(1.2)
    expect(many).toBeLessThan(few)
    // The expected FPIR at the tightened threshold is the target (the rule's inverse).
    expect(expectedFpir(CALIBRATION, few, 10)).toBeCloseTo(0.01, 3)
    expect(expectedFpir(CALIBRATION, many, 10_000)).toBeCloseTo(0.01, 3)
    // Never looser than the 1:1 threshold.
    expect(openSetThreshold(CALIBRATION, 0.6, 0.01, 1)).toBe(0.6)
  })
})
