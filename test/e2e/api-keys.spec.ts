/**
 * Integration API keys end to end: the owner creates a key in Admin and sees it once, the key
 * works against the REST API the server started with `--api`, a manager sees the list but
 * cannot create or revoke, and once the owner revokes the key the API answers 401.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { ApiSession, canRunE2e, freePort, launchBrowser, startServer, type RunningServer } from './fixtures'

/** Stable place for the screenshots kept as artifacts. */
const screenshotsDir = resolve(__dirname, '..', '..', 'test-results', 'screenshots')

const OWNER = { username: 'owner', password: 'front-desk-2468' }
const MANAGER = { username: 'maria', password: '135790' }
/** Shape of a key: `cfk_`, 8-character prefix, `_`, 43-character secret. */
const KEY = /^cfk_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/

async function signIn(page: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await page.goto(`${url}/#/admin`)
  await page.getByLabel('User name').fill(who.username)
  await page.getByTestId('sign-in-password').fill(who.password)
  await page.getByTestId('sign-in-submit').click()
  await expect(page).toHaveURL(/#\/admin$/)
}

test.describe.serial('integration API keys', () => {
  test.skip(!canRunE2e, 'needs ../shared/datasets/video, /usr/bin/chromium (or CHROMIUM_PATH) and ffmpeg')

  let server: RunningServer
  let browser: Browser
  let apiUrl: string

  /** Calls the REST API with `key` (or none); answers the HTTP status and the parsed body. */
  async function rest(method: 'GET' | 'POST', path: string, key?: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {})
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text for the failure message
    }
    return { status: res.status, body: parsed }
  }

  test.beforeAll(async () => {
    mkdirSync(screenshotsDir, { recursive: true })
    const apiPort = await freePort()
    server = await startServer({ args: ['--api', '--api-port', String(apiPort)] })
    apiUrl = `http://127.0.0.1:${apiPort}/api/v1`
    const owner = new ApiSession(server.url)
    expect((await owner.call('setupOwner', { ...OWNER, setupCode: server.setupCode })).ok).toBe(true)
    expect((await owner.call('createAccount', { ...MANAGER, role: 'manager' })).ok).toBe(true)
    // The REST API listens once the server has started it.
    await expect.poll(async () => (await rest('GET', '/health').catch(() => ({ status: 0 }))).status, { timeout: 30_000 }).toBe(200)
    browser = await launchBrowser()
  })

  test.afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })

  let key = ''

  test('the owner creates a key with scopes and sees it once, in a copyable field', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    const page = await context.newPage()
    await signIn(page, server.url, OWNER)
    const card = page.getByTestId('api-keys-card')
    await expect(card).toContainText('No API keys yet.')

    await card.getByTestId('create-api-key').click()
    await expect(card.getByLabel('Name')).toBeFocused()
    // Nothing filled in: both problems are said, the focus goes to the first.
    await card.getByTestId('save-api-key').click()
    await expect(card.getByText('Enter a name that says which system uses this key')).toBeVisible()
    await expect(card.getByText('Choose at least one scope')).toBeVisible()
    await expect(card.getByLabel('Name')).toBeFocused()

    await card.getByLabel('Name').fill('HR sync')
    // Each scope is a labelled checkbox with its one-line explanation as its description.
    const read = card.getByRole('checkbox', { name: /^Read/ })
    await expect(read).toHaveAccessibleDescription(/employees/)
    await read.check()
    await card.getByRole('checkbox', { name: /^Identify/ }).check()
    await card.screenshot({ path: join(screenshotsDir, 'admin-api-keys-create.png') })
    await card.getByTestId('save-api-key').click()

    const reveal = card.getByTestId('new-api-key')
    await expect(reveal).toContainText('you will not see it again')
    const field = reveal.getByTestId('new-api-key-value')
    await expect(field).toBeFocused()
    key = await field.inputValue()
    expect(key).toMatch(KEY)
    const prefix = KEY.exec(key)![1]!
    await expect(field).toHaveAttribute('readonly', '')
    await reveal.getByTestId('copy-api-key').click()
    await expect(reveal.getByTestId('copy-state')).toHaveText('Copied to the clipboard.')
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key)

    const row = card.locator('[data-testid="api-key-row"][data-name="HR sync"]')
    await expect(row).toContainText(`cfk_${prefix}_…`)
    await expect(row).toContainText('Read')
    await expect(row).toContainText('Identify')
    await expect(row).toContainText('by owner')
    await expect(row).toContainText('Never')
    await expect(row).toContainText('Active')
    await expect(page.locator('[data-testid="audit-row"][data-action="createApiKey"][data-actor="owner"]')).toBeVisible()
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(screenshotsDir, 'admin-api-keys-new.png') })

    // Once the box is closed the secret is gone from the page, and no reload brings it back.
    await reveal.getByTestId('close-new-api-key').click()
    await expect(reveal).toHaveCount(0)
    await expect(card).toContainText('The key “HR sync” is active.')
    expect(await page.content()).not.toContain(key)
    await page.reload()
    await expect(page.getByTestId('api-key-row')).toHaveCount(1)
    expect(await page.content()).not.toContain(key.slice(13))
    await context.close()
  })

  test('the key works against the REST API within its scopes', async () => {
    expect(key).toMatch(KEY)
    const employees = await rest('GET', '/employees', key)
    expect(employees.status, JSON.stringify(employees.body)).toBe(200)
    // No key, a made-up key: refused alike.
    expect((await rest('GET', '/employees')).status).toBe(401)
    expect((await rest('GET', '/employees', `${key.slice(0, -4)}AAAA`)).status).toBe(401)
    // Attendance needs the export scope, which this key lacks.
    expect((await rest('GET', '/attendance', key)).status).toBe(403)
  })

  test('a manager sees the keys, with last use, but cannot create or revoke them', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await signIn(page, server.url, MANAGER)
    const card = page.getByTestId('api-keys-card')
    const row = card.locator('[data-testid="api-key-row"][data-name="HR sync"]')
    await expect(row).toContainText('Active')
    await expect(row).not.toContainText('Never')
    await expect(card).toContainText('Only an owner creates and revokes keys.')
    await expect(card.getByTestId('create-api-key')).toHaveCount(0)
    await expect(card.getByTestId('revoke-api-key')).toHaveCount(0)
    await context.close()
  })

  test('the owner revokes the key after a confirmation; the API then answers 401', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, server.url, OWNER)
    const card = page.getByTestId('api-keys-card')
    const row = card.locator('[data-testid="api-key-row"][data-name="HR sync"]')
    await row.getByRole('button', { name: 'Revoke the API key HR sync' }).click()
    const dialog = page.getByRole('alertdialog')
    await expect(dialog).toContainText('Revoke the key “HR sync”')
    // Cancel is the safe choice and has the focus; cancelling changes nothing.
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(row).toHaveAttribute('data-revoked', 'false')
    expect((await rest('GET', '/employees', key)).status).toBe(200)

    await row.getByTestId('revoke-api-key').click()
    await page.getByTestId('confirm-revoke-api-key').click()
    await expect(row).toHaveAttribute('data-revoked', 'true')
    await expect(row).toContainText('Revoked')
    await expect(card).toContainText('Revoked the key “HR sync”')
    await expect(row.getByTestId('revoke-api-key')).toHaveCount(0)

    const refused = await rest('GET', '/employees', key)
    expect(refused.status, JSON.stringify(refused.body)).toBe(401)

    // A second key, so the card shows an active and a revoked one side by side.
    await card.getByTestId('create-api-key').click()
    await card.getByLabel('Name').fill('Door controller, building B')
    await card.getByTestId('api-key-scope-punch').check()
    await card.getByTestId('save-api-key').click()
    await expect(card.getByTestId('new-api-key')).toBeVisible()
    await card.getByTestId('close-new-api-key').click()
    await expect(card.getByTestId('api-key-row')).toHaveCount(2)
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(screenshotsDir, 'admin-api-keys.png') })
    await context.close()
  })

  test('settings: face analysis, visitor retention and the API address, which needs TLS off this computer', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await signIn(page, server.url, OWNER)
    const card = page.getByTestId('settings-card')
    const api = card.getByTestId('settings-api')
    // Browser mode says how its API is started.
    await expect(api.getByTestId('settings-api-mode')).toContainText('npm run serve -- --api')

    // An address reachable from the network without TLS files: refused before it is sent.
    await api.getByLabel('Address').fill('0.0.0.0')
    await card.getByTestId('save-settings').click()
    await expect(api.getByText('This address is reachable from other machines')).toBeVisible()
    await expect(api.getByLabel('Address')).toBeFocused()
    await expect(api.getByLabel('Address')).toHaveAttribute('aria-invalid', 'true')
    // A TLS file that is not there: the server's refusal shows at that field.
    await api.getByLabel('TLS certificate file').fill('/nonexistent/clockface-cert.pem')
    await api.getByLabel('TLS private key file').fill('/nonexistent/clockface-key.pem')
    await card.getByTestId('save-settings').click()
    await expect(api.getByText('There is no readable file at /nonexistent/clockface-cert.pem.')).toBeVisible()
    await expect(api.getByLabel('TLS certificate file')).toBeFocused()

    await card.getByRole('button', { name: 'Undo changes' }).click()
    await expect(api.getByLabel('Address')).toHaveValue('127.0.0.1')
    await card.getByRole('checkbox', { name: 'Estimate age, gender and expression' }).check()
    await card.getByLabel('Keep visitors for').fill('14')
    await api.getByLabel('Requests per minute').fill('600')
    await card.getByTestId('save-settings').click()
    await expect(card.getByRole('status')).toHaveText('Saved: visitor retention 30 → 14, face analysis off → on, API requests per minute 120 → 600.')
    await expect(page.locator('[data-testid="audit-row"][data-action="updateSettings"][data-actor="owner"]').first()).toBeVisible()
    await card.scrollIntoViewIfNeeded()
    await card.screenshot({ path: join(screenshotsDir, 'admin-settings-api.png') })
    await context.close()
  })

  test('the API docs page renders in Chromium from local files only, listing the operations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const outside: string[] = []
    page.on('request', (request) => {
      const host = new URL(request.url()).hostname
      if (host !== '127.0.0.1' && !request.url().startsWith('data:')) outside.push(request.url())
    })
    await page.goto(`${apiUrl}/docs`)
    await expect(page.locator('.swagger-ui .info .title')).toContainText('Clockface', { timeout: 30_000 })
    await expect(page.locator('.opblock-summary-path', { hasText: '/identify' }).first()).toBeVisible()
    await expect(page.locator('.opblock-summary-path', { hasText: '/employees/{code}' }).first()).toBeVisible()
    await page.screenshot({ path: join(screenshotsDir, 'api-docs.png') })
    expect(outside).toEqual([])
    await context.close()
  })
})
