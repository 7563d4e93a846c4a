/**
 * The visitor gallery end to end: an integration identifies real photos of unknown people
 * through the REST API with `enrolUnknown`, an admin sees the visitors in Admin (id, first and
 * last seen, times seen), deletes one and purges the rest, each after a confirmation.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser } from '@playwright/test'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters } from '../helpers/datasets'
import { ApiSession, canRunE2e, freePort, launchBrowser, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }

test.describe.serial('visitors', () => {
  test.skip(!canRunE2e || !hasDeepfaceUnit, 'needs ../shared/datasets (video and deepface-unit), /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser
  let apiUrl: string
  let key: string
  /** One photo each of two people nobody enrolled. */
  let photos: string[] = []

  /** Identifies `file` through the REST API, registering unknown faces; answers the visitor ids. */
  async function sight(file: string): Promise<string[]> {
    const res = await fetch(`${apiUrl}/identify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ image: { kind: 'encoded', data: readFileSync(deepfaceUnit(file)).toString('base64') }, enrolUnknown: true })
    })
    const body = (await res.json()) as { visitorId?: string | null }[]
    expect(res.status, JSON.stringify(body)).toBe(200)
    return body.map((face) => face.visitorId ?? '').filter((id) => id !== '')
  }

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    photos = identityClusters()
      .slice(0, 2)
      .map((cluster) => cluster[0]!)
    const apiPort = await freePort()
    server = await startServer({ args: ['--api', '--api-port', String(apiPort)] })
    apiUrl = `http://127.0.0.1:${apiPort}/api/v1`
    const owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    // Identifying needs `identify`; registering unknown faces as visitors also `enrol`.
    const created = await owner.call<{ key: string }>('createApiKey', { name: 'Visitor desk', scopes: ['identify', 'enrol'] })
    key = created.value?.key ?? ''
    // Identification needs the face engine: wait until the service reports it ready.
    await expect
      .poll(async () => ((await (await fetch(`${apiUrl}/health`).catch(() => null))?.json().catch(() => null)) as { status?: string } | null)?.status, {
        timeout: 120_000
      })
      .toBe('ok')
    browser = await launchBrowser()
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('an admin sees the visitors an integration registered, deletes one and purges the rest', async () => {
    const [a, b] = [await sight(photos[0]!), await sight(photos[1]!)]
    expect(a).toHaveLength(1)
    expect(b).toHaveLength(1)
    expect(a[0]).not.toBe(b[0])
    // The same face again is the same visitor, seen twice.
    expect(await sight(photos[0]!)).toEqual(a)

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await page.goto(`${server.url}/#/admin`)
    await page.getByLabel('User name').fill(OWNER.username)
    await page.getByTestId('sign-in-password').fill(OWNER.password)
    await page.getByTestId('sign-in-submit').click()
    const card = page.getByTestId('visitors-card')
    await expect(card.getByTestId('visitor-row')).toHaveCount(2)
    const rowA = card.locator(`[data-testid="visitor-row"][data-visitor-id="${a[0]}"]`)
    await expect(rowA.locator('td').nth(3)).toHaveText('2')
    await expect(card.locator(`[data-testid="visitor-row"][data-visitor-id="${b[0]}"]`).locator('td').nth(3)).toHaveText('1')
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(screenshotsDir, 'admin-visitors.png') })

    // Delete one, after a confirmation that names it.
    await rowA.getByRole('button', { name: `Delete the visitor ${a[0]}` }).click()
    await expect(page.getByRole('alertdialog')).toContainText(`Delete the visitor ${a[0]} (seen 2 times`)
    await page.getByTestId('confirm-delete-visitor').click()
    await expect(card).toContainText(`Deleted the visitor ${a[0]} and their face descriptor.`)
    await expect(card.getByTestId('visitor-row')).toHaveCount(1)
    await expect(page.locator('[data-testid="audit-row"][data-action="deleteVisitor"][data-actor="owner"]')).toBeVisible()

    // A wrong number of days is said at the field; the visitor seen today is not older than a day.
    await card.getByLabel('Days not seen').fill('0')
    await card.getByTestId('purge-visitors').click()
    await expect(card.getByText('Enter a whole number of days from 1 to 36500')).toBeVisible()
    await expect(card.getByLabel('Days not seen')).toBeFocused()
    await card.getByLabel('Days not seen').fill('1')
    await card.getByTestId('purge-visitors').click()
    await expect(page.getByRole('alertdialog')).toContainText('not seen for 1 day')
    await page.getByTestId('confirm-purge-visitors').click()
    await expect(card).toContainText('Purged 0 visitors.')
    await expect(card.getByTestId('visitor-row')).toHaveCount(1)

    // Purge all: cancelled first, then confirmed.
    await card.getByRole('radio', { name: 'All visitors' }).check()
    await card.getByTestId('purge-visitors').click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click()
    await expect(card.getByTestId('visitor-row')).toHaveCount(1)
    await card.getByTestId('purge-visitors').click()
    await page.getByTestId('confirm-purge-visitors').click()
    await expect(card).toContainText('Purged 1 visitor.')
    await expect(card).toContainText('No visitors.')
    await context.close()
  })
})
