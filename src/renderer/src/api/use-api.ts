/**
 * The one place the renderer picks its transport: the Electron preload's `window.clockface`
 * (IPC) when present, otherwise the HTTP client of browser mode. Components and stores call
 * operations only through the object this returns.
 */
import type { ClockfaceApi } from '../../../shared/contract'
import { createHttpClient } from './http-client'

let api: ClockfaceApi | null = null

/** The Clockface API of this page (created once, then shared). */
export function useApi(): ClockfaceApi {
  api ??= window.clockface ?? createHttpClient()
  return api
}
