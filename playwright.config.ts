import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests of browser mode: the built renderer served by `out/main/server.js`, driven
 * in Debian's Chromium with a fake webcam made from a real video (see test/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  timeout: 240_000,
  expect: { timeout: 60_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 800 }
  }
})
