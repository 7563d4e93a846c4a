/** The kiosk store's "Look at the camera and blink" prompt for a face the presentation-attack check did not pass. */
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FrameResult, KioskFace } from '../../src/shared/models'

vi.mock('../../src/renderer/src/api/use-api', () => ({ useApi: () => ({}) }))
vi.mock('../../src/renderer/src/i18n', () => ({ setLanguage: () => undefined }))

const { useKioskStore, NOT_RECOGNISED_HOLD_MS } = await import('../../src/renderer/src/stores/kiosk')

function face(liveness: KioskFace['liveness']): KioskFace {
  return {
    box: { x: 0, y: 0, width: 10, height: 10 },
    score: 0.99,
    landmarks: [],
    match: { employeeId: 'id-E1', code: 'E1', name: 'Name E1', department: '', distance: 0.3, threshold: 0.5 },
    nearestDistance: null,
    confirmed: true,
    punch: null,
    ...(liveness ? { liveness } : {})
  } as unknown as KioskFace
}

const frame = (f: KioskFace): FrameResult => ({ width: 640, height: 480, faces: [f], inferenceMs: 10 })

describe('kiosk store: presentation-attack prompt', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
  })
  afterEach(() => vi.useRealTimers())

  it('asks to look and blink instead of greeting, then lets the prompt go', () => {
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face({ passed: false, reason: 'attack-score', attackScore: 0.9, instruction: 'look-and-blink' })), 0)
    expect(kiosk.livenessPrompt).toBe(true)
    expect(kiosk.greetings).toEqual([])
    vi.advanceTimersByTime(NOT_RECOGNISED_HOLD_MS + 1)
    expect(kiosk.livenessPrompt).toBe(false)
  })

  it('greets a face that passed', () => {
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face({ passed: true, reason: 'bona-fide', attackScore: 0.1, instruction: null })), 0)
    expect(kiosk.livenessPrompt).toBe(false)
    expect(kiosk.greetings.map((g) => g.code)).toEqual(['E1'])
  })
})
