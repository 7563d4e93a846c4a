/** Globals the renderer relies on. */
import type { ClockfaceApi } from '../../shared/contract'

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in a plain browser. */
    clockface?: ClockfaceApi
  }
}

export {}
