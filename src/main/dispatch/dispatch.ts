/**
 * Explicit dispatch: `dispatch(name, request, ctx)` runs one contract operation for one caller.
 * Middleware (audit log, authorisation) runs around validation and the handler in a visible
 * order, each getting the call and its context; only main imports this module.
 */
import { z } from 'zod'
import { ClockfaceError, ok, toFailure, type Result } from '../../shared/errors'
import { contract, type OperationHandlers as ContractHandlers, type OperationName, type OperationResponse } from '../../shared/contract'
import type { CallContext } from './call-context'

/** The services' handlers: each gets the validated request and the call context. */
export type OperationHandlers = ContractHandlers<CallContext>

/** True when `name` is an operation of the contract (guards transports against arbitrary strings). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

/** One call as middleware sees it: the request as the caller sent it (not yet validated). */
export interface Call {
  name: OperationName
  request: unknown
  ctx: CallContext
}

/**
 * Runs around one call: gets the call and `next` (the rest of the chain: later middleware,
 * then validation and the handler), which resolves to the Result and never rejects. It may
 * answer without calling `next` (authorisation refusing) or act on the outcome (audit log).
 * If it rejects, dispatch answers `internal`.
 */
export type Middleware = (call: Call, next: () => Promise<Result<unknown>>) => Promise<Result<unknown>>

/** Runs a call through middleware, validation and its handler; never throws. */
export type Dispatch = <K extends OperationName>(name: K, request: unknown, ctx: CallContext) => Promise<Result<OperationResponse<K>>>

async function validateAndRun(handlers: OperationHandlers, { name, request, ctx }: Call): Promise<Result<unknown>> {
  try {
    const parsed = contract[name].input.safeParse(request ?? {})
    if (!parsed.success) {
      throw new ClockfaceError('invalid-input', z.prettifyError(parsed.error), parsed.error.issues)
    }
    const handler = handlers[name] as (req: unknown, ctx: CallContext) => Promise<unknown>
    const value = await handler(parsed.data, ctx)
    // The response schema is the contract's promise to callers; parsing also drops any field
    // it does not name, so an internal field (a descriptor, a hash) can never leak out.
    const checked = contract[name].output.safeParse(value)
    if (!checked.success) {
      throw new ClockfaceError('internal', `The response of ${name} does not match its schema: ${z.prettifyError(checked.error)}`)
    }
    return ok(checked.data)
  } catch (error) {
    return toFailure(error)
  }
}

/**
 * Creates the dispatch function over the services' handlers with `middleware` applied in
 * order (the first is outermost). Every transport (IPC, HTTP, CLI) calls the result, so
 * validation, error mapping, audit and authorisation live in one place.
 * The dispatch function never throws: failures come back as `{ ok: false, error }` —
 * `invalid-input` for an unknown operation or a request the schema refuses (details: the zod
 * issues), the middleware's or handler's ClockfaceError code, or `internal` for anything else.
 */
export function createDispatch(handlers: OperationHandlers, middleware: readonly Middleware[] = []): Dispatch {
  const run = (call: Call, index: number): Promise<Result<unknown>> => {
    const layer = middleware[index]
    if (!layer) return validateAndRun(handlers, call)
    return layer(call, () => run(call, index + 1)).catch((error: unknown) => toFailure(error))
  }
  return async (name, request, ctx) => {
    if (!isOperationName(name)) {
      return toFailure(new ClockfaceError('invalid-input', `unknown operation ${String(name)}`))
    }
    return (await run({ name, request, ctx }, 0)) as Result<OperationResponse<typeof name>>
  }
}
