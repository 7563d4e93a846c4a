/**
 * Department summary lines of a timesheet: the period totals of each department's employees.
 */
import type { DepartmentSummary, EmployeeTimesheet } from '../../../shared/attendance-models'
import { compareText } from './compare-text'
import { addTotals } from './totals'

/**
 * One summary per department found among `employees` (label = the department name; employees
 * without one are summed under ''), with the sum of their period totals and `employeeCount`,
 * sorted by department name.
 */
export function departmentSummaries(employees: readonly EmployeeTimesheet[]): DepartmentSummary[] {
  const byDepartment = new Map<string, EmployeeTimesheet[]>()
  for (const employee of employees) {
    const members = byDepartment.get(employee.department)
    if (members) members.push(employee)
    else byDepartment.set(employee.department, [employee])
  }
  return [...byDepartment]
    .sort(([a], [b]) => compareText(a, b))
    .map(([department, members]) => ({ ...addTotals(department, members.map((member) => member.total)), employeeCount: members.length }))
}
