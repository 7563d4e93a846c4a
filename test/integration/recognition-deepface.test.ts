/**
 * 1:N identification and 1:1 verification on real photos (deepface-unit, ~20 public figures),
 * through the services with the real engine, at the default threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { euclideanDistance } from '../../src/main/services/euclidean'
import { DEFAULT_THRESHOLD } from '../../src/main/services/service-config'
import { hasDeepfaceUnit, identityClusters, masterPairs, missingDatasetsReason } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`recognition-deepface: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('recognition on deepface-unit', () => {
  let t: TestCore
  /** Employee code of each identity cluster, and the photo enrolled for it. */
  const enrolled = new Map<string, { code: string; file: string }>()

  beforeAll(async () => {
    t = await startTestCore()
    identityClusters().forEach((cluster, i) => {
      const code = `ID${String(i + 1).padStart(2, '0')}`
      for (const file of cluster) enrolled.set(file, { code, file: cluster[0]! })
    })
    for (const [file, { code, file: first }] of enrolled) {
      if (file !== first) continue
      value(await t.call('createEmployee', { code, name: `Person ${code}`, photo: photo(first), consent: { textVersion: CONSENT_TEXT_VERSION } }))
    }
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('identifies every photo not enrolled as the right person (1:N, one photo enrolled per identity)', async () => {
    const probes = [...enrolled].filter(([file, e]) => file !== e.file)
    expect(probes.length).toBeGreaterThanOrEqual(16) // master.csv: 25 photos in 9 identity clusters
    const wrong: string[] = []
    for (const [file, { code }] of probes) {
      const faces = value(await t.call('identifyFaces', { image: photo(file) }))
      expect(faces, file).toHaveLength(1)
      const face = faces[0]!
      if (face.match?.code !== code) wrong.push(`${file}: expected ${code}, got ${face.match?.code ?? 'nobody'} (nearest ${face.nearestDistance?.toFixed(3)})`)
    }
    const identities = new Set([...enrolled.values()].map((e) => e.code)).size
    console.log(`1:N on deepface-unit: ${identities} identities enrolled, ${probes.length - wrong.length}/${probes.length} probes identified correctly (rank-1, threshold ${DEFAULT_THRESHOLD})`)
    expect(wrong).toEqual([])
  })

  it('decides the 300 labelled pairs of master.csv at the default threshold with ≥ 99% accuracy', async () => {
    const pairs = masterPairs()
    expect(pairs).toHaveLength(300)
    // Probe descriptors exactly as the services compute them (photo detector + descriptor).
    const engine: FaceEngine = t.core.engine
    const descriptors = new Map<string, number[]>()
    for (const file of new Set(pairs.flatMap((p) => [p.a, p.b]))) {
      const { faces } = await engine.detect(photo(file), { detector: 'ssd-mobilenetv1', withDescriptors: true })
      expect(faces, file).toHaveLength(1)
      descriptors.set(file, faces[0]!.descriptor!)
    }
    const threshold = t.core.config.threshold
    expect(threshold).toBe(DEFAULT_THRESHOLD)
    let falseAccepts = 0
    let falseRejects = 0
    const same = pairs.filter((p) => p.same).length
    const different = pairs.length - same
    const distances = new Map<string, number>()
    for (const p of pairs) {
      const d = euclideanDistance(descriptors.get(p.a)!, descriptors.get(p.b)!)
      distances.set(`${p.a}|${p.b}`, d)
      const accepted = d < threshold
      if (accepted && !p.same) falseAccepts++
      if (!accepted && p.same) falseRejects++
    }
    const accuracy = (pairs.length - falseAccepts - falseRejects) / pairs.length
    console.log(
      `1:1 on deepface-unit master.csv (${same} same, ${different} different pairs), threshold ${threshold} (Euclidean, unit-length descriptors): ` +
        `accuracy ${(accuracy * 100).toFixed(2)}%, FAR ${((falseAccepts / different) * 100).toFixed(2)}% (${falseAccepts}/${different}), ` +
        `FRR ${((falseRejects / same) * 100).toFixed(2)}% (${falseRejects}/${same})`
    )
    expect(accuracy).toBeGreaterThanOrEqual(0.99)

    // The verification operation decides the same way. Checked on pairs whose first photo is
    // an enrolled template (1:1 against that employee's only template): all same-person pairs
    // and 20 different-person ones, to keep the run short.
    const enrolledFirst = pairs.filter((p) => enrolled.get(p.a)?.file === p.a)
    const viaVerify = [...enrolledFirst.filter((p) => p.same), ...enrolledFirst.filter((p) => !p.same).slice(0, 20)]
    expect(viaVerify.length).toBeGreaterThan(25)
    for (const p of viaVerify) {
      const v = value(await t.call('verifyFace', { code: enrolled.get(p.a)!.code, image: photo(p.b) }))
      expect(v.distance, `${p.a} ~ ${p.b}`).toBeCloseTo(distances.get(`${p.a}|${p.b}`)!, 5)
      expect(v.verified).toBe(v.distance < threshold)
      expect(v).toMatchObject({ threshold, metric: 'euclidean_l2', detector: 'ssd-mobilenetv1' })
    }
  })
})
