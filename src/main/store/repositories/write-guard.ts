import { ClockfaceError } from '../../../shared/errors'
import type { ClockfaceStore } from '../store-types'
import { storeOp } from '../store-op'

/**
 * Runs one write through {@link storeOp} after checking the store accepts writes; raises
 * ClockfaceError `read-only` (with the store's reason) when a damaged file put it in
 * read-only mode, so nothing is written over data an admin has not yet looked at.
 */
export async function storeWrite<T>(store: Pick<ClockfaceStore, 'readOnlyReason'>, what: string, op: () => Promise<T>): Promise<T> {
  const reason = store.readOnlyReason()
  if (reason !== null) throw new ClockfaceError('read-only', `Could not ${what}: ${reason}`)
  return storeOp(what, op)
}
