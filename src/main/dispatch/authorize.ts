import { contract, type Access } from '../../shared/contract'
import type { ApiScope } from '../../shared/models'
import { ClockfaceError, toFailure } from '../../shared/errors'
import type { CallContext } from './call-context'
import type { Middleware } from './dispatch'

/**
 * Why `ctx` may not call an operation of `access`, or null when it may: `unauthorized` when
 * the caller has no session that could ever reach it (sign in, or register as a kiosk),
 * `forbidden` when an admin's role is too low.
 */
export function accessDenied(access: Access, ctx: CallContext, scope?: ApiScope): ClockfaceError | null {
  if (ctx.apiKey && !ctx.admin && !ctx.kiosk) return apiKeyDenied(access, ctx.apiKey.scopes, scope)
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
 * Why an API key with `scopes` may not call an operation of `access` and `scope`: public
 * operations are open; an operation without a scope is never reachable with a key
 * (`forbidden`); otherwise the key needs that scope or `admin`.
 */
function apiKeyDenied(access: Access, scopes: readonly ApiScope[], scope: ApiScope | undefined): ClockfaceError | null {
  if (access === 'public') return null
  if (scope === undefined) return new ClockfaceError('forbidden', 'This operation is not available with an API key.')
  if (scopes.includes(scope) || scopes.includes('admin')) return null
  return new ClockfaceError('forbidden', `This API key lacks the "${scope}" scope.`, { scope })
}

/**
 * Authorisation middleware: refuses, before validation, every call whose context does not
 * reach the operation's `access` in the contract (an API key: its `scope`). Handlers that
 * need more (an owner-only option of an admin operation) check `ctx` themselves.
 */
export const authorize: Middleware = async (call, next) => {
  const spec = contract[call.name] as { access: Access; scope?: ApiScope }
  const denied = accessDenied(spec.access, call.ctx, spec.scope)
  return denied ? toFailure(denied) : next()
}
