import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FrameResult, KioskFace, Punch, PunchOffer } from '../../src/shared/models'

const api = {
  getKioskConfig: vi.fn(),
  choosePunch: vi.fn()
}
vi.mock('../../src/renderer/src/api/use-api', () => ({ useApi: () => api }))
const setLanguage = vi.fn()
vi.mock('../../src/renderer/src/i18n', () => ({ setLanguage: (lang: string) => setLanguage(lang) }))

const { useKioskStore, OFFER_QUIET_MS, TRY_GAP_MS, VERIFY_WINDOW_MS } = await import('../../src/renderer/src/stores/kiosk')

const box = { x: 0, y: 0, width: 10, height: 10 }

function face(code: string | null, extra: Partial<KioskFace> = {}): KioskFace {
  return {
    box,
    score: 0.99,
    landmarks: [],
    match: code ? { employeeId: `id-${code}`, code, name: `Name ${code}`, department: '', distance: 0.3, threshold: 0.5 } : null,
    nearestDistance: null,
    confirmed: code !== null,
    punch: null,
    ...extra
  } as unknown as KioskFace
}

const frame = (...faces: KioskFace[]): FrameResult => ({ width: 640, height: 480, faces, inferenceMs: 10 })

function punch(code: string, type: Punch['type']): Punch {
  return {
    id: 'p1',
    employeeId: `id-${code}`,
    employeeCode: code,
    employeeName: `Name ${code}`,
    type,
    time: '2025-03-14T08:59:00.000Z',
    distance: 0.3,
    kioskId: 'front-desk',
    repeated: false
  }
}

const offer = (token: string, expiresInMs = 5000): PunchOffer => ({ token, expiresInMs, suggested: 'check-in', allowed: ['check-in', 'break-start'] })

