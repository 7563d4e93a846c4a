import { ClockfaceError } from '../../../shared/errors'

/** SQLSTATE of a unique-constraint violation (PostgreSQL's `unique_violation`). */
const UNIQUE_VIOLATION = '23505'

/**
 * Runs one database operation the way storeOp (store-op.ts) runs a NeDB one: a unique
 * violation is re-raised as an error with NeDB's `errorType: 'uniqueViolated'`, so the
 * services' isUniqueViolation check (a taken employee code, user name) works on both stores;
 * ClockfaceErrors pass through; anything else becomes ClockfaceError `store-error` saying
 * what was being done (`what`, e.g. "save the employee") and why.
 */
export async function pgOp<T>(what: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op()
  } catch (error) {
    if (error instanceof ClockfaceError) throw error
    const code = (error as { code?: unknown }).code
    const reason = error instanceof Error ? error.message : String(error)
    if (code === UNIQUE_VIOLATION) throw Object.assign(new Error(reason), { errorType: 'uniqueViolated' })
    throw new ClockfaceError('store-error', `Could not ${what}: ${reason}`)
  }
}
