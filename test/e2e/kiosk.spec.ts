import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type BrowserContext, type Cookie, type Page } from '@playwright/test'
import { deepfaceUnit } from '../helpers/datasets'
import { ApiSession, canRunE2e, fakeCamera, launchWithCamera, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }

interface PunchEvent {
  employeeCode: string
  type: string
  kioskId: string
}

test.describe.serial('kiosk in browser mode with a fake camera from a real video', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser | undefined
  /** The owner, over the API with its own cookie jar, for checking what the screens stored. */
  let owner: ApiSession
  /** The kiosk cookie of the screen registered in the first test, so later browsers are that kiosk. */
  let kioskCookies: Cookie[] = []

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    owner = new ApiSession(server.url)
  })

  test.afterEach(async () => {
    await browser?.close()
    browser = undefined
  })

  test.afterAll(async () => {
    await server?.stop()
  })

  async function openPage(who: 'aoc' | 'khill', route: string, cookies: Cookie[] = []): Promise<{ page: Page; context: BrowserContext }> {
    browser = await launchWithCamera(fakeCamera(who))
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    if (cookies.length > 0) await context.addCookies(cookies)
    const page = await context.newPage()
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.log(`[browser ${who}] ${msg.text()}`)
    })
    await page.goto(`${server.url}/#${route}`)
    return { page, context }
  }

  test('first run in the UI: set up the owner, register this screen, enrol A; the kiosk checks A in once', async ({}, testInfo) => {
    const { page, context } = await openPage('aoc', '/kiosk')

    // Not a kiosk yet: the set-up panel, and no camera opened.
    const panel = page.getByTestId('state-panel')
    await expect(panel).toHaveAttribute('data-state', 'not-registered')
    await expect(panel).toContainText('This screen is not set up as a kiosk')
    expect(await page.locator('video').evaluate((video: { srcObject: unknown }) => video.srcObject)).toBeNull()
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-not-registered.png') })

    // Its button leads to the first-run set-up (no owner yet), which asks for the printed code.
    await panel.getByRole('button', { name: 'Sign in to set it up' }).click()
    await expect(page).toHaveURL(/#\/setup\?redirect=/)
    await page.getByLabel('Owner user name').fill(OWNER.username)
    await page.getByTestId('setup-password').fill(OWNER.password)
    await page.getByTestId('setup-confirm').fill(OWNER.password)
    await page.getByLabel('Set-up code').fill(server.setupCode === '00000000' ? '11111111' : '00000000')
    await page.getByTestId('setup-submit').click()
    await expect(page.getByTestId('setup-code-error')).toContainText('set-up code is wrong')
    await expect(page.getByLabel('Set-up code')).toBeFocused()
    await page.screenshot({ path: join(screenshotsDir, 'setup-wrong-code.png') })
    await page.getByLabel('Set-up code').fill(server.setupCode)
    await page.getByTestId('setup-submit').click()

    // Back in Admin at "This screen", signed in as the new owner.
    await expect(page).toHaveURL(/#\/admin\?focus=this-screen$/)
    await expect(page.getByTestId('signed-in-as')).toContainText('owner')
    await expect(page.getByTestId('signed-in-as')).toContainText('Owner')
    await expect(page.getByTestId('kiosk-id-input')).toHaveValue('front-desk')
    await expect(page.getByTestId('kiosk-id-input')).toBeFocused()
    await page.getByTestId('register-kiosk').click()
    await expect(page.getByTestId('this-screen-registered')).toContainText('front-desk')
    await expect(page.locator('[data-testid="kiosk-row"][data-kiosk-id="front-desk"][data-revoked="false"]')).toBeVisible()
    kioskCookies = (await context.cookies()).filter((c) => c.name === 'clockface_kiosk')
    expect(kioskCookies).toHaveLength(1)
    expect(kioskCookies[0]?.httpOnly).toBe(true)
    await owner.login(OWNER.username, OWNER.password)

    // Enrol A from the fake camera.
    await page.getByTestId('add-employee').click()
    await page.getByTestId('employee-code').fill('E001')
    await page.getByTestId('employee-name').fill('Alexandria Ocasio-Cortez')
    await page.getByTestId('employee-department').fill('Front office')
    await page.getByTestId('use-camera').click()
    await page.getByTestId('capture').click()
    await expect(page.getByTestId('detected-face')).toBeVisible()
    // A face is saved only with the employee's consent to the text shown.
    await expect(page.getByTestId('consent')).toContainText('Face recognition for attendance')
    await page.getByTestId('save-employee').click()
    await expect(page.getByTestId('form-error')).toContainText('Tick the consent box')
    await expect(page.getByTestId('consent-checkbox')).toBeFocused()
    await page.getByTestId('consent').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screenshotsDir, 'admin-consent-required.png') })
    await page.getByTestId('consent-checkbox').check()
    await page.getByTestId('save-employee').click()
    await expect(page.locator('[data-testid="employee-row"][data-code="E001"]')).toBeVisible()
    // The audit log names who did it.
    await expect(page.locator('[data-testid="audit-row"][data-action="createEmployee"][data-outcome="ok"][data-code="E001"][data-actor="owner"]')).toBeVisible()
    await expect(page.locator('[data-testid="audit-row"][data-action="registerKiosk"][data-actor="owner"]')).toBeVisible()
    await page.screenshot({ path: join(screenshotsDir, 'admin-enrolled-a.png'), fullPage: true })

    // The kiosk (this registered screen) recognises A.
    await page.getByRole('link', { name: 'Kiosk', exact: true }).click()
    const greeting = page.getByTestId('greeting')
    await expect(greeting).toBeVisible({ timeout: 90_000 })
    await expect(greeting).toHaveAttribute('data-employee-code', 'E001')
    await expect(greeting).toContainText('Alexandria Ocasio-Cortez')
    await expect(greeting).toContainText(/Checked in \d{2}:\d{2}/)
    await expect(page.getByTestId('overlay')).toBeVisible()
    await expect(page.getByTestId('latest-checkins')).toContainText('Alexandria Ocasio-Cortez')
    await expect(page.getByTestId('kiosk-id')).toContainText('front-desk')

    // Keep recognising A for a while: the cooldown must keep it at one punch. Meanwhile, the
    // overlay following A's moving head, a few frames apart, kept as artifacts.
    await page.waitForTimeout(2_000)
    for (let i = 0; i < 4; i++) {
      const moving = join(screenshotsDir, `kiosk-overlay-follows-${i}.png`)
      await page.locator('.stage').screenshot({ path: moving })
      await testInfo.attach(`kiosk-overlay-follows-${i}`, { path: moving, contentType: 'image/png' })
      await page.waitForTimeout(400)
    }
    // The diagnostics line: how often the overlay gets landmarks and how old they are on arrival.
    const diagnostics = page.getByTestId('kiosk-diagnostics')
    await expect(diagnostics).toContainText(/overlay [\d.]+ frames\/s · lag \d+ ms/)
    console.log(`[kiosk A] ${await diagnostics.textContent()}`)
    await page.waitForTimeout(4_000)
    const shot = join(screenshotsDir, 'kiosk-a-checked-in.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('kiosk-a-checked-in', { path: shot, contentType: 'image/png' })

    const events = await owner.call<PunchEvent[]>('listAttendance', {})
    expect(events.ok).toBe(true)
    expect(events.value?.map((e) => [e.employeeCode, e.type, e.kioskId])).toEqual([['E001', 'check-in', 'front-desk']])
  })

  test('B is shown "Not recognised" at the registered kiosk and logs no event', async ({}, testInfo) => {
    const { page } = await openPage('khill', '/kiosk', kioskCookies)
    await expect(page.getByTestId('not-recognised')).toBeVisible({ timeout: 90_000 })
    await expect(page.getByTestId('not-recognised')).toContainText('Not recognised')
    await page.waitForTimeout(8_000)
    await expect(page.getByTestId('greeting')).toHaveCount(0)
    console.log(`[kiosk B] ${await page.getByTestId('kiosk-diagnostics').textContent()}`)
    // No admin is signed in on this screen: the gear is the only way to Admin.
    await expect(page.getByTestId('kiosk-sign-out')).toHaveCount(0)
    await expect(page.getByRole('link', { name: 'Admin' })).toBeVisible()
    const shot = join(screenshotsDir, 'kiosk-b-not-recognised.png')
    await page.screenshot({ path: shot })
    await testInfo.attach('kiosk-b-not-recognised', { path: shot, contentType: 'image/png' })

    const events = await owner.call<PunchEvent[]>('listAttendance', {})
    expect(events.value?.map((e) => e.employeeCode)).toEqual(['E001'])
  })

  test('Admin refuses photos with two faces or no image; adds a PIN-only employee, exports data; the kiosk punches by PIN', async () => {
    const { page } = await openPage('khill', '/kiosk', kioskCookies)
    // The gear leads to sign-in, then back to Admin.
    await page.getByRole('link', { name: 'Admin' }).click()
    await expect(page).toHaveURL(/#\/sign-in\?redirect=(%2F|\/)admin$/)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-password').press('Enter')
    await expect(page).toHaveURL(/#\/admin$/)

    await page.getByTestId('add-employee').click()
    await page.getByTestId('employee-code').fill('E002')
    await page.getByTestId('employee-name').fill('Two Faces')
    const error = page.getByTestId('form-error')

    await page.getByTestId('photo-file').setInputFiles(deepfaceUnit('couple.jpg'))
    await expect(error).toContainText('More than one face in this photo')
    await page.getByTestId('consent-checkbox').check()
    await page.getByTestId('save-employee').click()
    await expect(error).toContainText('More than one face in this photo')
    // The refused attempt is in the audit log, and nothing else was stored.
    await expect(page.locator('[data-testid="audit-row"][data-action="createEmployee"][data-outcome="multiple-faces"][data-code="E002"]')).toBeVisible()

    await page.getByTestId('photo-file').setInputFiles({
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: readFileSync(deepfaceUnit('master.csv'))
    })
    await expect(error).toContainText('could not be read')
    // The earlier photo is not left on screen as if it were the one chosen.
    await expect(page.getByTestId('detected-face')).toHaveCount(0)
    await expect(page.getByTestId('photo-preview')).toHaveCount(0)
    await page.locator('.employee-form').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(screenshotsDir, 'admin-refused-photo.png') })

    // Someone without face data: a PIN only.
    await page.getByTestId('employee-code').fill('E003')
    await page.getByTestId('employee-name').fill('Pat Pinonly')
    await page.getByTestId('employee-pin').fill('4321')
    await page.getByTestId('save-employee').click()
    await expect(page.locator('[data-testid="employee-row"][data-code="E003"]')).toContainText('PIN')
    const employees = await owner.call<{ code: string }[]>('listEmployees', {})
    expect(employees.value?.map((e) => e.code).sort()).toEqual(['E001', 'E003'])

    // An access request: everything about A as a JSON download.
    const download = page.waitForEvent('download')
    await page.locator('[data-testid="employee-row"][data-code="E001"]').getByTestId('export-employee').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^clockface-E001-\d{4}-\d{2}-\d{2}\.json$/)
    const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as { code: string; templates: unknown[]; attendance: unknown[] }
    expect(exported.code).toBe('E001')
    expect(exported.templates).toHaveLength(1)
    expect(exported.attendance).toHaveLength(1)

    // At the kiosk: a wrong PIN is refused, the right one checks Pat in.
    await page.getByRole('link', { name: 'Kiosk', exact: true }).click()
    await page.getByTestId('pin-punch').click()
    const dialog = page.getByTestId('pin-dialog')
    await dialog.getByTestId('pin-code').fill('E003')
    await dialog.getByTestId('pin-pin').click()
    for (const digit of '1111') await dialog.getByRole('button', { name: digit, exact: true }).click()
    await expect(dialog.getByTestId('pin-pin')).toHaveValue('1111')
    await dialog.getByTestId('pin-submit').click()
    await expect(dialog.getByTestId('pin-error')).toHaveText('Wrong employee code or PIN.')
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-pin-wrong.png') })
    await dialog.getByTestId('pin-pin').fill('4321')
    await dialog.getByTestId('pin-submit').click()
    await expect(dialog).toHaveCount(0)
    const greeting = page.locator('[data-testid="greeting"][data-employee-code="E003"]')
    await expect(greeting).toContainText('Pat Pinonly')
    await expect(greeting).toContainText(/Checked in \d{2}:\d{2}/)
    await page.screenshot({ path: join(screenshotsDir, 'kiosk-pin-checked-in.png') })
    await expect(page.getByTestId('latest-checkins')).toContainText('Pat Pinonly')

    const events = await owner.call<(PunchEvent & { source?: string })[]>('listAttendance', {})
    expect(events.value?.map((e) => [e.employeeCode, e.type, e.source ?? 'face'])).toEqual([
      ['E003', 'check-in', 'pin'],
      ['E001', 'check-in', 'face']
    ])
  })
})
