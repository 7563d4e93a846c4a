import type { AuditDoc, ClockfaceStore, NewDoc } from '../store-types'
import { storeOp } from '../store-op'

/**
 * Named queries on `audit.db`. Append and read only: there is no update, and removal is by age
 * or count (retention), never of chosen entries. Writes are not refused in read-only mode:
 * the audit log is what tells an admin what happened while the data was damaged.
 * Every method raises `store-error`.
 */
export interface AuditRepository {
  newest(): Promise<AuditDoc | null>
  /** Entries in the range (either end open when undefined), optionally naming one employee code, newest first, at most `limit`. */
  between(from: string | undefined, to: string | undefined, limit: number, employeeCode?: string): Promise<AuditDoc[]>
  insert(doc: NewDoc<AuditDoc>): Promise<AuditDoc>
  count(): Promise<number>
  /** Removes entries older than `time` (UTC ISO); resolves to the number removed. */
  removeOlderThan(time: string): Promise<number>
  /** Time of the `n`-th newest entry (1-based), or null when there are fewer. */
  timeOfNth(n: number): Promise<string | null>
}

/** Creates the audit repository over the store. */
export function createAuditRepository(store: Pick<ClockfaceStore, 'audit'>): AuditRepository {
  const db = store.audit
  return {
    newest: () => storeOp('read the audit log', () => db.findOne({}).sort({ time: -1 })),
    between(from, to, limit, employeeCode) {
      const time: Record<string, string> = {}
      if (from !== undefined) time['$gte'] = from
      if (to !== undefined) time['$lte'] = to
      const query: Record<string, unknown> = Object.keys(time).length > 0 ? { time } : {}
      if (employeeCode !== undefined) query['employeeCode'] = employeeCode
      return storeOp('read the audit log', () => db.find(query).sort({ time: -1 }).limit(limit))
    },
    insert: (doc) => storeOp('write the audit log', () => db.insert(doc)),
    count: () => storeOp('read the audit log', () => db.count({})),
    removeOlderThan: (time) => storeOp('trim the audit log', () => db.remove({ time: { $lt: time } }, { multi: true })),
    async timeOfNth(n) {
      const docs = await storeOp('read the audit log', () => db.find({}, { time: 1 }).sort({ time: -1 }).skip(n - 1).limit(1))
      return docs[0]?.time ?? null
    }
  }
}
