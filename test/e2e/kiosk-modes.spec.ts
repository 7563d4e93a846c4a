import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type Cookie, type Page } from '@playwright/test'
import { talkingHead } from '../helpers/datasets'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { ApiSession, canRunE2e, fakeCamera, launchWithCamera, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }

interface KioskRow {
  id: string
  kioskId: string
}

interface PunchEvent {
  employeeCode: string
  type: string
}

test.describe.serial('kiosk punch modes: In/Out/Break buttons and verify mode', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser | undefined
  let owner: ApiSession
  let kioskRowId = ''
  /** The kiosk cookie of the screen registered in the first test, so later browsers are that kiosk. */
  let kioskCookies: Cookie[] = []

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    owner = new ApiSession(server.url)
    const setup = await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })
    expect(setup.ok).toBe(true)
    // A still from the same video the fake camera plays, as the enrolment photo of A.
    const still = join(screenshotsDir, '..', 'aoc-still.jpg')
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '2', '-i', talkingHead('aoc'), '-frames:v', '1', still])
    const photo = { kind: 'encoded', data: readFileSync(still).toString('base64') }
    const created = await owner.call('createEmployee', {
      code: 'E001',
      name: 'Alexandria Ocasio-Cortez',
      department: 'Front office',
      photo,
      source: 'file',
      consent: { textVersion: CONSENT_TEXT_VERSION }
    })
    expect(created.error).toBeUndefined()
    const pinOnly = await owner.call('createEmployee', { code: 'E002', name: 'Pat Pinonly', pin: '4321' })
    expect(pinOnly.error).toBeUndefined()
  })

  test.afterEach(async () => {
    await browser?.close()
    browser = undefined
  })

  test.afterAll(async () => {
    await server?.stop()
  })

  /** A browser whose screen an admin registered as kiosk `front-desk` (in the first test), then signed out of. */
  async function openKiosk(): Promise<Page> {
    browser = await launchWithCamera(fakeCamera('aoc'))
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    if (kioskCookies.length > 0) await context.addCookies(kioskCookies)
    else {
      // The context's own request client shares the browser's cookies: sign in, register, sign out.
      const call = (operation: string, data: unknown) => context.request.post(`${server.url}/api/${operation}`, { data })
      expect((await call('login', OWNER)).ok()).toBe(true)
      expect((await call('registerKiosk', { kioskId: 'front-desk' })).ok()).toBe(true)
      expect((await call('logout', {})).ok()).toBe(true)
      kioskCookies = await context.cookies()
    }
    const page = await context.newPage()
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.log(`[browser] ${msg.text()}`)
    })
    return page
  }

  async function configureKiosk(changes: Record<string, unknown>): Promise<void> {
    if (!kioskRowId) {
      const kiosks = await owner.call<KioskRow[]>('listKiosks', {})
      kioskRowId = kiosks.value?.find((k) => k.kioskId === 'front-desk')?.id ?? ''
    }
    const updated = await owner.call('updateKiosk', { id: kioskRowId, ...changes })
    expect(updated.error).toBeUndefined()
  }

  test('buttons mode: the recognised person chooses the punch type within the countdown', async ({}, testInfo) => {
    const page = await openKiosk()
    await configureKiosk({ punchChoice: 'buttons', timeZone: 'Asia/Tokyo' })
    await page.goto(`${server.url}/#/kiosk`)

    const choice = page.getByTestId('punch-choice')
    await expect(choice).toBeVisible({ timeout: 90_000 })
    await expect(choice).toHaveAttribute('data-employee-code', 'E001')
    await expect(choice).toContainText('Alexandria Ocasio-Cortez')
    // Only what may follow "no punch yet": a check-in, suggested and focused for Enter.
    await expect(choice.getByTestId('choose-check-in')).toBeFocused()
    await expect(choice.getByTestId('choose-check-out')).toHaveCount(0)
    await expect(choice.getByTestId('countdown')).toBeVisible()
    const shot = join(screenshotsDir, 'kiosk-buttons-mode.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('kiosk-buttons-mode', { path: shot, contentType: 'image/png' })

    await page.keyboard.press('Enter')
    const greeting = page.locator('[data-testid="greeting"][data-employee-code="E001"]')
    await expect(greeting).toContainText(/Checked in \d{2}:\d{2}/)
    await expect(choice).toHaveCount(0)
    await expect(page.getByTestId('latest-checkins')).toContainText('Alexandria Ocasio-Cortez')
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-buttons-chosen.png') })

    const events = await owner.call<PunchEvent[]>('listAttendance', {})
    expect(events.value?.map((e) => [e.employeeCode, e.type])).toEqual([['E001', 'check-in']])
  })

  test('verify mode: code first, then the face is checked against that employee only', async ({}, testInfo) => {
    const page = await openKiosk()
    await configureKiosk({ punchChoice: 'automatic', verifyMode: true })
    await page.goto(`${server.url}/#/kiosk`)

    const pad = page.getByTestId('verify-pad')
    await expect(pad).toBeVisible({ timeout: 90_000 })
    // Nobody is greeted before a code is typed: no frames are sent.
    await page.waitForTimeout(3000)
    await expect(page.getByTestId('greeting')).toHaveCount(0)
    await pad.getByTestId('verify-toggle-letters').click()
    await pad.getByRole('button', { name: 'E', exact: true }).click()
    await pad.getByTestId('verify-toggle-letters').click()
    for (const digit of '001') await pad.getByRole('button', { name: digit, exact: true }).click()
    await expect(pad.getByTestId('verify-code')).toHaveValue('E001')
    const padShot = join(screenshotsDir, 'kiosk-verify-pad.png')
    await page.screenshot({ path: padShot })
    await testInfo.attach('kiosk-verify-pad', { path: padShot, contentType: 'image/png' })
    await pad.getByTestId('verify-submit').click()

    // The "look at the camera" state can be over within one frame when the face is already in
    // view, so either it or the greeting may be what shows first.
    const looking = page.getByTestId('verify-looking')
    const greeting = page.locator('[data-testid="greeting"][data-employee-code="E001"]')
    await expect(looking.or(greeting)).toBeVisible({ timeout: 30_000 })
    if (await looking.isVisible()) await page.screenshot({ path: join(screenshotsDir, 'kiosk-verify-looking.png') })
    await expect(greeting).toBeVisible({ timeout: 30_000 })
    await expect(page.getByTestId('verify-pad')).toBeVisible()

    // Another employee's code with A's face: no match, then retry or PIN.
    await pad.getByTestId('verify-code').fill('E002')
    await pad.getByTestId('verify-submit').click()
    const failed = page.getByTestId('verify-failed')
    await expect(failed).toBeVisible({ timeout: 30_000 })
    await expect(failed).toHaveAttribute('data-reason', 'no-match')
    await expect(failed).toContainText('did not match employee E002')
    const failShot = join(screenshotsDir, 'kiosk-verify-no-match.png')
    await page.screenshot({ path: failShot })
    await testInfo.attach('kiosk-verify-no-match', { path: failShot, contentType: 'image/png' })
    await failed.getByTestId('verify-use-pin').click()
    const dialog = page.getByTestId('pin-dialog')
    await expect(dialog.getByTestId('pin-code')).toHaveValue('E002')
    await expect(dialog.getByTestId('pin-pin')).toBeFocused()
    await dialog.getByTestId('pin-pin').fill('4321')
    await dialog.getByTestId('pin-submit').click()
    await expect(page.locator('[data-testid="greeting"][data-employee-code="E002"]')).toContainText(/Checked in \d{2}:\d{2}/)

    const events = await owner.call<PunchEvent[]>('listAttendance', {})
    const codes = events.value?.map((e) => e.employeeCode) ?? []
    expect(codes).toContain('E002')
    expect(codes.filter((code) => code === 'E001').length).toBeGreaterThanOrEqual(1)
  })

  test('the kiosk speaks the language of the settings', async () => {
    const page = await openKiosk()
    expect((await owner.call('updateSettings', { language: 'es' })).error).toBeUndefined()
    await page.goto(`${server.url}/#/kiosk`)
    await expect(page.getByTestId('verify-pad')).toContainText('Introduce tu código de empleado', { timeout: 90_000 })
    await expect(page.getByTestId('pin-punch')).toHaveText('Fichar con PIN')
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-verify-pad-es.png') })
    expect((await owner.call('updateSettings', { language: 'en' })).error).toBeUndefined()
  })
})