describe('kiosk store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    setActivePinia(createPinia())
    api.getKioskConfig.mockReset()
    api.choosePunch.mockReset()
  })
  afterEach(() => vi.useRealTimers())

  it('loads the kiosk settings and applies their language', async () => {
    api.getKioskConfig.mockResolvedValue({ ok: true, value: { kioskId: 'k', timeZone: 'Asia/Tokyo', punchChoice: 'buttons', verifyMode: true, language: 'es', pinAfterTries: 2 } })
    const kiosk = useKioskStore()
    await kiosk.loadConfig()
    expect(setLanguage).toHaveBeenCalledWith('es')
    expect(kiosk.timeZone).toBe('Asia/Tokyo')
    expect(kiosk.buttonsMode).toBe(true)
    expect(kiosk.verifyMode).toBe(true)
  })

  it('counts not-recognised episodes, not frames, and offers the PIN after pinAfterTries', async () => {
    api.getKioskConfig.mockResolvedValue({ ok: true, value: { kioskId: 'k', timeZone: 'UTC', punchChoice: 'automatic', verifyMode: false, language: 'en', pinAfterTries: 2 } })
    const kiosk = useKioskStore()
    await kiosk.loadConfig()
    // Frames a second apart (a slow machine) are one try, however many.
    for (let i = 0; i < 10; i++) {
      kiosk.applyResult(frame(face(null)), i)
      vi.advanceTimersByTime(1000)
    }
    expect(kiosk.failedTries).toBe(1)
    expect(kiosk.pinSuggested).toBe(false)
    vi.advanceTimersByTime(TRY_GAP_MS)
    kiosk.applyResult(frame(face(null)), 100)
    expect(kiosk.failedTries).toBe(2)
    expect(kiosk.pinSuggested).toBe(true)
    // Someone recognised: the count starts again.
    kiosk.applyResult(frame(face('E1', { punch: punch('E1', 'check-in') })), 200)
    expect(kiosk.failedTries).toBe(0)
    expect(kiosk.pinSuggested).toBe(false)
  })

  it('shows one offer per person, keeps the newest token, and ends it after expiresInMs', () => {
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face('E1', { offer: offer('t1') })), 0)
    expect(kiosk.offer?.token).toBe('t1')
    const deadline = kiosk.offer?.expiresAt
    kiosk.applyResult(frame(face('E1', { offer: offer('t2') })), 1)
    expect(kiosk.offer?.token).toBe('t2')
    expect(kiosk.offer?.expiresAt).toBe(deadline)
    // No greeting while the person is choosing.
    expect(kiosk.greetings).toHaveLength(0)
    vi.advanceTimersByTime(5001)
    expect(kiosk.offer).toBeNull()
    expect(kiosk.choiceNotice).toEqual({ kind: 'expired' })
    // Right after it ran out, the same person is not offered again at once.
    kiosk.applyResult(frame(face('E1', { offer: offer('t3') })), 2)
    expect(kiosk.offer).toBeNull()
    vi.advanceTimersByTime(OFFER_QUIET_MS)
    kiosk.applyResult(frame(face('E1', { offer: offer('t4') })), 3)
    expect(kiosk.offer?.token).toBe('t4')
  })

  it('sends the choice with the token and greets the punch', async () => {
    api.choosePunch.mockResolvedValue({ ok: true, value: punch('E1', 'break-start') })
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face('E1', { offer: offer('t1') })), 0)
    const made = await kiosk.choose('break-start')
    expect(api.choosePunch).toHaveBeenCalledWith({ token: 't1', type: 'break-start' })
    expect(made?.type).toBe('break-start')
    expect(kiosk.offer).toBeNull()
    expect(kiosk.greetings).toMatchObject([{ code: 'E1', punchType: 'break-start' }])
  })

  it('says nothing was punched when the service refuses the choice', async () => {
    api.choosePunch.mockResolvedValue({ ok: false, error: { code: 'not-found', message: 'gone' } })
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face('E1', { offer: offer('t1') })), 0)
    expect(await kiosk.choose('check-in')).toBeNull()
    expect(kiosk.choiceNotice).toEqual({ kind: 'expired' })
    expect(kiosk.greetings).toHaveLength(0)
  })

  it('verify mode: ends the attempt on a punch of that person, or fails after the window', () => {
    const kiosk = useKioskStore()
    kiosk.startVerify('E1')
    expect(kiosk.verifyCode).toBe('E1')
    kiosk.applyResult(frame(face('E1', { punch: punch('E1', 'check-in') })), 0)
    expect(kiosk.verifyCode).toBeNull()
    expect(kiosk.verifyFailure).toBeNull()
    expect(kiosk.greetings).toMatchObject([{ code: 'E1', punchType: 'check-in' }])

    kiosk.startVerify('E2')
    kiosk.applyResult(frame(face(null)), 1)
    vi.advanceTimersByTime(VERIFY_WINDOW_MS)
    expect(kiosk.verifyCode).toBeNull()
    expect(kiosk.verifyFailure).toEqual({ code: 'E2', reason: 'no-match' })

    kiosk.startVerify('E3')
    vi.advanceTimersByTime(VERIFY_WINDOW_MS)
    expect(kiosk.verifyFailure).toEqual({ code: 'E3', reason: 'no-face' })
  })

  it('shows one state per face: "Not recognised" goes with the unknown face, and never sits beside that face\'s greeting', () => {
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face(null, { trackId: 't-1' })), 0)
    expect(kiosk.notRecognised).toBe(true)
    // The face left: no label left behind.
    kiosk.applyResult(frame(), 40)
    expect(kiosk.notRecognised).toBe(false)
    // Unknown on its first frame, then recognised: the greeting replaces the label at once.
    kiosk.applyResult(frame(face(null, { trackId: 't-2' })), 80)
    expect(kiosk.notRecognised).toBe(true)
    kiosk.applyResult(frame(face('E1', { trackId: 't-2' })), 120)
    expect(kiosk.notRecognised).toBe(false)
    expect(kiosk.greetings.map((g) => g.code)).toEqual(['E1'])
    // The same tracked face read as unknown for a moment (turned away) is not called unknown while greeted.
    kiosk.applyResult(frame(face(null, { trackId: 't-2' })), 160)
    expect(kiosk.notRecognised).toBe(false)
    // Someone else, unknown, beside the greeted person: that face is.
    kiosk.applyResult(frame(face('E1', { trackId: 't-2' }), face(null, { trackId: 't-3' })), 200)
    expect(kiosk.notRecognised).toBe(true)
  })

  it('keeps the capture time of the latest frame for the overlay\'s prediction', () => {
    const kiosk = useKioskStore()
    kiosk.applyResult(frame(face(null)), 100, 60)
    expect(kiosk.resultCapturedAt).toBe(60)
    kiosk.clear()
    expect(kiosk.resultCapturedAt).toBeNull()
  })
})
