import { z } from 'zod'
import { ClockfaceError, ok, toFailure, type Result } from './errors'
import { contract, type OperationHandlers, type OperationName, type OperationResponse } from './contract'

/** True when `name` is an operation of the contract (guards transports against arbitrary strings). */
export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(contract, name)
}

/**
 * Validates an untrusted request against the operation's schema and runs its handler.
 * Used by every transport, so validation and error mapping live in one place.
 * Never throws: failures come back as `{ ok: false, error }` — `invalid-input` for an unknown
 * operation or a request the schema refuses (details: the zod issues), the handler's
 * ClockfaceError code, or `internal` for anything else thrown.
 */
export async function dispatch<K extends OperationName>(
  handlers: OperationHandlers,
  name: K,
  request: unknown
): Promise<Result<OperationResponse<K>>> {
  try {
    if (!isOperationName(name)) throw new ClockfaceError('invalid-input', `unknown operation ${String(name)}`)
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
