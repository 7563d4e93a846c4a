import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { AttendanceEvent, Match, Punch, PunchSource, PunchType, RecentPunch } from '../../../shared/models'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { AttendanceDoc, NewDoc } from '../../store/store-types'
import { toAttendanceEvent } from '../mappers'
import type { ServiceConfig } from '../service-config'
import { localDayRange } from './local-day'
import { nextPunch, type NextPunch } from './punch-rules'

export type { Punch }

/** Milliseconds in an hour. */
const HOUR_MS = 3_600_000

/**
 * Who is punching and how they were recognised: a face {@link Match} (its distance to their
 * nearest template; `source` defaults to `face`), or a PIN at the kiosk (`distance` null,
 * `source` `pin`).
 */
export type PunchSubject = Pick<Match, 'employeeId' | 'code' | 'name'> & {
  department?: string
  distance: number | null
  source?: PunchSource
}

/** Where a punch is made: the kiosk id recorded with it and that kiosk's IANA time zone. */
export interface PunchPlace {
  kioskId: string
  timeZone: string
}

/** Options of one punch: an explicit type (buttons mode, admin) instead of the automatic rule. */
export interface PunchOptions {
  type?: PunchType
}

/** Attendance recording and history. */
export interface AttendanceService {
  /**
   * Records a punch for a recognised employee (by face, PIN or API) at `config.now()` at
   * `place`. Within `cooldownMs` of the employee's last punch nothing is recorded and that
   * punch comes back with `repeated: true`. Otherwise the type follows the person's last punch
   * (see punch-rules.ts): check-in, then check-out (or the end of a break); `options.type`
   * chooses instead and must be one of the allowed ones (`invalid-input` otherwise). A shift
   * left open past the auto-close limit is first closed by a `system` check-out at the limit,
   * flagged for review. Punches run one at a time, so two frames in flight cannot both
   * record. Raises `store-error`, `read-only`.
   */
  punch(subject: PunchSubject, place: PunchPlace, options?: PunchOptions): Promise<Punch>
  /** The next punch for an employee now (what automatic mode would record and what buttons mode may offer). */
  next(employeeId: string): Promise<NextPunch>
  /**
   * Events between `from` and `to` (inclusive; default: the local day of `to`, or today, in
   * config.timeZone), optionally of one employee code, newest first, at most `limit`.
   * Raises `invalid-input` when `from` is after `to`, `store-error`.
   */
  list(request: ValidatedRequest<'listAttendance'>): Promise<AttendanceEvent[]>
  /** Today's (local day of the kiosk's zone) latest punches at one kiosk, newest first: name, type, time only. */
  recentAtKiosk(place: PunchPlace, limit: number): Promise<RecentPunch[]>
  /**
   * Closes every shift still open `autoCloseHours` after its check-in with a `system`
   * check-out at that limit, flagged for review (never counted as worked until corrected).
   * Resolves to the number closed. Raises `store-error`, `read-only`.
   */
  closeOpenShifts(): Promise<number>
}

/** What the attendance service reads besides the repository: the auto-close limit in hours (a setting). */
export interface AttendanceSettings {
  autoCloseHours(): number
}

/**
 * Creates the attendance service over the attendance repository. Keeps one queue of punches
 * per service, so create one per store (createServices does).
 */
