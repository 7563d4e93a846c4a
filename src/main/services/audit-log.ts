import type { ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { AuditEntry } from '../../shared/models'
import type { AuditRepository } from '../store/repositories/audit-repository'
import type { AuditDoc, NewDoc } from '../store/store-types'
import type { ServiceConfig } from './service-config'

/** An audit entry as the audit hook hands it over: everything but the id and the time. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'time'>

/**
 * Most refused requests written one by one per minute. Refusals are what an attacker can
 * produce at will (wrong passwords, calls without a session); past this rate they are only
 * counted, and one entry says how many were left out, so the log stays readable and its file
 * bounded. Chosen: far above what people at a keyboard produce, far below a script's rate.
 */
export const MAX_REFUSALS_PER_MINUTE = 30

/** Default retention of audit entries: about two years, then they are removed (oldest first). */
export const DEFAULT_AUDIT_RETENTION_DAYS = 730
/** Most entries kept; beyond it the oldest are removed, so the file stays bounded whatever the rate. */
export const MAX_AUDIT_ENTRIES = 200_000

/** The audit log in `audit.db`: append-only writes, time-range reads, retention. No entry can be edited. */
export interface AuditLog {
  /**
   * Appends one entry stamped with `config.now()` in UTC. Entries are written one at a time,
   * and an entry whose clock reading is not after the previous entry's time gets that time
   * plus 1 ms, so newest-first order is always the order of writes (two requests can finish
   * in the same millisecond). Raises `store-error`.
   */
  record(entry: NewAuditEntry): Promise<AuditEntry>
  /**
   * Appends the entry of a refused request, unless {@link MAX_REFUSALS_PER_MINUTE} have been
   * written in the current minute; those left out are counted and reported in one entry
   * (`action` `audit-log`, summary "N refused requests were not logged one by one") before
   * the next refusal that is written. Resolves to the entry written, or null. Raises `store-error`.
   */
  recordRefusal(entry: NewAuditEntry): Promise<AuditEntry | null>
  /**
   * Removes entries older than `retentionDays` and, beyond {@link MAX_AUDIT_ENTRIES}, the
   * oldest; resolves to the number removed. Raises `store-error`.
   */
  enforceRetention(retentionDays?: number): Promise<number>
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
    actor: doc.actor ?? 'unknown',
    ...(doc.requestId === undefined ? {} : { requestId: doc.requestId }),
    ...(doc.remoteAddress === undefined ? {} : { remoteAddress: doc.remoteAddress }),
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
export function createAuditLog(audit: AuditRepository, config: Pick<ServiceConfig, 'now'>): AuditLog {
  let queue: Promise<unknown> = Promise.resolve()
  /** Time of the newest entry in ms since the epoch; read from the file on the first write. */
  let lastMs: number | undefined

  async function recordNow(entry: NewAuditEntry): Promise<AuditEntry> {
    if (lastMs === undefined) {
      const newest = await audit.newest()
      lastMs = newest ? Date.parse(newest.time) : Number.NEGATIVE_INFINITY
    }
    const ms = Math.max(config.now().getTime(), lastMs + 1)
    const doc: NewDoc<AuditDoc> = {
      time: new Date(ms).toISOString(),
      action: entry.action,
      channel: entry.channel,
      actor: entry.actor,
      ...(entry.requestId === undefined ? {} : { requestId: entry.requestId }),
      ...(entry.remoteAddress === undefined ? {} : { remoteAddress: entry.remoteAddress }),
      ...(entry.employeeCode === undefined ? {} : { employeeCode: entry.employeeCode }),
      ...(entry.templateId === undefined ? {} : { templateId: entry.templateId }),
      outcome: entry.outcome,
      summary: entry.summary
    }
    const saved = await audit.insert(doc)
    lastMs = ms
    return toAuditEntry(saved)
  }

  function record(entry: NewAuditEntry): Promise<AuditEntry> {
    const result = queue.then(() => recordNow(entry))
    queue = result.catch(() => undefined)
    return result
  }

  let windowStart = Number.NEGATIVE_INFINITY
  let writtenInWindow = 0
  let skipped = 0

  return {
    record,
    async recordRefusal(entry) {
      const now = config.now().getTime()
      if (now - windowStart >= 60_000) {
        windowStart = now
        writtenInWindow = 0
      }
      if (writtenInWindow >= MAX_REFUSALS_PER_MINUTE) {
        skipped++
        return null
      }
      writtenInWindow++
      if (skipped > 0) {
        const count = skipped
        skipped = 0
        await record({
          action: 'audit-log',
          channel: entry.channel,
          actor: 'clockface',
          outcome: 'ok',
          summary: `${count} refused request${count === 1 ? ' was' : 's were'} not logged one by one (more than ${MAX_REFUSALS_PER_MINUTE} a minute)`
        })
      }
      return record(entry)
    },
    async enforceRetention(retentionDays = DEFAULT_AUDIT_RETENTION_DAYS) {
      const cutoff = new Date(config.now().getTime() - retentionDays * 86_400_000).toISOString()
      let removed = await audit.removeOlderThan(cutoff)
      const oldestKept = await audit.timeOfNth(MAX_AUDIT_ENTRIES)
      if (oldestKept !== null) removed += await audit.removeOlderThan(oldestKept)
      return removed
    },
    async list({ from, to, limit }) {
      if (from !== undefined && to !== undefined && Date.parse(from) > Date.parse(to)) {
        throw new ClockfaceError('invalid-input', `"from" (${from}) is after "to" (${to}).`)
      }
      // Stored times are UTC ISO strings, so the bounds are normalised the same way to compare as strings.
      const iso = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString())
      const docs = await audit.between(iso(from), iso(to), limit)
      return docs.map(toAuditEntry)
    }
  }
}
