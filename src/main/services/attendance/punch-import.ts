/**
 * Punches brought in from elsewhere (another time clock, a paper sheet typed up): stored with
 * source `import` and kiosk id `import`, all or none, so a file with one wrong code can be
 * fixed and imported again without doubling the rows that were fine.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { ServiceConfig } from '../service-config'

/**
 * importPunches: checks every row first (each code must name an employee: `not-found` with the
 * 1-based `row` and `code` of the first that does not), then stores them in order, each with
 * its zone (default config.timeZone). Raises `store-error`, `read-only`.
 */
export async function importPunches(
  deps: { attendance: Pick<AttendanceRepository, 'insert'>; employees: Pick<EmployeeRepository, 'all'>; config: Pick<ServiceConfig, 'timeZone'> },
  { punches }: ValidatedRequest<'importPunches'>
): Promise<{ imported: number }> {
  const byCode = new Map((await deps.employees.all()).map((e) => [e.code, e]))
  punches.forEach((row, index) => {
    if (!byCode.has(row.code)) throw new ClockfaceError('not-found', `Row ${index + 1}: no employee has the code ${row.code}; nothing was imported.`, { row: index + 1, code: row.code })
  })
  for (const row of punches) {
    const employee = byCode.get(row.code)!
    await deps.attendance.insert({
      employeeId: employee._id,
      employeeCode: employee.code,
      employeeName: employee.name,
      department: employee.department,
      type: row.type,
      time: new Date(row.time).toISOString(),
      distance: null,
      source: 'import',
      kioskId: 'import',
      timeZone: row.timeZone ?? deps.config.timeZone
    })
  }
  return { imported: punches.length }
}
