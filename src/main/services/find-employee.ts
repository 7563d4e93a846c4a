import { ClockfaceError } from '../../shared/errors'
import type { EmployeeRepository } from '../store/repositories/employee-repository'
import type { EmployeeDoc } from '../store/store-types'

/** Reads an employee by code; raises `not-found` when none has it, `store-error` when the read fails. */
export async function findEmployeeByCode(employees: EmployeeRepository, code: string): Promise<EmployeeDoc> {
  const doc = await employees.byCode(code)
  if (!doc) throw new ClockfaceError('not-found', `No employee has the code ${code}.`, { code })
  return doc
}