export function createAttendanceService(
  attendance: AttendanceRepository,
  config: Pick<ServiceConfig, 'cooldownMs' | 'now' | 'timeZone'>,
  settings: AttendanceSettings = { autoCloseHours: () => 16 }
): AttendanceService {
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work)
    queue = result.catch(() => undefined)
    return result
  }

  async function history(employeeId: string): Promise<{ last: AttendanceDoc | null; opened: AttendanceDoc | null }> {
    const last = await attendance.lastPunch(employeeId)
    if (last === null || last.type === 'check-out') return { last, opened: null }
    if (last.type === 'check-in') return { last, opened: last }
    // A break punch: the shift's check-in is the newest check-in before it.
    const opened = (await attendance.between({ from: '0000', to: last.time }, { codes: [last.employeeCode], type: 'check-in', includeVoided: false }, 1))[0]
    return { last, opened: opened ?? null }
  }

  async function decide(employeeId: string): Promise<{ next: NextPunch; last: AttendanceDoc | null; opened: AttendanceDoc | null }> {
    const { last, opened } = await history(employeeId)
    const next = nextPunch(
      { lastType: last?.type ?? null, openedAtMs: opened ? Date.parse(opened.time) : null },
      config.now().getTime(),
      settings.autoCloseHours() * HOUR_MS
    )
    return { next, last, opened }
  }

  /** The system check-out that closes a forgotten shift at the limit. */
  function autoCheckOut(opened: AttendanceDoc): NewDoc<AttendanceDoc> {
    const time = new Date(Date.parse(opened.time) + settings.autoCloseHours() * HOUR_MS).toISOString()
    return {
      employeeId: opened.employeeId,
      employeeCode: opened.employeeCode,
      employeeName: opened.employeeName,
      ...(opened.department === undefined ? {} : { department: opened.department }),
      type: 'check-out',
      time,
      distance: null,
      source: 'system',
      kioskId: 'system',
      timeZone: opened.timeZone ?? config.timeZone,
      needsReview: true
    }
  }

  async function punchNow(subject: PunchSubject, place: PunchPlace, options: PunchOptions): Promise<Punch> {
    const now = config.now()
    const { next, last, opened } = await decide(subject.employeeId)
    if (last && now.getTime() - Date.parse(last.time) < config.cooldownMs && last.source !== 'system') {
      return { ...toAttendanceEvent(last), repeated: true }
    }
    const type = options.type ?? next.suggested
    if (!next.allowed.includes(type)) {
      throw new ClockfaceError('invalid-input', `A ${type} does not follow the last punch (${last?.type ?? 'none'}); allowed now: ${next.allowed.join(', ')}.`, {
        allowed: next.allowed
      })
    }
    if (next.closeOpenShift && opened) await attendance.insert(autoCheckOut(opened))
    const doc: NewDoc<AttendanceDoc> = {
      employeeId: subject.employeeId,
      employeeCode: subject.code,
      employeeName: subject.name,
      ...(subject.department === undefined ? {} : { department: subject.department }),
      type,
      time: now.toISOString(),
      distance: subject.distance,
      source: subject.source ?? 'face',
      kioskId: place.kioskId,
      timeZone: place.timeZone
    }
    const saved = await attendance.insert(doc)
    return { ...toAttendanceEvent(saved), repeated: false }
  }

  return {
    punch: (subject, place, options = {}) => serial(() => punchNow(subject, place, options)),
    next: async (employeeId) => (await decide(employeeId)).next,
    async list({ from, to, code, limit }) {
      const today = localDayRange(to ? new Date(to) : config.now(), config.timeZone)
      const toTime = to ?? today.to
      const fromTime = from ?? today.from
      if (Date.parse(fromTime) > Date.parse(toTime)) {
        throw new ClockfaceError('invalid-input', `"from" (${fromTime}) is after "to" (${toTime}).`)
      }
      const range = { from: new Date(fromTime).toISOString(), to: new Date(toTime).toISOString() }
      const docs = await attendance.between(range, code === undefined ? {} : { codes: [code] }, limit)
      return docs.map(toAttendanceEvent)
    },
    async recentAtKiosk(place, limit) {
      const docs = await attendance.between(localDayRange(config.now(), place.timeZone), { kioskId: place.kioskId, includeVoided: false }, limit)
      return docs.map((doc) => ({ employeeName: doc.employeeName, type: doc.type, time: doc.time }))
    },
    closeOpenShifts: () =>
      serial(async () => {
        const limitMs = settings.autoCloseHours() * HOUR_MS
        const before = new Date(config.now().getTime() - limitMs).toISOString()
        let closed = 0
        for (const doc of await attendance.openSince(['check-in', 'break-start', 'break-end'], before)) {
          const { opened } = await history(doc.employeeId)
          if (!opened || config.now().getTime() - Date.parse(opened.time) < limitMs) continue
          await attendance.insert(autoCheckOut(opened))
          closed++
        }
        return closed
      })
  }
}
