import { ClockfaceError } from '../../shared/errors'
import type { ClockfaceStore, EmployeeDoc } from '../store/store-types'
import { storeOp } from '../store/store-op'

/** Reads an employee by code; raises `not-found` when none has it, `store-error` when the read fails. */
export async function findEmployeeByCode(store: Pick<ClockfaceStore, 'employees'>, code: string): Promise<EmployeeDoc> {
  const doc = await storeOp('read the employee', () => store.employees.findOne({ code }))
  if (!doc) throw new ClockfaceError('not-found', `No employee has the code ${code}.`, { code })
  return doc
}
