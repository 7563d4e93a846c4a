/**
 * Kiosk names on tracked faces (services/recognition.ts with track-identities.ts), driven by a
 * scripted engine that returns the faces, track ids and descriptors of each frame: the
 * bookkeeping and decision rules, not recognition (that runs on real video in
 * test/integration/engine-live-tracking.test.ts and bench/kiosk-video-bench.ts).
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { DetectOptions, EngineDetection, EngineFace, FaceEngine } from '../../src/main/engine/engine-types'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import type { FrameResult } from '../../src/shared/models'
import { openUnitCore, unavailableEngine, type UnitCore } from '../helpers/unit-core'

const vector = (fill: (i: number) => number): number[] => {
  const v = Array.from({ length: 192 }, (_, i) => fill(i))
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}
/** A's template, A on the kiosk (distance ≈ 0.3), a stranger (distance ≈ 1.4 from A). */
const A_TEMPLATE = vector((i) => Math.sin(i))
const A_LIVE = vector((i) => Math.sin(i) + 0.3 * Math.cos(3 * i))
const STRANGER = vector((i) => Math.cos(7 * i + 1))

const box = { x: 200, y: 120, width: 200, height: 240 }
const landmarks = Array.from({ length: 68 }, (_, i) => ({ x: 210 + (i % 12) * 15, y: 130 + Math.floor(i / 12) * 35 }))

/** An engine that answers each kiosk frame with the next scripted face (track id, descriptor or none). */
function scriptedEngine(script: { trackId: string; descriptor?: number[] }[]): FaceEngine & { calls: DetectOptions[] } {
  const calls: DetectOptions[] = []
  let next = 0
  return {
    ...unavailableEngine(),
    calls,
    async detect(_image, options): Promise<EngineDetection> {
      calls.push(options)
      const step = script[next++]
      const faces: EngineFace[] = step ? [{ box, score: 0.9, landmarks, trackId: step.trackId, ...(step.descriptor ? { descriptor: step.descriptor } : {}) }] : []
      return { width: 640, height: 480, faces, elapsedMs: 1 }
    }
  }
}

const frame = { kind: 'pixels' as const, format: 'rgb' as const, width: 640, height: 480, data: new Uint8Array(640 * 480 * 3) }

describe('names on tracked kiosk faces', () => {
  let core: UnitCore | undefined
  afterEach(async () => core?.close())

  async function kioskWith(script: { trackId: string; descriptor?: number[] }[]): Promise<(n: number) => Promise<FrameResult>> {
    let now = Date.UTC(2026, 0, 5, 8)
    core = await openUnitCore({ now: () => new Date(now) }, { engine: scriptedEngine(script) })
    const a = await core.store.employees.insert({ code: 'A1', name: 'Ada', department: '', createdAt: '', updatedAt: '' })
    await core.store.templates.insert({ employeeId: a._id, descriptor: A_TEMPLATE, thumbnail: '', source: 'file', createdAt: '', model: RECOGNITION_MODEL_ID })
    const c = core
    return async (n) => {
      let result: FrameResult | undefined
      for (let i = 0; i < n; i++) {
        now += 100
        const answer = await c.call('recogniseFrame', { frame: { ...frame, data: frame.data.slice() } })
        if (!answer.ok) throw new Error(answer.error.message)
        result = answer.value
      }
      return result as FrameResult
    }
  }

  it('carries a confirmed name over frames the engine did not describe, and punches only on described ones', async () => {
    const frames = await kioskWith([
      { trackId: 't1', descriptor: A_LIVE },
      { trackId: 't1', descriptor: A_LIVE },
      { trackId: 't1' }
    ])
    const confirmed = await frames(2)
    expect(confirmed.faces[0]).toMatchObject({ match: { code: 'A1' }, confirmed: true, trackId: 't1' })
    expect(confirmed.faces[0]?.punch).not.toBeNull()
    const carried = await frames(1)
    expect(carried.faces[0]).toMatchObject({ match: { code: 'A1' }, confirmed: true, punch: null })
  })

  it('drops the name at once when the same track is described as someone who does not verify as the confirmed person', async () => {
    const frames = await kioskWith([
      { trackId: 't1', descriptor: A_LIVE },
      { trackId: 't1', descriptor: A_LIVE },
      { trackId: 't1', descriptor: STRANGER },
      { trackId: 't1' }
    ])
    expect((await frames(2)).faces[0]).toMatchObject({ match: { code: 'A1' }, confirmed: true })
    const swapped = await frames(1)
    expect(swapped.faces[0]).toMatchObject({ match: null, confirmed: false, punch: null })
    // …and the track carries "nobody" afterwards, not the earlier name.
    expect((await frames(1)).faces[0]).toMatchObject({ match: null, confirmed: false })
  })
})
