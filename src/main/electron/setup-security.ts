import { app, session, type WebContents } from 'electron'

/** Content-Security-Policy of the renderer: only our own files, camera streams and data: thumbnails. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** True for a URL the app itself serves: its packaged files, or the electron-vite dev server. */
export function isAppUrl(url: string): boolean {
  if (url.startsWith('file://')) return true
  const dev = process.env['ELECTRON_RENDERER_URL']
  return !app.isPackaged && dev !== undefined && url.startsWith(dev)
}

/**
 * Locks the default session down: the camera (video only) is the one permission ever
 * granted, every response carries the CSP, and windows cannot navigate away or open others.
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
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff']
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
