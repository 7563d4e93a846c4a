import { ipcChannel, operationNames, type OperationName } from '../../shared/contract'
import type { CallContext } from '../dispatch/call-context'
import type { Dispatch } from '../dispatch/dispatch'

/** The part of Electron's `ipcMain` this module needs (so it never imports Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, request: unknown) => unknown): void
}

/**
 * Registers one `ipcMain.handle` listener per contract operation on channel
 * `ipcChannel(name)`. Each listener builds the call's context with `contextFor` (the shell
 * knows which window asked, its admin session and that it is the kiosk) and runs the call
 * through the core's dispatch, so it resolves to a Result and never rejects across the
 * process boundary.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, dispatch: Dispatch, contextFor: (event: unknown, name: OperationName) => CallContext | Promise<CallContext>): void {
  for (const name of operationNames) {
    ipcMain.handle(ipcChannel(name), async (event, request) => dispatch(name, request, await contextFor(event, name)))
  }
}
