import type { AttendanceDoc, ClockfaceStore, NewDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** A time range in UTC ISO strings, both ends inclusive; stored times compare as strings. */
export interface TimeRange {
  from: string
  to: string
}

/** Named queries on `attendance.db`. Every method raises `store-error`; writes also `read-only`. */
export interface AttendanceRepository {
  /** The employee's newest punch, or null. */
  lastPunch(employeeId: string): Promise<AttendanceDoc | null>
  /** The employee's newest punch within `range`, or null. */
  lastPunchIn(employeeId: string, range: TimeRange): Promise<AttendanceDoc | null>
  /** Punches in `range`, optionally of one employee code or kiosk, newest first, at most `limit`. */
  between(range: TimeRange, filter: { code?: string; kioskId?: string }, limit: number): Promise<AttendanceDoc[]>
  /** Every punch of one employee, oldest first (access requests). */
  ofEmployee(employeeId: string): Promise<AttendanceDoc[]>
  insert(doc: NewDoc<AttendanceDoc>): Promise<AttendanceDoc>
  /** Removes punches older than `time` (UTC ISO); resolves to the number removed. */
  removeOlderThan(time: string): Promise<number>
}

/** Creates the attendance repository over the store. */
export function createAttendanceRepository(store: Pick<ClockfaceStore, 'attendance' | 'readOnlyReason'>): AttendanceRepository {
  const db = store.attendance
  const range = ({ from, to }: TimeRange) => ({ $gte: from, $lte: to })
  return {
    lastPunch: (employeeId) => storeOp('read attendance', () => db.findOne({ employeeId }).sort({ time: -1 })),
    lastPunchIn: (employeeId, r) => storeOp('read attendance', () => db.findOne({ employeeId, time: range(r) }).sort({ time: -1 })),
    between: (r, filter, limit) => {
      const query: Record<string, unknown> = { time: range(r) }
      if (filter.code !== undefined) query['employeeCode'] = filter.code
      if (filter.kioskId !== undefined) query['kioskId'] = filter.kioskId
      return storeOp('read attendance', () => db.find(query).sort({ time: -1 }).limit(limit))
    },
    ofEmployee: (employeeId) => storeOp('read attendance', () => db.find({ employeeId }).sort({ time: 1 })),
    insert: (doc) => storeWrite(store, 'record the punch', () => db.insert(doc)),
    removeOlderThan: (time) => storeWrite(store, 'remove old punches', () => db.remove({ time: { $lt: time } }, { multi: true }))
  }
}
