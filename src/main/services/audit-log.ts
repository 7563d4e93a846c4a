import type { ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { AuditEntry } from '../../shared/models'
import type { AuditDoc, ClockfaceStore, NewDoc } from '../store/store-types'
import { storeOp } from '../store/store-op'
import type { ServiceConfig } from './service-config'

/** An audit entry as the audit hook hands it over: everything but the id and the time. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'>

/** The audit log in `audit.db`: append-only writes and time-range reads. */
export interface AuditLog {
  /**
   * Appends one entry stamped with `config.now()` in UTC. Entries are written one at a time,
   * and an entry whose clock reading is not after the previous entry's time gets that time
   * plus 1 ms, so newest-first order is always the order of writes (two requests can finish
   * in the same millisecond). Raises `store-error`.
   */
  record(entry: NewAuditEntry): Promise<AuditEntry>
  /**
   * Entries between `from` and `to` (inclusive; each open-ended when omitted), newest first,
   * at most `limit`. Raises `invalid-input` when `from` is after `to`, `store-error`.
   */
  list(request: ValidatedRequest<'listAuditLog'>): Promise<AuditEntry[]>
}

function toAuditEntry(doc: AuditDoc): AuditEntry {
  return {
    id: doc._id,
    time: doc.time,
    action: doc.action,
    channel: doc.channel,
    ...(doc.employeeCode === undefined ? {} : { employeeCode: doc.employeeCode }),
    ...(doc.templateId === undefined ? {} : { templateId: doc.templateId }),
    outcome: doc.outcome,
    summary: doc.summary
  }
}

/**
 * Creates the audit log over the store's `audit` datastore. Keeps the time of the last entry
 * and a queue of writes, so create one per store (startClockface does).
 */
export function createAuditLog(store: Pick<ClockfaceStore, 'audit'>, config: Pick<ServiceConfig, 'now'>): AuditLog {
  let queue: Promise<unknown> = Promise.resolve()
  /** Time of the newest entry in ms since the epoch; read from the file on the first write. */
  let lastMs: number | undefined

  async function recordNow(entry: NewAuditEntry): Promise<AuditEntry> {
    if (lastMs === undefined) {
      const newest = await storeOp('read the audit log', () => store.audit.findOne({}).sort({ time: -1 }))
      lastMs = newest ? Date.parse(newest.time) : Number.NEGATIVE_INFINITY
    }
    const ms = Math.max(config.now().getTime(), lastMs + 1)
    const doc: NewDoc<AuditDoc> = {
      time: new Date(ms).toISOString(),
      action: entry.action,
      channel: entry.channel,
      ...(entry.employeeCode === undefined ? {} : { employeeCode: entry.employeeCode }),
      ...(entry.templateId === undefined ? {} : { templateId: entry.templateId }),
      outcome: entry.outcome,
      summary: entry.summary
    }
    const saved = await storeOp('write the audit log', () => store.audit.insert(doc))
    lastMs = ms
    return toAuditEntry(saved)
  }

  return {
    record(entry) {
      const result = queue.then(() => recordNow(entry))
      queue = result.catch(() => undefined)
      return result
    },
    async list({ from, to, limit }) {
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
        throw new ClockfaceError('invalid-input', `"from" (${from}) is after "to" (${to}).`)
      }
      const time: Record<string, string> = {}
      // Stored times are UTC ISO strings, so the bounds are normalised the same way to compare as strings.
      if (from !== undefined) time['$gte'] = new Date(from).toISOString()
      if (to !== undefined) time['$lte'] = new Date(to).toISOString()
      const query = Object.keys(time).length > 0 ? { time } : {}
      const docs = await storeOp('read the audit log', () => store.audit.find(query).sort({ time: -1 }).limit(limit))
      return docs.map(toAuditEntry)
    }
  }
}
