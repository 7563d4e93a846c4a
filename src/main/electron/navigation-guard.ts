import type { WebContents } from 'electron'

/**
 * Keeps a web contents on the app's own pages: navigations (`will-navigate`), redirects
 * (`will-redirect`) and navigations of any frame (`will-frame-navigate`, which also covers
 * subframes) to a URL `isAppUrl` refuses are cancelled; new windows (`window.open`, target
 * _blank links) are denied; <webview> tags are never attached. Navigations the main process
 * starts itself (`loadURL`) do not pass through these events.
 */
export function guardNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
}
