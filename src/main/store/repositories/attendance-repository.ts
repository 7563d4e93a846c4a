import type { PunchSource, PunchType } from '../../../shared/models'
import type { AttendanceDoc, ClockfaceStore, NewDoc } from '../store-types'
import { isUniqueViolation, storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** A time range in UTC ISO strings, both ends inclusive; stored times compare as strings. */
export interface TimeRange {
  from: string
  to: string
}

/**
 * Filters of a punch search, all optional: employee `codes` (any of them), `department` (as
 * copied on the punch), `type`, `source`, `flagged` (needs review or not), and whether voided
 * punches are included.
 */
export interface PunchFilter {
  codes?: readonly string[]
  kioskId?: string
  department?: string
  type?: PunchType
  source?: PunchSource
  flagged?: boolean
  includeVoided?: boolean
}

/** Named queries on `attendance.db`. Every method raises `store-error`; writes also `read-only`. */
export interface AttendanceRepository {
  /** The employee's newest punch that is not voided, or null. */
  lastPunch(employeeId: string): Promise<AttendanceDoc | null>
  /** The employee's newest non-voided punch at or before `time` (UTC ISO), or null. */
  lastPunchBefore(employeeId: string, time: string): Promise<AttendanceDoc | null>
  /** Punches in `range` matching `filter`, newest first, skipping `offset`, at most `limit`. */
  between(range: TimeRange, filter: PunchFilter, limit: number, offset?: number): Promise<AttendanceDoc[]>
  /** How many punches in `range` match `filter`. */
  count(range: TimeRange, filter: PunchFilter): Promise<number>
  /** One punch by id, or null. */
  byId(id: string): Promise<AttendanceDoc | null>
  /** One employee's punches that are not voided with `time` in `range` (both ends inclusive), oldest first: by the employee index, however long the log. */
  ofEmployeeBetween(employeeId: string, range: TimeRange): Promise<AttendanceDoc[]>
  /** Every punch of one employee, oldest first (access requests). */
  ofEmployee(employeeId: string): Promise<AttendanceDoc[]>
  /**
   * The newest punch of every employee whose newest non-voided punch is of `types` and older
   * than `before` (UTC ISO): shifts left open (the auto-close job).
   */
  openSince(types: readonly PunchType[], before: string): Promise<AttendanceDoc[]>
  insert(doc: NewDoc<AttendanceDoc>): Promise<AttendanceDoc>
  /**
   * Inserts under a given id (a kiosk's UUIDv7) unless a punch already has it; resolves to the
   * punch as stored, or null when the id was taken (a retried push: nothing is doubled).
   */
  insertIfAbsent(id: string, doc: NewDoc<AttendanceDoc>): Promise<AttendanceDoc | null>
  /** Replaces a punch's fields (a correction); resolves to it as stored, or null when it is gone. */
  replace(id: string, doc: NewDoc<AttendanceDoc>): Promise<AttendanceDoc | null>
  /** Unmarks the snapshots of punches older than `time` (their snapshots were removed). */
  clearPhotoMarksBefore(time: string): Promise<void>
  /** Marks that a snapshot is kept for punch `id`. */
  markPhoto(id: string): Promise<void>
  /** Removes punches older than `time` (UTC ISO); resolves to the number removed. */
  removeOlderThan(time: string): Promise<number>
  /**
   * Runs `work` with a repository whose reads and writes share one database transaction:
   * committed when `work` resolves, rolled back when it rejects. Only where the store has
   * transactions (PostgreSQL); absent on NeDB, whose callers run `work` on this repository.
   */
  inTransaction?<T>(work: (attendance: AttendanceRepository) => Promise<T>): Promise<T>
}

function queryOf(range: TimeRange, filter: PunchFilter): Record<string, unknown> {
  const query: Record<string, unknown> = { time: { $gte: range.from, $lte: range.to } }
  if (filter.codes !== undefined) query['employeeCode'] = { $in: [...filter.codes] }
  if (filter.kioskId !== undefined) query['kioskId'] = filter.kioskId
  if (filter.department !== undefined) query['department'] = filter.department
  if (filter.type !== undefined) query['type'] = filter.type
  if (filter.source !== undefined) query['source'] = filter.source
  if (filter.flagged === true) query['needsReview'] = true
  if (filter.flagged === false) query['needsReview'] = { $ne: true }
  if (filter.includeVoided === false) query['voided'] = { $ne: true }
  return query
}

/** Creates the attendance repository over the store. */
export function createAttendanceRepository(store: Pick<ClockfaceStore, 'attendance' | 'readOnlyReason'>): AttendanceRepository {
  const db = store.attendance
  return {
    lastPunch: (employeeId) => storeOp('read attendance', () => db.findOne({ employeeId, voided: { $ne: true } }).sort({ time: -1 })),
    lastPunchBefore: (employeeId, time) =>
      storeOp('read attendance', () => db.findOne({ employeeId, voided: { $ne: true }, time: { $lte: time } }).sort({ time: -1 })),
    between: (range, filter, limit, offset = 0) =>
      storeOp('read attendance', () => db.find(queryOf(range, filter)).sort({ time: -1 }).skip(offset).limit(limit)),
    count: (range, filter) => storeOp('read attendance', () => db.count(queryOf(range, filter))),
    byId: (id) => storeOp('read the punch', () => db.findOne({ _id: id })),
    ofEmployeeBetween: (employeeId, range) =>
      storeOp('read attendance', () => db.find({ employeeId, voided: { $ne: true }, time: { $gte: range.from, $lte: range.to } }).sort({ time: 1 })),
    ofEmployee: (employeeId) => storeOp('read attendance', () => db.find({ employeeId }).sort({ time: 1 })),
    openSince: (types, before) =>
      storeOp('read open shifts', async () => {
        // One pass over the punches older than the limit is enough: a shift is open when the
        // employee's newest non-voided punch overall is one of `types` and older than the limit.
        const candidates = await db.find({ type: { $in: [...types] }, time: { $lt: before }, voided: { $ne: true } })
        const open: AttendanceDoc[] = []
        const seen = new Set<string>()
        for (const doc of candidates.sort((a, b) => (a.time < b.time ? 1 : -1))) {
          if (seen.has(doc.employeeId)) continue
          seen.add(doc.employeeId)
          const newest = await db.findOne({ employeeId: doc.employeeId, voided: { $ne: true } }).sort({ time: -1 })
          if (newest && newest._id === doc._id) open.push(doc)
        }
        return open
      }),
    insert: (doc) => storeWrite(store, 'record the punch', () => db.insert(doc)),
    insertIfAbsent: (id, doc) =>
      storeWrite(store, 'record the punch', async () => {
        if ((await db.count({ _id: id })) > 0) return null
        try {
          return await db.insert({ ...doc, _id: id })
        } catch (error) {
          if (isUniqueViolation(error)) return null
          throw error
        }
      }),
    replace: (id, doc) =>
      storeWrite(store, 'save the corrected punch', () => db.update({ _id: id }, { ...doc }, { returnUpdatedDocs: true })) as Promise<AttendanceDoc | null>,
    clearPhotoMarksBefore: (time) =>
      storeWrite(store, 'unmark removed punch snapshots', async () => {
        await db.update({ hasPhoto: true, time: { $lt: time } }, { $unset: { hasPhoto: true } }, { multi: true })
      }),
    markPhoto: (id) =>
      storeWrite(store, 'mark the punch snapshot', async () => {
        await db.update({ _id: id }, { $set: { hasPhoto: true } })
      }),
    removeOlderThan: (time) => storeWrite(store, 'remove old punches', () => db.remove({ time: { $lt: time } }, { multi: true }))
  }
}
