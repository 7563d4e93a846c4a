import { app, session, type WebContents } from 'electron'
import { SECURITY_HEADERS } from '../transport/security-headers'
import { isAppUrl as isAppUrlIn } from './app-origin'
import { guardNavigation } from './navigation-guard'
import { allowPermissionCheck, allowPermissionRequest } from './permission-policy'

/**
 * True for a URL of the app's own pages: `clockface://app/...`, or electron-vite's dev server
 * while the app is not packaged. Never file://. IPC (setup-ipc.ts), navigation and
 * permissions all ask this one function.
 */
export function isAppUrl(url: string): boolean {
  return isAppUrlIn(url, { packaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'] })
}

/**
 * Locks the default session down: the camera (video only, for the app's origin) is the one
 * permission ever granted and no device (HID, USB, serial) is ever handed over; responses
 * from the network (the dev server) carry the same CSP and security headers as browser mode
 * ({@link SECURITY_HEADERS}; the app protocol sets them itself); and every web contents is
 * kept on the app's pages, with no new windows and no webviews (navigation-guard.ts).
 */
export function setupSecurity(): void {
  const ses = session.defaultSession
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(
      allowPermissionRequest(
        {
          permission,
          requestingUrl: details.requestingUrl,
          securityOrigin: 'securityOrigin' in details ? details.securityOrigin : undefined,
          mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined
        },
        isAppUrl
      )
    )
  })
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(
      { permission, requestingOrigin, securityOrigin: details.securityOrigin, requestingUrl: details.requestingUrl, mediaType: details.mediaType },
      isAppUrl
    )
  )
  ses.setDevicePermissionHandler(() => false)
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        ...Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name, [value]]))
      }
    })
  })
  app.on('web-contents-created', (_event, contents: WebContents) => guardNavigation(contents, isAppUrl))
}
