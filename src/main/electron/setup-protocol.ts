import { protocol } from 'electron'
import { APP_SCHEME } from './app-origin'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol'

/**
 * Registers `clockface://` as a standard, secure scheme. Electron only accepts this before
 * the app is ready, so the entry calls it at load time.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([...APP_SCHEME_PRIVILEGES])
}

/**
 * Serves out/renderer on `clockface://app/` for the default session (the window's).
 * Call after the app is ready.
 * @param rendererDir absolute path of out/renderer
 */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
}
