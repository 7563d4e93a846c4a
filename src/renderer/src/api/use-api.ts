/**
 * The one place the renderer picks its transport: the Electron preload's `window.clockface`
 * (IPC) when present, otherwise the HTTP client of browser mode. Components and stores call
 * operations only through the object this returns.
 *
 * Every operation goes through one wrapper that watches for `unauthorized` answers from
 * operations that need a session: the server ended the admin session (idle, password changed
 * elsewhere, account deleted) or revoked this kiosk. Listeners registered with
 * {@link onAccessLost} (the session store) then re-read the session and move the screen on.
 */
import { contract, operationNames, type ClockfaceApi, type OperationName } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { createHttpClient } from './http-client'

/** Called with the operation that answered `unauthorized` although it needs a session. */
export type AccessLostListener = (operation: OperationName) => void

let api: ClockfaceApi | null = null
const listeners = new Set<AccessLostListener>()

/**
 * Operations whose `unauthorized` answer is about the credentials typed, not about the session:
 * a wrong password at sign-in or in the change-password form, or a wrong PIN at the kiosk,
 * must not end the screen.
 */
const credentialChecks: ReadonlySet<OperationName> = new Set<OperationName>(['login', 'changePassword', 'punchWithPin'])

function notifyAccessLost(name: OperationName): void {
  for (const listener of listeners) listener(name)
}

function watchAccess(base: ClockfaceApi): ClockfaceApi {
  const wrapped = Object.fromEntries(
    operationNames.map((name) => {
      const call = base[name] as (request: unknown) => Promise<Result<unknown>>
      const needsSession = contract[name].access !== 'public' && !credentialChecks.has(name)
      return [
        name,
        async (request: unknown) => {
          const result = await call(request)
          if (needsSession && !result.ok && result.error.code === 'unauthorized') notifyAccessLost(name)
          return result
        }
      ]
    })
  )
  return wrapped as ClockfaceApi
}

/** The Clockface API of this page (created once, then shared). */
export function useApi(): ClockfaceApi {
  api ??= watchAccess(window.clockface ?? createHttpClient())
  return api
}

/** Registers a listener for `unauthorized` answers to session-bound operations; returns its remover. */
export function onAccessLost(listener: AccessLostListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * True in the Electron desktop app (the preload is present): the window is the kiosk itself,
 * no set-up code is asked, and "Leave kiosk mode" exists. False in browser mode.
 */
export function isDesktopApp(): boolean {
  return window.clockface !== undefined
}
