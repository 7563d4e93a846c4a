import { app, session, type WebContents } from 'electron'
import { SECURITY_HEADERS } from '../transport/security-headers'

/** True for a URL the app itself serves: its packaged files, or the electron-vite dev server. */
export function isAppUrl(url: string): boolean {
  if (url.startsWith('file://')) return true
  const dev = process.env['ELECTRON_RENDERER_URL']
  return !app.isPackaged && dev !== undefined && url.startsWith(dev)
}

/**
 * Locks the default session down: the camera (video only) is the one permission ever
 * granted, every response carries the same CSP and security headers as browser mode
 * ({@link SECURITY_HEADERS}), and windows cannot navigate away, open others or attach webviews.
 */
export function setupSecurity(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : []
    callback(permission === 'media' && mediaTypes.length > 0 && mediaTypes.every((t) => t === 'video'))
  })
  ses.setPermissionCheckHandler((_contents, permission, _origin, details) => {
    return permission === 'media' && (details.mediaType === 'video' || details.mediaType === undefined)
  })
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        ...Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name, [value]]))
      }
    })
  })
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault()
    })
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}
