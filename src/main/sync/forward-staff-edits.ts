/**
 * Staff management at a syncing kiosk, carried out by the server. Staff and faces belong to
 * the server (server-owned-data.ts), so this middleware, placed after authorisation:
 * - on `login`, once the local sign-in succeeded, signs the same name and password in to the
 *   server (its own `login`, with its lock-out) and keeps that server session beside the
 *   local one; `logout` ends both;
 * - sends the staff operations (add, edit, delete an employee, enrol or remove a face) to the
 *   server with that session, so the server authorises them as that admin (the kiosk key alone
 *   never allows them), validates them, runs the photo through its own engine and audits them
 *   with the admin's name and the kiosk's; then pulls at once, so this kiosk's cache and
 *   gallery have the change when the admin sees the answer.
 * Nothing of these operations is stored at the kiosk itself: when the server cannot be
 * reached they fail, saying so, and the admin does them again when it is back.
 */
import { contract, type OperationName } from '../../shared/contract'
import { ClockfaceError, ok, toFailure, type Result } from '../../shared/errors'
import type { Call, Middleware } from '../dispatch/dispatch'
import { callServer, ServerUnreachable, type ServerCallTarget } from './server-call'
import { createServerSessions, type ServerSessions } from './server-sessions'

/** The operations the server carries out for a syncing kiosk: every write of employees and face templates. */
export const FORWARDED_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>(['createEmployee', 'updateEmployee', 'deleteEmployee', 'enrolFace', 'deleteTemplate'])

/** How long signing in and out may wait for the server, in ms: a local sign-in must not hang on a dead network. */
const SESSION_CALL_TIMEOUT_MS = 5_000

/** What the middleware needs. */
export interface StaffForwardingOptions {
  /** The server and this kiosk's key. */
  target: ServerCallTarget
  /** One sync round now (push and pull), so the change is in the cache and gallery at once. */
  syncNow(): Promise<unknown>
  warn(message: string, details?: Record<string, unknown>): void
  /** The server-session table (default: a new one). */
  sessions?: ServerSessions
}

/** Creates the middleware (see the module comment). */
export function createStaffForwarding(options: StaffForwardingOptions): Middleware {
  const { target, warn } = options
  const sessions = options.sessions ?? createServerSessions()
  const server = target.serverUrl.replace(/\/+$/, '')

  async function signIn(call: Call, next: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
    const binding = call.ctx.session
    if (!binding) return next()
    // The local sign-in binds its new token through the session binding; catch it on the way.
    let localToken: string | undefined
    call.ctx.session = {
      adminToken: () => binding.adminToken(),
      setAdminToken(token) {
        if (token !== null) localToken = token
        binding.setAdminToken(token)
      },
      setKioskToken: (token) => binding.setKioskToken(token)
    }
    const result = await next()
    call.ctx.session = binding
    const credentials = contract.login.input.safeParse(call.request)
    if (!result.ok || localToken === undefined || !credentials.success) return result
    try {
      const answer = await callServer({ ...target, timeoutMs: SESSION_CALL_TIMEOUT_MS }, 'login', credentials.data)
      if (answer.result.ok && answer.adminToken) sessions.set(localToken, answer.adminToken)
      else warn('signed in at this kiosk, but the server refused the same sign-in: staff changes will be refused', { username: credentials.data.username, reason: answer.result.ok ? 'no session cookie' : answer.result.error.code })
    } catch (error) {
      // The local sign-in stands (kiosk settings, attendance); staff changes will say why they are refused.
      warn('signed in at this kiosk, but the server could not be reached: staff changes will be refused', { username: credentials.data.username, reason: (error as Error).message })
    }
    return result
  }

  async function signOut(call: Call, next: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
    const serverToken = sessions.take(call.ctx.session?.adminToken())
    const result = await next()
    if (serverToken !== undefined) {
      await callServer({ ...target, timeoutMs: SESSION_CALL_TIMEOUT_MS }, 'logout', {}, serverToken).catch((error: unknown) =>
        // The server session ends by itself after its idle minutes.
        warn('the server session could not be ended', { reason: (error as Error).message })
      )
    }
    return result
  }

  async function forward(call: Call): Promise<Result<unknown>> {
    const localToken = call.ctx.session?.adminToken()
    const serverToken = sessions.get(localToken)
    if (serverToken === undefined) {
      return toFailure(
        new ClockfaceError(
          'forbidden',
          `Staff and faces are kept on the server ${server}, and your sign-in here has no session there (no account with this name and password on the server, or it could not be reached when you signed in): sign out and sign in again with your account of the server.`
        )
      )
    }
    let answer
    try {
      answer = await callServer(target, call.name, call.request, serverToken)
    } catch (error) {
      if (!(error instanceof ServerUnreachable)) throw error
      const what = call.name === 'createEmployee' || call.name === 'enrolFace' ? 'enrol' : 'make this change'
      // store-error: for this kiosk the server is where staff and faces are stored, and the screens show the message with that code.
      return toFailure(new ClockfaceError('store-error', `The server cannot be reached: ${what} when it is back. Nothing was stored at this kiosk.`, { server, reason: error.message }))
    }
    const { result } = answer
    if (!result.ok) {
      if (result.error.code !== 'unauthorized') return result
      sessions.take(localToken)
      return toFailure(new ClockfaceError('forbidden', `Your session on the server ${server} has ended: sign out and sign in again.`))
    }
    await options.syncNow().catch((error: unknown) =>
      // The change is on the server; the next round brings it here.
      warn('the pull after a staff change failed; the next sync brings it', { operation: call.name, reason: (error as Error).message })
    )
    // The local contract's response schema, as dispatch applies it to every answer.
    const checked = contract[call.name].output.safeParse(result.value)
    return checked.success ? ok(checked.data) : toFailure(new ClockfaceError('internal', `The server's answer to ${call.name} does not match this kiosk's version of it.`))
  }

  return async (call, next) => {
    if (call.name === 'login') return signIn(call, next)
    if (call.name === 'logout') return signOut(call, next)
    if (FORWARDED_OPERATIONS.has(call.name)) return forward(call)
    return next()
  }
}
