import { endOfDay, startOfDay } from 'date-fns'
import type { ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { AttendanceEvent, Match, PunchType } from '../../shared/models'
import type { AttendanceDoc, ClockfaceStore, NewDoc } from '../store/store-types'
import { storeOp } from '../store/store-op'
import { toAttendanceEvent } from './mappers'
import type { ServiceConfig } from './service-config'

/** A punch as the kiosk reports it: `repeated` when it is an earlier punch returned within the cooldown. */
export type Punch = AttendanceEvent & { repeated: boolean }

/** Attendance recording and history. */
export interface AttendanceService {
  /**
   * Records a punch for a recognised employee at `config.now()`. Within `cooldownMs` of the
   * employee's last punch nothing is recorded and that punch comes back with `repeated: true`.
   * Otherwise the type alternates within the local day of this machine: the first punch of a
   * day is a check-in, the next a check-out, and so on. Punches run one at a time, so two
   * frames in flight cannot both record. Raises `store-error`.
   */
  punch(match: Match, kioskId: string): Promise<Punch>
  /**
   * Events between `from` and `to` (inclusive; default: the local day of `to`, or today),
   * optionally of one employee code, newest first, at most `limit`.
   * Raises `invalid-input` when `from` is after `to`, `store-error`.
   */
  list(request: ValidatedRequest<'listAttendance'>): Promise<AttendanceEvent[]>
}

/**
 * Creates the attendance service over the attendance datastore. Keeps one queue of punches per
 * service, so create one per store (createServices does).
 */
export function createAttendanceService(
  store: Pick<ClockfaceStore, 'attendance'>,
  config: Pick<ServiceConfig, 'cooldownMs' | 'now'>
): AttendanceService {
  let queue: Promise<unknown> = Promise.resolve()

  async function punchNow(match: Match, kioskId: string): Promise<Punch> {
    const now = config.now()
    const last = await storeOp('read attendance', () =>
      store.attendance.findOne({ employeeId: match.employeeId }).sort({ time: -1 })
    )
    if (last && now.getTime() - Date.parse(last.time) < config.cooldownMs) {
      return { ...toAttendanceEvent(last), repeated: true }
    }
    const lastToday = await storeOp('read attendance', () =>
      store.attendance
        .findOne({
          employeeId: match.employeeId,
          time: { $gte: startOfDay(now).toISOString(), $lte: endOfDay(now).toISOString() }
        })
        .sort({ time: -1 })
    )
    const type: PunchType = lastToday?.type === 'check-in' ? 'check-out' : 'check-in'
    const doc: NewDoc<AttendanceDoc> = {
      employeeId: match.employeeId,
      employeeCode: match.code,
      employeeName: match.name,
      type,
      time: now.toISOString(),
      distance: match.distance,
      kioskId
    }
    const saved = await storeOp('record the punch', () => store.attendance.insert(doc))
    return { ...toAttendanceEvent(saved), repeated: false }
  }

  return {
    punch(match, kioskId) {
      const result = queue.then(() => punchNow(match, kioskId))
      queue = result.catch(() => undefined)
      return result
    },
    async list({ from, to, code, limit }) {
      const toTime = to ? new Date(to) : endOfDay(config.now())
      const fromTime = from ? new Date(from) : startOfDay(to ? toTime : config.now())
      if (fromTime.getTime() > toTime.getTime()) {
        throw new ClockfaceError('invalid-input', `"from" (${fromTime.toISOString()}) is after "to" (${toTime.toISOString()}).`)
      }
      const query: Record<string, unknown> = { time: { $gte: fromTime.toISOString(), $lte: toTime.toISOString() } }
      if (code !== undefined) query['employeeCode'] = code
      const docs = await storeOp('read attendance', () => store.attendance.find(query).sort({ time: -1 }).limit(limit))
      return docs.map(toAttendanceEvent)
    }
  }
}
