/**
 * Corrections of punches by an admin: add a missing punch, edit a punch's type or time, void a
 * punch. Every correction needs a reason and is kept on the punch as a revision (who, when,
 * before, after), so the punch as first recorded is never lost; timesheets and exports read
 * the corrected view, and the audit log records the same before → after (audit-summary.ts).
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { AttendanceEvent, PunchRevision, PunchState } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import type { AttendanceDoc } from '../../store/store-types'
import { findEmployeeByCode } from '../find-employee'
import { toAttendanceEvent } from '../mappers'
import type { ServiceConfig } from '../service-config'

/** The correction operations. */
export interface Corrections {
  /** addPunch: records a punch with source `admin` at the given time. Raises `not-found` (code), `store-error`, `read-only`. */
  add(request: ValidatedRequest<'addPunch'>, ctx: CallContext): Promise<AttendanceEvent>
  /**
   * editPunch: changes type and/or time; an edit also settles a `needsReview` flag (the admin
   * has looked at it). Raises `not-found` (punch), `invalid-input` for a voided punch or an
   * edit that changes nothing, `store-error`, `read-only`.
   */
  edit(request: ValidatedRequest<'editPunch'>, ctx: CallContext): Promise<AttendanceEvent>
  /** voidPunch: marks the punch voided (kept, never counted). Raises `not-found`, `invalid-input` when already voided, `store-error`, `read-only`. */
  void(request: ValidatedRequest<'voidPunch'>, ctx: CallContext): Promise<AttendanceEvent>
}

function stateOf(doc: Pick<AttendanceDoc, 'type' | 'time' | 'voided'>): PunchState {
  return { type: doc.type, time: doc.time, voided: doc.voided === true }
}

/** Creates the correction service. */
export function createCorrections(deps: {
  attendance: Pick<AttendanceRepository, 'byId' | 'insert' | 'replace'>
  employees: EmployeeRepository
  config: Pick<ServiceConfig, 'now' | 'timeZone'>
}): Corrections {
  const { attendance, config } = deps

  async function punchOf(punchId: string): Promise<AttendanceDoc> {
    const doc = await attendance.byId(punchId)
    if (!doc) throw new ClockfaceError('not-found', `No punch ${punchId}.`, { punchId })
    return doc
  }

  async function revise(doc: AttendanceDoc, revision: Omit<PunchRevision, 'at' | 'by' | 'before'>, ctx: CallContext): Promise<AttendanceEvent> {
    const { _id, ...fields } = doc
    const entry: PunchRevision = { at: config.now().toISOString(), by: actorOf(ctx), before: stateOf(doc), ...revision }
    const next = {
      ...fields,
      type: revision.after.type,
      time: new Date(revision.after.time).toISOString(),
      voided: revision.after.voided,
      needsReview: false,
      revisions: [...(doc.revisions ?? []), entry]
    }
    const saved = await attendance.replace(_id, next)
    if (!saved) throw new ClockfaceError('not-found', `The punch ${_id} was removed meanwhile.`, { punchId: _id })
    return toAttendanceEvent(saved)
  }

  return {
    async add({ code, type, time, timeZone, reason }, ctx) {
      const employee = await findEmployeeByCode(deps.employees, code)
      const at = new Date(time).toISOString()
      const after: PunchState = { type, time: at, voided: false }
      const saved = await attendance.insert({
        employeeId: employee._id,
        employeeCode: employee.code,
        employeeName: employee.name,
        department: employee.department,
        type,
        time: at,
        distance: null,
        source: 'admin',
        kioskId: `admin:${actorOf(ctx)}`,
        timeZone: timeZone ?? config.timeZone,
        revisions: [{ at: config.now().toISOString(), by: actorOf(ctx), action: 'add', reason, before: null, after }]
      })
      return toAttendanceEvent(saved)
    },
    async edit({ punchId, type, time, reason }, ctx) {
      const doc = await punchOf(punchId)
      if (doc.voided) throw new ClockfaceError('invalid-input', `Punch ${punchId} is voided; add a new punch instead.`, { punchId })
      const after: PunchState = { type: type ?? doc.type, time: time === undefined ? doc.time : new Date(time).toISOString(), voided: false }
      if (after.type === doc.type && after.time === doc.time) {
        throw new ClockfaceError('invalid-input', 'The edit changes neither the type nor the time of the punch.', { punchId })
      }
      return revise(doc, { action: 'edit', reason, after }, ctx)
    },
    async void({ punchId, reason }, ctx) {
      const doc = await punchOf(punchId)
      if (doc.voided) throw new ClockfaceError('invalid-input', `Punch ${punchId} is already voided.`, { punchId })
      return revise(doc, { action: 'void', reason, after: { ...stateOf(doc), voided: true } }, ctx)
    }
  }
}
