/**
 * Presentation-attack detection on real NUAA photographs (bona fide webcam frames and
 * printed-photo attacks of the held-out test split), through the engine thread and through
 * the kiosk's punch path: the texture score separates the classes, a kiosk with the check on
 * never punches a printed photo of an enrolled person (it logs the attempt with a snapshot and
 * asks the person to look and blink), and it takes no face punch from an uploaded photo.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { OperationRequest } from '../../src/shared/contract'
import { DEFAULT_LIVENESS_POLICY } from '../../src/shared/liveness-policy'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { createEngine } from '../../src/main/engine/create-engine'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { ATTACK_ACTION, attackPhotoId } from '../../src/main/services/liveness/attack-log'
import { datasetsDir } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, rgbaPhoto, workerPath } from './engine-harness'
import { startTestCore, value, type TestCore } from './services-fixture'

const nuaa = join(datasetsDir, 'nuaa-dev')
const hasNuaa = existsSync(join(nuaa, 'manifest.csv'))
if (!hasNuaa) console.warn(`liveness-pad: skipped, NUAA dev set not found at ${nuaa} (set CLOCKFACE_DATASETS)`)

interface Row {
  path: string
  attack: boolean
  subject: string
  split: string
}

function manifest(): Row[] {
  const [, ...lines] = readFileSync(join(nuaa, 'manifest.csv'), 'utf8').trim().split(/\r?\n/)
  return lines.map((line) => {
    const [path = '', label = '', subject = '', , , , , split = ''] = line.split(',')
    return { path, attack: label !== 'real', subject, split }
  })
}

/** The shipped default threshold, chosen on NUAA's training rows: a kiosk set up for NUAA's webcam. */
const NUAA_THRESHOLD = DEFAULT_LIVENESS_POLICY.attackThreshold

/** `n` evenly spaced rows. */
const spaced = <T>(rows: T[], n: number): T[] => Array.from({ length: n }, (_, i) => rows[Math.floor((i * rows.length) / n)] as T)

describe.skipIf(!hasNuaa)('presentation-attack detection on NUAA', () => {
  const rows = hasNuaa ? manifest() : []
  const test = rows.filter((r) => r.split === 'test')

  describe('engine', () => {
    let engine: FaceEngine
    beforeAll(async () => {
      ensureEngineBuilt()
      engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
      await engine.ready()
    })
    afterAll(async () => {
      await engine?.close()
    })

    it('scores bona fide faces lower than printed photos, and leaks no tensors', async () => {
      const sample = [...spaced(test.filter((r) => !r.attack), 8), ...spaced(test.filter((r) => r.attack), 8)]
      const scores: { attack: boolean; score: number }[] = []
      const memory = async () => (await engine.memory()).numTensors
      let before = 0
      for (const [i, row] of sample.entries()) {
        const frame = await rgbaPhoto(join(nuaa, row.path))
        const detection = await engine.detect(frame, { detector: 'tiny-face-detector', withDescriptors: false, presentationAttack: ['texture'] })
        const face = detection.faces[0]
        if (!face) continue
        const score = face.attackScores?.texture
        expect(score).toBeGreaterThanOrEqual(0)
        expect(score).toBeLessThanOrEqual(1)
        scores.push({ attack: row.attack, score: score as number })
        if (i === 0) before = await memory()
      }
      expect(await memory()).toBe(before)
      const mean = (attack: boolean) => {
        const s = scores.filter((x) => x.attack === attack).map((x) => x.score)
        return s.reduce((a, b) => a + b, 0) / s.length
      }
      expect(scores.length).toBeGreaterThanOrEqual(12)
      expect(mean(true)).toBeGreaterThan(mean(false) + 0.2)
    })
  })

  describe('kiosk punch path', () => {
    let t: TestCore
    const lobby = createCallContext({ channel: 'browser', kiosk: { kioskId: 'lobby' } })
    let clock = new Date(2024, 4, 6, 8, 0)
    // Subject 0004 has bona fide and printed-photo frames in the test split.
    const subject = '0004'
    const attacks = test.filter((r) => r.attack && r.subject === subject)

    beforeAll(async () => {
      t = await startTestCore({ now: () => clock })
      // The first bona fide training frame of the subject that passes the enrolment quality checks.
      let enrolled = false
      for (const row of rows.filter((r) => !r.attack && r.subject === subject && r.split === 'train')) {
        const created = await t.call('createEmployee', {
          code: 'S4',
          name: 'Subject Four',
          photo: { kind: 'encoded', data: new Uint8Array(readFileSync(join(nuaa, row.path))) },
          consent: { textVersion: CONSENT_TEXT_VERSION }
        })
        if ((enrolled = created.ok)) break
      }
      expect(enrolled).toBe(true)
      await t.core.repos.kiosks.insert({ kioskId: 'lobby', tokenHash: 'not-a-real-token', createdBy: 'test', createdAt: clock.toISOString(), liveness: { ...DEFAULT_LIVENESS_POLICY, mode: 'passive', attackThreshold: NUAA_THRESHOLD } })
    })
    afterAll(async () => {
      await t?.stop()
    })

    it('never punches a printed photo of an enrolled person, asks to look and blink, and logs it with a snapshot', async () => {
      const verdicts: string[] = []
      for (const row of spaced(attacks, 8)) {
        clock = new Date(clock.getTime() + 500)
        const result = value(await t.callAs(lobby, 'recogniseFrame', { frame: (await rgbaPhoto(join(nuaa, row.path))) as OperationRequest<'recogniseFrame'>['frame'] }))
        for (const face of result.faces) {
          expect(face.punch).toBeNull()
          if (face.liveness) verdicts.push(`${face.liveness.passed}:${face.liveness.instruction}`)
        }
      }
      // The photo is recognised as the subject (otherwise the check would not be reached) and refused.
      expect(verdicts.length).toBeGreaterThan(0)
      expect(verdicts.filter((v) => v === 'false:look-and-blink').length).toBeGreaterThanOrEqual(verdicts.length - 1)
      const punches = value(await t.call('listAttendance', { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' }))
      expect(punches).toHaveLength(0)
      const audit = value(await t.call('listAuditLog', { limit: 50 })).filter((e) => e.action === ATTACK_ACTION)
      expect(audit.length).toBeGreaterThanOrEqual(1)
      expect(audit[0]).toMatchObject({ employeeCode: 'S4', outcome: 'forbidden', actor: 'kiosk:lobby' })
      expect(await t.core.repos.punchPhotos.ofPunch(attackPhotoId(audit[0]!.id))).not.toBeNull()
    })

    it('takes no face punch from an uploaded photo at that kiosk', async () => {
      const result = await t.callAs(lobby, 'punchFromApi', { image: { kind: 'encoded', data: new Uint8Array(readFileSync(join(nuaa, (attacks[0] as Row).path))) } })
      expect(result.ok ? 'ok' : result.error.code).toBe('forbidden')
    })
  })
})
