import { endOfDay, startOfDay } from 'date-fns'
import type { ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { AttendanceEvent, Match, Punch, PunchSource, PunchType, RecentPunch } from '../../shared/models'
import type { AttendanceRepository } from '../store/repositories/attendance-repository'
import type { AttendanceDoc, NewDoc } from '../store/store-types'
import { toAttendanceEvent } from './mappers'
import type { ServiceConfig } from './service-config'

export type { Punch }

/**
 * Who is punching and how they were recognised: a face {@link Match} (its distance to their
 * nearest template; `source` defaults to `face`), or a PIN at the kiosk (`distance` null,
 * `source` `pin`).
 */
export type PunchSubject = Pick<Match, 'employeeId' | 'code' | 'name'> & { distance: number | null; source?: PunchSource }

/** Attendance recording and history. */
export interface AttendanceService {
  /**
   * Records a punch for a recognised employee (by face or by PIN) at `config.now()`. Within
   * `cooldownMs` of the employee's last punch (by either means) nothing is recorded and that
   * punch comes back with `repeated: true`. Otherwise the type alternates within the local
   * day of this machine: the first punch of a day is a check-in, the next a check-out, and so
   * on. Punches run one at a time, so two frames in flight cannot both record. Raises
   * `store-error`.
   */
  punch(subject: PunchSubject, kioskId: string): Promise<Punch>
  /**
   * Events between `from` and `to` (inclusive; default: the local day of `to`, or today),
   * optionally of one employee code, newest first, at most `limit`.
   * Raises `invalid-input` when `from` is after `to`, `store-error`.
   */
  list(request: ValidatedRequest<'listAttendance'>): Promise<AttendanceEvent[]>
  /** Today's (local day) latest punches recorded by one kiosk, newest first: name, type, time only. */
  recentAtKiosk(kioskId: string, limit: number): Promise<RecentPunch[]>
}

/**
 * Creates the attendance service over the attendance datastore. Keeps one queue of punches per
 * service, so create one per store (createServices does).
 */
export function createAttendanceService(
  attendance: AttendanceRepository,
  config: Pick<ServiceConfig, 'cooldownMs' | 'now'>
): AttendanceService {
  let queue: Promise<unknown> = Promise.resolve()

  async function punchNow(subject: PunchSubject, kioskId: string): Promise<Punch> {
    const now = config.now()
    const last = await attendance.lastPunch(subject.employeeId)
    if (last && now.getTime() - Date.parse(last.time) < config.cooldownMs) {
      return { ...toAttendanceEvent(last), repeated: true }
    }
    const lastToday = await attendance.lastPunchIn(subject.employeeId, {
      from: startOfDay(now).toISOString(),
      to: endOfDay(now).toISOString()
    })
    const type: PunchType = lastToday?.type === 'check-in' ? 'check-out' : 'check-in'
    const doc: NewDoc<AttendanceDoc> = {
      employeeId: subject.employeeId,
      employeeCode: subject.code,
      employeeName: subject.name,
      type,
      time: now.toISOString(),
      distance: subject.distance,
      source: subject.source ?? 'face',
      kioskId
    }
    const saved = await attendance.insert(doc)
    return { ...toAttendanceEvent(saved), repeated: false }
  }

  return {
    punch(subject, kioskId) {
      const result = queue.then(() => punchNow(subject, kioskId))
      queue = result.catch(() => undefined)
      return result
    },
    async list({ from, to, code, limit }) {
      const toTime = to ? new Date(to) : endOfDay(config.now())
      const fromTime = from ? new Date(from) : startOfDay(to ? toTime : config.now())
      if (fromTime.getTime() > toTime.getTime()) {
        throw new ClockfaceError('invalid-input', `"from" (${fromTime.toISOString()}) is after "to" (${toTime.toISOString()}).`)
      }
      const docs = await attendance.between({ from: fromTime.toISOString(), to: toTime.toISOString() }, code === undefined ? {} : { code }, limit)
      return docs.map(toAttendanceEvent)
    },
    async recentAtKiosk(kioskId, limit) {
      const now = config.now()
      const docs = await attendance.between({ from: startOfDay(now).toISOString(), to: endOfDay(now).toISOString() }, { kioskId }, limit)
      return docs.map((doc) => ({ employeeName: doc.employeeName, type: doc.type, time: doc.time }))
    }
  }
}
