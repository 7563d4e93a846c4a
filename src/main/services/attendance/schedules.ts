/** Work schedules: the default, per department and per employee (see scheduleSchema). */
import type { ValidatedRequest } from '../../../shared/contract'
import type { Schedule } from '../../../shared/attendance-models'
import { ClockfaceError } from '../../../shared/errors'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import type { ScheduleRepository } from '../../store/repositories/schedule-repository'
import type { ScheduleDoc } from '../../store/store-types'
import type { ServiceConfig } from '../service-config'

function toSchedule({ _id, kind: _kind, ...fields }: ScheduleDoc): Schedule {
  return { id: _id, ...fields }
}

/** The schedule operations. */
export interface ScheduleService {
  /** listSchedules. Raises `store-error`. */
  list(): Promise<Schedule[]>
  /** Every schedule as the timesheet engine takes them. Raises `store-error`. */
  all(): Promise<Schedule[]>
  /**
   * saveSchedule: creates or replaces the schedule of a scope and target. An employee schedule
   * must name an existing employee code (`not-found`). Raises `store-error`, `read-only`.
   */
  save(request: ValidatedRequest<'saveSchedule'>, ctx: CallContext): Promise<Schedule>
  /** deleteSchedule: removes a department or employee schedule. Raises `not-found`, `invalid-input` (the default), `store-error`, `read-only`. */
  remove(request: ValidatedRequest<'deleteSchedule'>): Promise<{ deleted: true }>
}

/** Creates the schedule service. */
export function createScheduleService(deps: {
  schedules: ScheduleRepository
  employees: Pick<EmployeeRepository, 'byCode'>
  config: Pick<ServiceConfig, 'now'>
}): ScheduleService {
  const { schedules, config } = deps
  const list = async () => (await schedules.all()).map(toSchedule)
  return {
    list,
    all: list,
    async save(request, ctx) {
      if (request.scope === 'employee' && !(await deps.employees.byCode(request.target))) {
        throw new ClockfaceError('not-found', `No employee has the code ${request.target}.`, { code: request.target })
      }
      const weekdays = [...new Set(request.weekdays)].sort((a, b) => a - b)
      const doc = await schedules.upsert({
        kind: 'schedule',
        ...request,
        weekdays,
        updatedAt: config.now().toISOString(),
        updatedBy: actorOf(ctx)
      })
      return toSchedule(doc)
    },
    async remove({ scheduleId }) {
      const doc = await schedules.byId(scheduleId)
      if (!doc) throw new ClockfaceError('not-found', `No schedule ${scheduleId}.`, { scheduleId })
      if (doc.scope === 'default') throw new ClockfaceError('invalid-input', 'The default schedule can be changed but not removed.', { scheduleId })
      await schedules.remove(scheduleId)
      return { deleted: true }
    }
  }
}
