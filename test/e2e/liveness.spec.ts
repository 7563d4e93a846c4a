import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { decode } from '@msgpack/msgpack'
import { expect, test, type Browser, type Cookie, type Page } from '@playwright/test'
import { datasetsDir } from '../helpers/datasets'
import { REPLAY_CAMERA_THRESHOLD } from '../../bench/pad/replay-camera-threshold'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { ApiSession, canRunE2e, launchWithCamera, startServer, type RunningServer } from './fixtures'

/**
 * Presentation-attack check at the kiosk, in Chromium with a fake camera playing real video:
 * a person holding up a phone that replays his face never punches, and the same person live
 * punches within 3 s of the kiosk first seeing his face, with the kiosk's policy at `both`
 * (passive texture score and blink or head movement).
 */

const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')
const cacheDir = resolve(__dirname, '..', '..', 'test-results', 'fake-camera')
const OWNER = { username: 'owner', password: 'front-desk-2468' }
const replay = (name: 'live' | 'attack'): string => join(datasetsDir, 'video', `replay-${name}.webm`)
const hasReplays = existsSync(replay('live')) && existsSync(replay('attack'))

/** The replay video as a 640×480, 15 fps .y4m webcam (the frame size the benchmark measures). Cached. */
function replayCamera(name: 'live' | 'attack'): string {
  mkdirSync(cacheDir, { recursive: true })
  const out = join(cacheDir, `replay-${name}.y4m`)
  if (!existsSync(out)) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', replay(name), '-an', '-vf', 'fps=15,scale=640:480', '-pix_fmt', 'yuv420p', out])
  return out
}

interface FrameFace {
  confirmed: boolean
  punch: { type: string; repeated: boolean } | null
  liveness?: { passed: boolean }
}

test.describe.serial('presentation-attack check at the kiosk', () => {
  test.skip(!canRunE2e || !hasReplays, 'needs ../shared/datasets/video (replay-*.webm), /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser | undefined
  let owner: ApiSession
  let kioskCookies: Cookie[] = []

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    // Enrolled from a live frame of the live video, as the kiosk's camera would see him.
    const still = join(cacheDir, 'replay-live-still.jpg')
    mkdirSync(cacheDir, { recursive: true })
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '1', '-i', replay('live'), '-vf', 'scale=640:480', '-frames:v', '1', still])
    const created = await owner.call('createEmployee', {
      code: 'R001',
      name: 'Replay Person',
      photo: { kind: 'encoded', data: readFileSync(still).toString('base64') },
      source: 'file',
      consent: { textVersion: CONSENT_TEXT_VERSION }
    })
    expect(created.error).toBeUndefined()
  })

  test.afterEach(async () => {
    await browser?.close()
    browser = undefined
  })

  test.afterAll(async () => {
    await server?.stop()
  })

  /** A kiosk page (registered as `front-desk`, policy `both`) with the camera playing `name`; records each frame's faces. */
  async function openKiosk(name: 'live' | 'attack'): Promise<{ page: Page; frames: { at: number; faces: FrameFace[] }[] }> {
    browser = await launchWithCamera(replayCamera(name))
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    if (kioskCookies.length > 0) await context.addCookies(kioskCookies)
    else {
      const call = (operation: string, data: unknown) => context.request.post(`${server.url}/api/${operation}`, { data })
      expect((await call('login', OWNER)).ok()).toBe(true)
      expect((await call('registerKiosk', { kioskId: 'front-desk' })).ok()).toBe(true)
      expect((await call('logout', {})).ok()).toBe(true)
      kioskCookies = await context.cookies()
      const kiosks = await owner.call<{ id: string; kioskId: string }[]>('listKiosks', {})
      const id = kiosks.value?.find((k) => k.kioskId === 'front-desk')?.id ?? ''
      // The replay clips' webcam is softer and more compressed than NUAA's, for which the default
      // threshold is set; this kiosk is set for its own camera, as the README tells owners to
      // (bench/results/pad.md: the threshold the replay clips need).
      const updated = await owner.call('updateKiosk', { id, liveness: { mode: 'both', attackThreshold: REPLAY_CAMERA_THRESHOLD } })
      expect(updated.error).toBeUndefined()
    }
    const page = await context.newPage()
    const frames: { at: number; faces: FrameFace[] }[] = []
    page.on('response', async (response) => {
      if (!response.url().endsWith('/api/recogniseFrame') || !response.ok()) return
      try {
        const body = decode(await response.body()) as { ok: boolean; value?: { faces: FrameFace[] } }
        if (body.ok && body.value) frames.push({ at: Date.now(), faces: body.value.faces })
      } catch {
        // a page closing mid-response
      }
    })
    await page.goto(`${server.url}/#/kiosk`)
    return { page, frames }
  }

  test('the phone replay never punches', async () => {
    const { page, frames } = await openKiosk('attack')
    // Long enough for the 10.5 s clip to loop once, seen frame by frame.
    await expect.poll(() => frames.length, { timeout: 90_000 }).toBeGreaterThan(0)
    await page.waitForTimeout(15_000)
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-replay-attack.png') })
    const faces = frames.flatMap((f) => f.faces)
    console.log(`[liveness e2e] attack: ${frames.length} frames, ${faces.length} faces, ${faces.filter((f) => f.confirmed).length} confirmed, ${faces.filter((f) => f.liveness && !f.liveness.passed).length} refused by the check`)
    expect(faces.filter((f) => f.punch !== null)).toEqual([])
    // He is recognised beside the phone, and it is the check, not a recognition miss, that stops him.
    expect(faces.filter((f) => f.confirmed && f.liveness?.passed === false).length).toBeGreaterThan(0)
    await expect(page.getByTestId('greeting')).toHaveCount(0)
    const punches = await owner.call<unknown[]>('listAttendance', { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' })
    expect(punches.value).toEqual([])
  })

  test('the live person punches within 3 s of the kiosk first seeing his face', async () => {
    const { page, frames } = await openKiosk('live')
    const greeting = page.getByTestId('greeting')
    await expect(greeting).toBeVisible({ timeout: 90_000 })
    await expect(greeting).toHaveAttribute('data-employee-code', 'R001')
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-replay-live.png') })
    const firstFace = frames.find((f) => f.faces.length > 0)
    const firstPunch = frames.find((f) => f.faces.some((face) => face.punch !== null))
    console.log(`[liveness e2e] live: ${frames.length} frames, first punch ${(firstPunch?.at ?? 0) - (firstFace?.at ?? 0)} ms after the first face`)
    expect(firstFace).toBeDefined()
    expect(firstPunch).toBeDefined()
    expect((firstPunch?.at ?? 0) - (firstFace?.at ?? 0)).toBeLessThanOrEqual(3_000)
  })
})
