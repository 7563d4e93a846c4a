import { z } from 'zod'
import { ClockfaceError, ok, toFailure, type Result } from './errors'
import { contract, type OperationHandlers, type OperationName, type OperationResponse } from './contract'

/** True when `name` is an operation of the contract (guards transports against arbitrary strings). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

/**
 * Key under which a handlers object may carry a {@link DispatchHook}. A symbol, so it can never
 * collide with an operation name and is never reachable from a request.
 */
export const DISPATCH_HOOK: unique symbol = Symbol('clockface.dispatchHook')

/**
 * Runs around one request to a known operation, validation included: it gets the request as the
 * caller sent it (unvalidated) and `next`, which validates and runs the handler and resolves to
 * the Result (never rejects). A hook must call `next` exactly once and return its Result; it
 * exists for side effects on the outcome, such as the audit log (services/audit.ts). It should
 * not reject; if it does, dispatch answers `internal`.
 */
export type DispatchHook = (
  name: OperationName,
  request: unknown,
  next: () => Promise<Result<unknown>>
) => Promise<Result<unknown>>

/** Handlers as {@link dispatch} takes them: the services, optionally carrying a {@link DispatchHook}. */
export type HookedHandlers = OperationHandlers & { readonly [DISPATCH_HOOK]?: DispatchHook }

async function validateAndRun<K extends OperationName>(
  handlers: OperationHandlers,
  name: K,
  request: unknown
): Promise<Result<OperationResponse<K>>> {
  try {
    const parsed = contract[name].input.safeParse(request ?? {})
    if (!parsed.success) {
      throw new ClockfaceError('invalid-input', z.prettifyError(parsed.error), parsed.error.issues)
    }
    const handler = handlers[name] as (req: unknown) => Promise<OperationResponse<K>>
    return ok(await handler(parsed.data))
  } catch (error) {
    return toFailure(error)
  }
}

/**
 * Validates an untrusted request against the operation's schema and runs its handler.
 * Used by every transport, so validation and error mapping live in one place; when `handlers`
 * carries a {@link DispatchHook} (the core's handlers carry the audit hook), it runs around
 * validation and handler, so it also sees requests the schema refuses.
 * Never throws: failures come back as `{ ok: false, error }` — `invalid-input` for an unknown
 * operation or a request the schema refuses (details: the zod issues), the handler's
 * ClockfaceError code, or `internal` for anything else thrown.
 */
export async function dispatch<K extends OperationName>(
  handlers: HookedHandlers,
  name: K,
  request: unknown
): Promise<Result<OperationResponse<K>>> {
  if (!isOperationName(name)) {
    return toFailure(new ClockfaceError('invalid-input', `unknown operation ${String(name)}`))
  }
  const hook = handlers[DISPATCH_HOOK]
  if (!hook) return validateAndRun(handlers, name, request)
  try {
    return (await hook(name, request, () => validateAndRun(handlers, name, request))) as Result<OperationResponse<K>>
  } catch (error) {
    return toFailure(error)
  }
}
