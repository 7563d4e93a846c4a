/**
 * analyseFaces through dispatch with the real engine and real photos: refused while the owner
 * setting is off, the analysis models loaded only on first use, and plausible estimates for
 * the adults of deepface-unit once it is on.
 */
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { ANALYSIS_MODELS } from '../../src/main/engine/model-files'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`api-services-analyse: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('face analysis', () => {
  let t: TestCore
  const api = createCallContext({ channel: 'api', apiKey: { keyId: 'k', name: 'hr', scopes: ['identify', 'punch', 'read', 'enrol'] } })
  /** One photo of each labelled identity of master.csv: adults, many poses and lights. */
  let adults: string[] = []

  beforeAll(async () => {
    t = await startTestCore()
    adults = identityClusters().map((cluster) => cluster[0]!)
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('is refused while analyseEnabled is off (the default), and the models are not loaded at start', async () => {
    expect(value(await t.call('getSettings', {})).analyseEnabled).toBe(false)
    const refused = await t.callAs(api, 'analyseFaces', { image: photo(adults[0]!) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/turned off/) } })
    expect(await t.call('analyseFaces', { image: photo(adults[0]!) })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const { models } = value(await t.call('getEngineStatus', {}))
    for (const name of ANALYSIS_MODELS) expect(models).not.toContain(name)
  })

  it('estimates age, gender and expression of each face once an owner turns it on', async () => {
    const { changed } = value(await t.call('updateSettings', { analyseEnabled: true }))
    expect(changed).toEqual([{ name: 'analyseEnabled', from: false, to: true }])
    expect(value(await t.call('listAuditLog', { limit: 1 }))[0]).toMatchObject({ action: 'updateSettings', summary: 'changed settings: analyseEnabled false → true' })

    const times: number[] = []
    const lines: string[] = []
    for (const file of adults) {
      const started = performance.now()
      const faces = value(await t.callAs(api, 'analyseFaces', { image: photo(file) }))
      times.push(performance.now() - started)
      expect(faces, file).toHaveLength(1)
      const face = faces[0]!
      expect(face.age, file).toBeGreaterThanOrEqual(10)
      expect(face.age, file).toBeLessThanOrEqual(80)
      expect(['female', 'male']).toContain(face.gender)
      expect(face.genderProbability).toBeGreaterThanOrEqual(0.5)
      expect(face.genderProbability).toBeLessThanOrEqual(1)
      const probabilities = Object.values(face.expressions)
      expect(Object.keys(face.expressions).sort()).toEqual(['angry', 'disgusted', 'fearful', 'happy', 'neutral', 'sad', 'surprised'])
      expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 2)
      expect(face.expressions[face.expression]).toBe(Math.max(...probabilities))
      expect(face.landmarks).toHaveLength(68)
      lines.push(`${file}: age ${face.age.toFixed(1)}, ${face.gender} (${face.genderProbability.toFixed(2)}), ${face.expression}`)
    }
    const later = times.slice(1).sort((a, b) => a - b)
    console.log(
      `${lines.join('\n')}\nanalyseFaces per one-face photo: first ${times[0]!.toFixed(0)} ms (loads the analysis models), ` +
        `then median ${later[Math.floor(later.length / 2)]!.toFixed(0)} ms over ${later.length}`
    )
    const { models } = value(await t.call('getEngineStatus', {}))
    for (const name of ANALYSIS_MODELS) expect(models).toContain(name)
  })

  it('analyses every face of a group photo', async () => {
    const faces = value(await t.callAs(api, 'analyseFaces', { image: photo('couple.jpg') }))
    expect(faces).toHaveLength(2)
    for (const face of faces) expect(['female', 'male']).toContain(face.gender)
  })

  it('needs the identify scope', async () => {
    const readOnly = createCallContext({ channel: 'api', apiKey: { keyId: 'r', name: 'reports', scopes: ['read'] } })
    expect(await t.callAs(readOnly, 'analyseFaces', { image: photo(adults[0]!) })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })
})
