/**
 * The one origin the desktop app trusts. The packaged renderer is served from a custom
 * privileged scheme (see app-protocol.ts) rather than file://, so the page has a real origin
 * that IPC, navigation and permission checks can compare against; file:// pages share one
 * opaque origin with every other local file and get extra privileges, so they are never trusted.
 */

/** Scheme of the app's own pages (`clockface://`). */
export const APP_SCHEME = 'clockface'

/** Host part of the app's URLs: the scheme is registered as standard, so URLs need one. */
export const APP_HOST = 'app'

/** Origin of the app's pages, as Chromium reports it to permission handlers. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Page the window loads; the renderer routes with the URL hash, so this is the only document. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** Where a URL is checked: whether the app is packaged, and electron-vite's dev server if it runs. */
export interface AppUrlEnvironment {
  /** `app.isPackaged`: a packaged app never trusts a dev server, whatever the environment says. */
  packaged: boolean
  /** `ELECTRON_RENDERER_URL`, set by `electron-vite dev` to its dev server (for example http://localhost:5173). */
  devServerUrl?: string | undefined
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * True for a URL (or a bare origin such as `clockface://app`) of the app's own pages:
 * scheme `clockface:`, host `app`, no credentials or port; or, only when not packaged, a URL
 * with exactly the dev server's origin. Compares parsed origins, never string prefixes, so
 * `http://localhost:51730` does not pass for `http://localhost:5173`. Never true for file://.
 */
export function isAppUrl(url: string, env: AppUrlEnvironment): boolean {
  const parsed = parse(url)
  if (!parsed) return false
  if (parsed.protocol === `${APP_SCHEME}:`) {
    return parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  }
  if (env.packaged || !env.devServerUrl) return false
  const dev = parse(env.devServerUrl)
  if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return false
  return parsed.origin === dev.origin && parsed.username === '' && parsed.password === ''
}

/**
 * The URL the window should load: the dev server when electron-vite runs one and the app is
 * not packaged (hot reload), otherwise {@link APP_ENTRY_URL}.
 */
export function appStartUrl(env: AppUrlEnvironment): string {
  if (!env.packaged && env.devServerUrl && isAppUrl(env.devServerUrl, env)) return env.devServerUrl
  return APP_ENTRY_URL
}
