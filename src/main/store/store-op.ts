import { ClockfaceError } from '../../shared/errors'

/** True when NeDB rejected a write because a unique index already holds the key. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorType?: unknown }).errorType === 'uniqueViolated'
}

/**
 * Runs one datastore operation and turns a failure of the disk or of NeDB into a
 * ClockfaceError `store-error` whose message says what was being done (`what`, e.g.
 * "save the employee"). ClockfaceErrors and unique-index violations pass through unchanged,
 * so callers can map the latter to `duplicate-code`.
 */
export async function storeOp<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (error) {
    if (error instanceof ClockfaceError || isUniqueViolation(error)) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new ClockfaceError('store-error', `Could not ${what}: ${reason}`)
  }
}
