import { contract, type Access } from '../../shared/contract'
import { ClockfaceError, toFailure } from '../../shared/errors'
import type { CallContext } from './call-context'
import type { Middleware } from './dispatch'

/**
 * Why `ctx` may not call an operation of `access`, or null when it may: `unauthorized` when
 * the caller has no session that could ever reach it (sign in, or register as a kiosk),
 * `forbidden` when an admin's role is too low.
 */
export function accessDenied(access: Access, ctx: CallContext): ClockfaceError | null {
  switch (access) {
    case 'public':
      return null
    case 'kiosk':
      return ctx.kiosk || ctx.admin ? null : new ClockfaceError('unauthorized', 'This screen is not registered as a kiosk; an admin must register it first.')
    case 'admin':
      return ctx.admin ? null : new ClockfaceError('unauthorized', 'Sign in as an admin first (or the session ended after being idle).')
    case 'owner':
      if (!ctx.admin) return new ClockfaceError('unauthorized', 'Sign in as an owner first (or the session ended after being idle).')
      return ctx.admin.role === 'owner' ? null : new ClockfaceError('forbidden', 'Only an owner may do this.')
  }
}

/**
 * Authorisation middleware: refuses, before validation, every call whose context does not
 * reach the operation's `access` in the contract. Handlers that need more (an owner-only
 * option of an admin operation) check `ctx` themselves.
 */
export const authorize: Middleware = async (call, next) => {
  const denied = accessDenied(contract[call.name].access, call.ctx)
  return denied ? toFailure(denied) : next()
}
