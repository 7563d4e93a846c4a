/**
 * Preload: exposes `window.clockface`, one named method per contract operation, each a single
 * `ipcRenderer.invoke` on that operation's channel. No Node or Electron object crosses over.
 */
import { contextBridge, ipcRenderer } from 'electron'
import { ipcChannel, operationNames, type ClockfaceApi } from '../shared/contract'

const api = Object.fromEntries(
  operationNames.map((name) => [name, (request: unknown) => ipcRenderer.invoke(ipcChannel(name), request ?? {})])
) as unknown as ClockfaceApi

contextBridge.exposeInMainWorld('clockface', Object.freeze(api))
