import { existsSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { chromiumPath, launchBrowser, startServer } from './fixtures'

/** An owner turns on a kiosk's presentation-attack check in Admin → Kiosks, and updateKiosk stores it. */
test('the kiosk dialog sets the presentation-attack mode and threshold', async () => {
  test.skip(!existsSync(chromiumPath), 'needs /usr/bin/chromium (or CHROMIUM_PATH)')
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const call = (operation: string, data: unknown) => context.request.post(`${server.url}/api/${operation}`, { data })
    expect((await call('setupOwner', { username: 'owner', password: 'front-desk-2468', setupCode: server.setupCode })).ok()).toBe(true)
    expect((await call('login', { username: 'owner', password: 'front-desk-2468' })).ok()).toBe(true)
    expect((await call('registerKiosk', { kioskId: 'front-desk' })).ok()).toBe(true)
    const page = await context.newPage()
    await page.goto(`${server.url}/#/admin`)
    await page.getByTestId('edit-kiosk').first().click()
    // The threshold only matters, and only shows, when the texture check is on.
    await expect(page.getByTestId('kiosk-liveness-threshold')).toHaveCount(0)
    await page.getByTestId('kiosk-liveness-mode').selectOption('both')
    await page.getByTestId('kiosk-liveness-threshold').fill('0.4')
    await page.getByTestId('save-kiosk-settings').click()
    await expect(page.getByTestId('kiosk-settings-dialog')).toHaveCount(0)
    const kiosks = (await (await call('listKiosks', {})).json()) as { value: { liveness: unknown }[] }
    expect(kiosks.value[0]?.liveness).toMatchObject({ mode: 'both', attackThreshold: 0.4 })
  } finally {
    await browser.close()
    await server.stop()
  }
})
