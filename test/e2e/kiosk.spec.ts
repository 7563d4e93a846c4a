import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { deepfaceUnit } from '../helpers/datasets'
import { callApi, canRunE2e, fakeCamera, launchWithCamera, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots the issue asks to keep as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

interface PunchEvent {
  employeeCode: string
  type: string
}

test.describe.serial('kiosk in browser mode with a fake camera from a real video', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser | undefined

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
  })

  test.afterEach(async () => {
    await browser?.close()
    browser = undefined
  })

  test.afterAll(async () => {
    await server?.stop()
  })

  async function openPage(who: 'aoc' | 'khill', route: string): Promise<Page> {
    browser = await launchWithCamera(fakeCamera(who))
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.log(`[browser ${who}] ${msg.text()}`)
    })
    await page.goto(`${server.url}/#${route}`)
    return page
  }

  test('enrols A from a camera frame in Admin, then the kiosk checks A in once', async ({}, testInfo) => {
    const admin = await openPage('aoc', '/admin')
    await admin.getByTestId('add-employee').click()
    await admin.getByTestId('employee-code').fill('E001')
    await admin.getByTestId('employee-name').fill('Alexandria Ocasio-Cortez')
    await admin.getByTestId('employee-department').fill('Front office')
    await admin.getByTestId('use-camera').click()
    await admin.getByTestId('capture').click()
    await expect(admin.getByTestId('detected-face')).toBeVisible()
    await admin.getByTestId('save-employee').click()
    await expect(admin.locator('[data-testid="employee-row"][data-code="E001"]')).toBeVisible()
    await expect(admin.locator('[data-testid="audit-row"][data-action="createEmployee"][data-outcome="ok"][data-code="E001"]')).toBeVisible()
    await admin.screenshot({ path: join(screenshotsDir, 'admin-enrolled-a.png') })

    await admin.goto(`${server.url}/#/kiosk`)
    const greeting = admin.getByTestId('greeting')
    await expect(greeting).toBeVisible({ timeout: 90_000 })
    await expect(greeting).toHaveAttribute('data-employee-code', 'E001')
    await expect(greeting).toContainText('Alexandria Ocasio-Cortez')
    await expect(greeting).toContainText(/Checked in \d{2}:\d{2}/)
    await expect(admin.getByTestId('overlay')).toBeVisible()
    await expect(admin.getByTestId('latest-checkins')).toContainText('Alexandria Ocasio-Cortez')

    // Keep recognising A for a while: the cooldown must keep it at one punch.
    await admin.waitForTimeout(8_000)
    const shot = join(screenshotsDir, 'kiosk-a-checked-in.png')
    await admin.screenshot({ path: shot })
    await testInfo.attach('kiosk-a-checked-in', { path: shot, contentType: 'image/png' })

    const events = await callApi<PunchEvent[]>(server.url, 'listAttendance', {})
    expect(events.ok).toBe(true)
    expect(events.value?.map((e) => [e.employeeCode, e.type])).toEqual([['E001', 'check-in']])
  })

  test('B is shown "Not recognised" and logs no event', async ({}, testInfo) => {
    const kiosk = await openPage('khill', '/kiosk')
    await expect(kiosk.getByTestId('not-recognised')).toBeVisible({ timeout: 90_000 })
    await expect(kiosk.getByTestId('not-recognised')).toContainText('Not recognised')
    await kiosk.waitForTimeout(8_000)
    await expect(kiosk.getByTestId('greeting')).toHaveCount(0)
    const shot = join(screenshotsDir, 'kiosk-b-not-recognised.png')
    await kiosk.screenshot({ path: shot })
    await testInfo.attach('kiosk-b-not-recognised', { path: shot, contentType: 'image/png' })

    const events = await callApi<PunchEvent[]>(server.url, 'listAttendance', {})
    expect(events.value?.map((e) => e.employeeCode)).toEqual(['E001'])
  })

  test('Admin refuses photos with two faces, no face or no image, and stores nothing', async () => {
    const admin = await openPage('khill', '/admin')
    await admin.getByTestId('add-employee').click()
    await admin.getByTestId('employee-code').fill('E002')
    await admin.getByTestId('employee-name').fill('Two Faces')
    const error = admin.getByTestId('form-error')

    await admin.getByTestId('photo-file').setInputFiles(deepfaceUnit('couple.jpg'))
    await expect(error).toContainText('More than one face in this photo')
    await admin.getByTestId('save-employee').click()
    await expect(error).toContainText('More than one face in this photo')
    // The refused attempt is in the audit log, and nothing else was stored.
    await expect(admin.locator('[data-testid="audit-row"][data-action="createEmployee"][data-outcome="multiple-faces"][data-code="E002"]')).toBeVisible()

    await admin.getByTestId('photo-file').setInputFiles({
      name: 'notes.jpg',
      mimeType: 'image/jpeg',
      buffer: readFileSync(deepfaceUnit('master.csv'))
    })
    await expect(error).toContainText('could not be read')
    // The earlier photo is not left on screen as if it were the one chosen.
    await expect(admin.getByTestId('detected-face')).toHaveCount(0)
    await expect(admin.getByTestId('photo-preview')).toHaveCount(0)
    await admin.screenshot({ path: join(screenshotsDir, 'admin-refused-photo.png') })

    const employees = await callApi<{ code: string }[]>(server.url, 'listEmployees', {})
    expect(employees.value?.map((e) => e.code)).toEqual(['E001'])
  })
})
