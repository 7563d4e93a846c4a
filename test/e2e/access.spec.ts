import { appendFileSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser } from '@playwright/test'
import { ApiSession, canRunE2e, launchBrowser, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }

/** A valid 2×2 RGBA frame (16 zero bytes as base64): refused for who sends it, not for what. */
const TINY_FRAME = { kind: 'pixels', format: 'rgba', width: 2, height: 2, data: Buffer.alloc(16).toString('base64') }

test.describe.serial('admin and kiosk access in browser mode', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    // First run through the API this time (the kiosk spec does it through the UI).
    const setup = await new ApiSession(server.url).call('setupOwner', { ...OWNER, setupCode: server.setupCode })
    expect(setup.ok).toBe(true)
    browser = await launchBrowser()
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('a browser without cookies may not send kiosk frames, and /#/admin lands on sign-in', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const frame = await context.request.post(`${server.url}/api/recogniseFrame`, { data: { frame: TINY_FRAME } })
    expect(frame.status()).toBe(401)
    expect(((await frame.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
    const punches = await context.request.post(`${server.url}/api/listRecentPunches`, { data: {} })
    expect(punches.status()).toBe(401)

    const page = await context.newPage()
    await page.goto(`${server.url}/#/admin`)
    await expect(page).toHaveURL(/#\/sign-in\?redirect=(%2F|\/)admin$/)
    await expect(page.getByTestId('sign-in-form')).toBeVisible()
    await expect(page.getByLabel('User name')).toBeFocused()

    // The kiosk page of this unregistered browser shows the set-up panel instead of a camera.
    await page.goto(`${server.url}/#/kiosk`)
    await expect(page.getByTestId('state-panel')).toHaveAttribute('data-state', 'not-registered')
    await context.close()
  })

  test('sign-in refuses a wrong password, then lets the owner in and back to Admin; an owner adds a manager and sets the idle time', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/admin`)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill('not-the-password')
    await page.getByTestId('sign-in-submit').click()
    await expect(page.getByTestId('sign-in-error')).toHaveText('Wrong user name or password.')
    await expect(page.getByTestId('sign-in-password')).toHaveValue('')
    await expect(page.getByTestId('sign-in-password')).toBeFocused()
    await page.screenshot({ path: join(screenshotsDir, 'sign-in-wrong-password.png') })

    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()
    await expect(page).toHaveURL(/#\/admin$/)
    await expect(page.getByTestId('signed-in-as')).toContainText('owner')

    await page.getByTestId('add-account').click()
    await page.getByTestId('account-username').fill('maria')
    await page.getByTestId('account-password').fill('135790')
    await page.getByTestId('account-role').selectOption('manager')
    await page.getByTestId('save-account').click()
    await expect(page.locator('[data-testid="account-row"][data-username="maria"]')).toContainText('Manager')
    await expect(page.locator('[data-testid="audit-row"][data-action="createAccount"][data-actor="owner"]')).toBeVisible()

    // Owners set the idle time; the new value applies to the screens at once.
    await page.getByTestId('setting-idleMinutes').fill('5')
    await page.getByTestId('save-settings').click()
    await expect(page.getByTestId('settings-card')).toContainText('Saved: idle minutes 10 → 5.')
    await page.screenshot({ path: join(screenshotsDir, 'admin-accounts-settings.png'), fullPage: true })

    // The server ends the session (here: a sign-out from elsewhere in this browser): the next
    // admin request answers unauthorized and the screen goes to sign-in, saying why.
    expect((await context.request.post(`${server.url}/api/logout`, { data: {} })).ok()).toBe(true)
    await page.getByTestId('audit-log').getByRole('button', { name: 'Refresh' }).click()
    await expect(page).toHaveURL(/#\/sign-in\?redirect=(%2F|\/)admin&reason=expired$/)
    await expect(page.getByTestId('sign-in-note')).toHaveText('Your session ended. Sign in again to continue.')
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()
    await expect(page).toHaveURL(/#\/admin$/)

    // Sign out returns to the kiosk, which is not registered in this browser.
    await page.getByTestId('sign-out').click()
    await expect(page).toHaveURL(/#\/kiosk$/)
    await expect(page.getByTestId('state-panel')).toHaveAttribute('data-state', 'not-registered')
    const after = await context.request.post(`${server.url}/api/listEmployees`, { data: {} })
    expect(after.status()).toBe(401)
    await context.close()
  })

  test('an idle admin is warned, then signed out and sent back to the kiosk', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    // The page's timers run on a clock the test can move on; it keeps running in real time meanwhile.
    await page.clock.install()
    await page.goto(`${server.url}/#/sign-in`)
    await page.getByLabel('User name').fill('maria')
    await page.getByTestId('sign-in-password').fill('135790')
    await page.getByTestId('sign-in-submit').click()
    await expect(page).toHaveURL(/#\/admin$/)
    await expect(page.getByTestId('signed-in-as')).toContainText('Manager')
    // Managers see their own account only.
    await expect(page.getByTestId('accounts-card')).toContainText('Your account')
    await expect(page.getByTestId('add-account')).toHaveCount(0)

    await page.clock.fastForward('04:05')
    const warning = page.getByTestId('idle-warning')
    await expect(warning).toBeVisible()
    await expect(warning).toContainText('you will be signed out in')
    await page.screenshot({ path: join(screenshotsDir, 'admin-idle-warning.png') })

    await page.clock.fastForward('01:00')
    await expect(page).toHaveURL(/#\/kiosk$/)
    await expect(warning).toHaveCount(0)
    const after = await context.request.post(`${server.url}/api/listEmployees`, { data: {} })
    expect(after.status()).toBe(401)

    // The gear leads to sign-in, which says why the admin was signed out.
    await page.getByRole('link', { name: 'Admin' }).click()
    await expect(page.getByTestId('sign-in-note')).toContainText('signed out after 5 minutes without activity')
    await page.screenshot({ path: join(screenshotsDir, 'sign-in-after-idle.png') })
    await context.close()
  })

  test('a damaged data file: admins see the read-only banner, the owner repairs the file', async () => {
    // One line of employees.db that no longer decrypts, as after a disk fault.
    await server.stop()
    appendFileSync(join(server.dataDir, 'employees.db'), 'garbage-not-a-record\n')
    server = await startServer({ dataDir: server.dataDir })

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/admin`)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()
    const banner = page.getByTestId('data-health-banner')
    await expect(banner).toContainText('Changes are paused: a data file is damaged')
    await expect(banner.getByTestId('damaged-file')).toContainText('employees.db')
    await page.screenshot({ path: join(screenshotsDir, 'admin-data-damaged.png') })

    await banner.getByTestId('repair-employees.db').click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Repair' }).click()
    await expect(banner).toContainText('Repaired employees.db: changes are accepted again.')
    const owner = new ApiSession(server.url)
    await owner.login(OWNER.username, OWNER.password)
    const health = await owner.call<{ readOnly: boolean }>('getDataHealth', {})
    expect(health.value?.readOnly).toBe(false)
    await context.close()
  })
})
