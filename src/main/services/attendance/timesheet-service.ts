/**
 * Timesheets and payroll exports from the stored punches: gathers the corrected punches of the
 * period (with a margin for shifts that cross midnight or started in another zone), the
 * employees and the schedules, and hands them to the pure timesheet engine and exporters.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import type { ExportFile, Timesheet } from '../../../shared/attendance-models'
import type { AttendanceEvent, Settings } from '../../../shared/models'
import { buildExport } from '../../attendance/export/build-export'
import { buildTimesheet } from '../../attendance/timesheet/build-timesheet'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import { toAttendanceEvent } from '../mappers'
import type { ServiceConfig } from '../service-config'
import { localDate, localDatesRange } from './local-day'
import type { ScheduleService } from './schedules'

/**
 * Days read before and after the period: a shift is counted on the local date of its check-in,
 * which in a zone far from the server's can be a day off, and a night shift ends the next day.
 */
const MARGIN_DAYS = 2

/** Most punches one timesheet or export reads; a year of 500 people punching 4 times a day fits. */
const MAX_PUNCHES = 1_000_000

/** The period and filters of a timesheet or export. */
type PeriodRequest = Pick<ValidatedRequest<'getTimesheet'>, 'from' | 'to' | 'code' | 'department'>

/** The timesheet and export operations. */
export interface TimesheetService {
  /** getTimesheet. Raises `store-error`. */
  timesheet(request: ValidatedRequest<'getTimesheet'>): Promise<Timesheet>
  /** exportAttendance. Raises `store-error`. */
  export(request: ValidatedRequest<'exportAttendance'>): Promise<ExportFile>
}

/** Creates the timesheet service. */
export function createTimesheetService(deps: {
  attendance: Pick<AttendanceRepository, 'between'>
  employees: Pick<EmployeeRepository, 'all'>
  schedules: Pick<ScheduleService, 'all'>
  settings: () => Pick<Settings, 'autoCloseHours' | 'language'>
  config: Pick<ServiceConfig, 'now' | 'timeZone'>
}): TimesheetService {
  const { config } = deps

  async function gather(request: PeriodRequest): Promise<{ timesheet: Timesheet; punches: AttendanceEvent[] }> {
    const range = localDatesRange(request.from, request.to, config.timeZone, MARGIN_DAYS)
    const everyone = await deps.employees.all()
    const employees = everyone
      .filter((e) => (request.code === undefined || e.code === request.code) && (request.department === undefined || e.department === request.department))
      .map((e) => ({ code: e.code, name: e.name, department: e.department }))
    const listed = new Set(employees.map((e) => e.code))
    const known = new Set(everyone.map((e) => e.code))
    const docs = await deps.attendance.between(range, request.code === undefined ? {} : { codes: [request.code] }, MAX_PUNCHES)
    // Punches of deleted employees count in their recorded department; those of current ones follow the employee.
    const punches = docs
      .map(toAttendanceEvent)
      .filter((p) => listed.has(p.employeeCode) || (!known.has(p.employeeCode) && (request.department === undefined || p.department === request.department)))
    const now = config.now().toISOString()
    const timesheet = buildTimesheet({
      from: request.from,
      to: request.to,
      punches,
      employees,
      includeUnlisted: true,
      schedules: await deps.schedules.all(),
      defaultTimeZone: config.timeZone,
      autoCloseHours: deps.settings().autoCloseHours,
      now
    })
    return { timesheet, punches }
  }

  return {
    timesheet: async (request) => (await gather(request)).timesheet,
    async export(request) {
      const { timesheet, punches } = await gather(request)
      // Punch rows: the punches whose local date (in their own zone) is inside the period.
      const inPeriod = punches.filter((p) => {
        const date = localDate(new Date(p.time), p.timeZone ?? config.timeZone)
        return date >= request.from && date <= request.to
      })
      return buildExport(
        { kind: request.kind, format: request.format, history: request.history, language: request.language ?? deps.settings().language, from: request.from, to: request.to },
        { punches: inPeriod, timesheet, defaultTimeZone: config.timeZone }
      )
    }
  }
}
