import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import type { CallContext } from '../dispatch/call-context'
import type { Dispatch } from '../dispatch/dispatch'
import { registerIpcHandlers } from '../transport/ipc-handlers'
import { isAppUrl } from './setup-security'

/**
 * Registers every contract operation on ipcMain. Requests from any frame that is not the
 * app's own page are refused before they reach validation.
 */
export function setupIpc(dispatch: Dispatch, contextFor: (event: unknown, operation: string) => Promise<CallContext>): void {
  registerIpcHandlers(
    {
      handle(channel: string, listener: (event: IpcMainInvokeEvent, request: unknown) => unknown) {
        ipcMain.handle(channel, (event, request: unknown) => {
          const url = event.senderFrame?.url ?? ''
          if (!isAppUrl(url)) {
            return { ok: false, error: { code: 'invalid-input', message: `request from untrusted frame ${url}` } }
          }
          return listener(event, request)
        })
      }
    },
    dispatch,
    contextFor
  )
}
