/**
 * Guided enrolment through the camera: an owner adds an employee with the guided capture in
 * Chromium with a fake webcam playing a real talking-head video. The screen asks for each
 * pose, says why a frame does not pass, takes the photos by itself, and the employee ends
 * with at least three camera templates.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser } from '@playwright/test'
import { datasetsDir } from '../helpers/datasets'
import { ApiSession, canRunE2e, launchWithCamera, startServer, type RunningServer } from './fixtures'

const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')
const OWNER = { username: 'owner', password: 'front-desk-2468' }

/**
 * The khill talking-head clip as a fake camera like fixtures.ts makes it (640 × 480, 15
 * frames/s, letterboxed), played at half speed: the clip turns the head each way for only
 * about 2 s, about as long as judging two frames takes on a busy 2-core machine, while a
 * person asked to turn holds the pose longer. Cached.
 */
function slowCamera(): string {
  const dir = resolve(__dirname, '..', '..', 'test-results', 'fake-camera')
  mkdirSync(dir, { recursive: true })
  const out = join(dir, 'khill-half-speed.y4m')
  if (!existsSync(out)) {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', join(datasetsDir, 'video', 'talking-head-khill.mp4'), '-vf', 'setpts=2*PTS,fps=15,scale=480:480,pad=640:480:80:0', '-pix_fmt', 'yuv420p', out])
  }
  return out
}

interface Template {
  employeeCode: string
  source: string
}

test.describe.serial('guided enrolment with a fake camera from a real video', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser | undefined
  let owner: ApiSession

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    server = await startServer()
    owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    await owner.login(OWNER.username, OWNER.password)
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('asks for each pose with the reason shown live, takes the photos itself, and saves an employee with ≥ 3 templates', async ({}, testInfo) => {
    // The clip turns the head both ways and looks up; the fake camera loops it.
    browser = await launchWithCamera(slowCamera())
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.on('console', (msg) => {
      if (msg.type() === 'error') console.log(`[browser] ${msg.text()}`)
    })
    await page.goto(`${server.url}/#/admin`)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()

    await page.getByTestId('add-employee').click()
    await page.getByTestId('employee-code').fill('G001')
    await page.getByTestId('employee-name').fill('Guided Person')
    await page.getByTestId('employee-department').fill('Front office')
    await page.getByTestId('guided-start').click()

    const prompt = page.getByTestId('guided-prompt')
    const reason = page.getByTestId('quality-reason')
    await expect(prompt).toContainText('Look straight at the camera')
    await expect(page.getByTestId('guided-step-straight')).toHaveAttribute('data-taken', 'true', { timeout: 90_000 })

    // The left step: until he turns, the screen says which way and how far.
    await expect(prompt).toContainText('Turn your head slightly to your left')
    const seen = new Set<string>()
    const watchReasons = async (until: () => Promise<boolean>): Promise<void> => {
      while (!(await until())) {
        const issue = await reason.getAttribute('data-issue').catch(() => null)
        if (issue) seen.add(issue)
        await page.waitForTimeout(150)
      }
    }
    let shotTaken = false
    await watchReasons(async () => {
      if (!shotTaken && (await reason.getAttribute('data-issue').catch(() => null)) === 'turn-left-more') {
        await reason.scrollIntoViewIfNeeded()
        const shot = join(screenshotsDir, 'guided-enrolment-turn-left.png')
        await page.screenshot({ path: shot })
        await testInfo.attach('guided-enrolment-turn-left', { path: shot, contentType: 'image/png' })
        shotTaken = true
      }
      return (await page.getByTestId('guided-step-left').getAttribute('data-taken')) === 'true'
    })
    expect([...seen]).toContain('turn-left-more')
    await expect(reason).toBeVisible()

    await expect(prompt).toContainText('Turn your head slightly to your right')
    await expect(page.getByTestId('guided-step-right')).toHaveAttribute('data-taken', 'true', { timeout: 90_000 })

    // The optional "slightly up" step: taken when he looks up, else skipped.
    await expect(prompt).toContainText('Tilt your head slightly up')
    try {
      await expect(page.getByTestId('guided-step-up')).toHaveAttribute('data-taken', 'true', { timeout: 30_000 })
    } catch {
      await page.getByTestId('guided-skip').click()
    }
    const summary = page.getByTestId('guided-summary')
    await expect(summary).toBeVisible()
    const count = Number(await summary.getAttribute('data-count'))
    expect(count).toBeGreaterThanOrEqual(3)
    await expect(page.getByTestId('guided-thumbnail')).toHaveCount(count)

    await page.getByTestId('consent-checkbox').check()
    await page.getByTestId('guided-capture').scrollIntoViewIfNeeded()
    const done = join(screenshotsDir, 'guided-enrolment-done.png')
    await page.screenshot({ path: done })
    await testInfo.attach('guided-enrolment-done', { path: done, contentType: 'image/png' })
    await page.getByTestId('save-employee').click()
    // The first photo comes with the new employee, the others follow one by one; the form closes after the last.
    await expect(page.getByTestId('save-employee')).toBeHidden({ timeout: 60_000 })
    await expect(page.locator('[data-testid="employee-row"][data-code="G001"]')).toBeVisible()

    const templates = await owner.call<Template[]>('listTemplates', { code: 'G001' })
    expect(templates.error).toBeUndefined()
    expect(templates.value?.length).toBe(count)
    expect(templates.value?.every((t) => t.source === 'camera')).toBe(true)
    await page.screenshot({ path: join(screenshotsDir, 'guided-enrolment-saved.png'), fullPage: true })
  })
})
