import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { ApiSession, canRunE2e, launchBrowser, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }
const MANAGER = { username: 'mara', password: 'manager-1357' }

/** Signs in through the sign-in screen and opens Admin → People & settings. */
async function signIn(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/#/sign-in`)
  await page.getByLabel('User name').fill(who.username)
  await page.getByTestId('sign-in-password').fill(who.password)
  await page.getByTestId('sign-in-submit').click()
  await expect(page).toHaveURL(/#\/admin$/)
}

test.describe.serial('the recognition card in Admin', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    const owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    await owner.login(OWNER.username, OWNER.password)
    expect((await owner.call('createAccount', { ...MANAGER, role: 'manager' })).ok).toBe(true)
    browser = await launchBrowser()
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('an owner reads the calibration figures, tries a threshold and sees what it would do, then saves it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, server.url, OWNER)
    const card = page.getByTestId('recognition-card')
    await card.scrollIntoViewIfNeeded()
    await expect(card.getByTestId('recognition-model')).toContainText('Euclidean distance')
    const threshold = card.getByTestId('recognition-threshold')
    await expect(threshold).toContainText("the model's default")
    await expect(threshold).toContainText(/false accepts \(FAR\) \d[\d.]*%, false rejects \(FRR\) \d[\d.]*%/)
    await expect(card.getByTestId('recognition-identification')).toContainText('with nobody enrolled')
    await expect(card.getByTestId('recognition-identification')).toContainText('target FPIR of 1%')
    await expect(card.getByTestId('recognition-chart').locator('canvas')).toBeVisible()
    await expect(card.getByTestId('recognition-curve-table').locator('tbody tr')).toHaveCount(13)
    const before = (await threshold.locator('strong').textContent())?.trim()

    // Nothing is tried yet; typing a looser threshold shows what it would do before saving.
    await expect(card.getByTestId('recognition-preview')).toContainText('Move the threshold')
    await card.getByTestId('recognition-threshold-input').fill('1.15')
    await expect(card.getByTestId('recognition-preview-far')).toContainText(/Threshold 1\.15: false accepts \(FAR\) [\d.]+% → [\d.]+%/)
    await expect(card.getByTestId('recognition-preview-frr')).toContainText('→')
    const far = await card.getByTestId('recognition-preview-far').textContent()
    const [, from, to] = /([\d.]+)% → ([\d.]+)%/.exec(far ?? '') ?? []
    expect(Number(to)).toBeGreaterThan(Number(from))

    // The slider moves the value too, one step at a time from the keyboard.
    await card.getByTestId('recognition-threshold-slider').getByRole('slider').press('ArrowLeft')
    await expect(card.getByTestId('recognition-threshold-input')).toHaveValue('1.14')
    await expect(card.getByTestId('recognition-preview-far')).toContainText('Threshold 1.14')
    // Strict enough that the benchmark counted no impostor that close.
    await card.getByTestId('recognition-threshold-input').fill('0.6')
    await expect(card.getByTestId('recognition-preview-far')).toContainText('below what the benchmark resolves')
    await card.getByTestId('recognition-threshold-input').fill('1.15')
    await card.getByTestId('recognition-targetFpir-input').fill('0.5')
    await expect(card.getByTestId('recognition-preview-fpir')).toContainText('expected FPIR')
    await card.screenshot({ path: join(screenshotsDir, 'admin-recognition-preview.png') })

    await card.getByTestId('recognition-save').click()
    await expect(card).toContainText('Recognition settings saved')
    await expect(threshold.locator('strong')).toHaveText('1.15')
    await expect(threshold).toContainText(`model's default ${before}`)
    await expect(card.getByTestId('recognition-identification')).toContainText('target FPIR of 0.5%')
    await expect(card.getByTestId('recognition-preview')).toContainText('Move the threshold')
    await expect(page.locator('[data-testid="audit-row"][data-action="updateSettings"]').first()).toBeVisible()

    // Back to the model's default.
    await card.getByTestId('recognition-use-default').click()
    await card.getByTestId('recognition-save').click()
    await expect(threshold.locator('strong')).toHaveText(before ?? '')
    await expect(threshold).toContainText("the model's default")
    await context.close()
  })

  test('a manager sees the same figures without the form', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, server.url, MANAGER)
    const card = page.getByTestId('recognition-card')
    await expect(card.getByTestId('recognition-threshold')).toContainText('false accepts (FAR)')
    await expect(card.getByTestId('recognition-read-only')).toBeVisible()
    await expect(card.getByTestId('recognition-form')).toHaveCount(0)
    await context.close()
  })
})
