/** Punches and schedules the timesheet tests build their cases from. */
import type { Schedule } from '../../src/shared/attendance-models'
import type { AttendanceEvent, PunchType } from '../../src/shared/models'

/** Someone who punches: employee code, name, department. */
export interface Person {
  code: string
  name: string
  department: string
}

/** The usual test employee. */
export const alice: Person = { code: 'E1', name: 'Alice', department: 'Desk' }

/** A face punch of `who` at kiosk-1 in `timeZone`; the id (code, type and time) is unique within a test. */
export function punchOf(who: Person, type: PunchType, time: string, timeZone: string, extra: Partial<AttendanceEvent> = {}): AttendanceEvent {
  return {
    id: `${who.code}:${type}@${time}`,
    employeeId: `id-${who.code}`,
    employeeCode: who.code,
    employeeName: who.name,
    department: who.department,
    type,
    time,
    distance: null,
    source: 'face',
    kioskId: 'kiosk-1',
    timeZone,
    ...extra
  }
}

/** The default schedule, Monday to Friday, no grace and no unpaid break unless given. */
export function scheduleOf(fields: Partial<Schedule> & Pick<Schedule, 'start' | 'end'>): Schedule {
  return { id: 's-default', scope: 'default', target: '', weekdays: [1, 2, 3, 4, 5], graceMinutes: 0, unpaidBreakMinutes: 0, ...fields }
}
