import { ipcChannel, operationNames, type OperationHandlers } from '../../shared/contract'
import { dispatch } from '../../shared/dispatch'

/** The part of Electron's `ipcMain` this module needs (so it never imports Electron). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, request: unknown) => unknown): void
}

/**
 * Registers one `ipcMain.handle` listener per contract operation on channel
 * `ipcChannel(name)`. Each listener validates the request and runs the handler through
 * shared/dispatch.ts, so it resolves to a Result and never rejects across the process boundary.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: OperationHandlers): void {
  for (const name of operationNames) {
    ipcMain.handle(ipcChannel(name), (_event, request) => dispatch(handlers, name, request))
  }
}
