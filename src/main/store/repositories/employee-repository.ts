import type { ClockfaceStore, EmployeeDoc, NewDoc } from '../store-types'
import { storeOp } from '../store-op'
import { compactFile } from './compact-file'
import { storeWrite } from './write-guard'

/** Named queries on `employees.db`. Every method raises `store-error`; writes also `read-only`. */
export interface EmployeeRepository {
  /** Every employee, in no particular order. */
  all(): Promise<EmployeeDoc[]>
  count(): Promise<number>
  byCode(code: string): Promise<EmployeeDoc | null>
  byId(id: string): Promise<EmployeeDoc | null>
  /** Inserts; a taken code rejects with NeDB's unique violation (see isUniqueViolation). */
  insert(doc: NewDoc<EmployeeDoc>): Promise<EmployeeDoc>
  /** Sets fields (and unsets `unset`); resolves to the updated document, null when gone. */
  update(id: string, set: Partial<NewDoc<EmployeeDoc>>, unset?: readonly (keyof EmployeeDoc)[]): Promise<EmployeeDoc | null>
  /** Removes one employee; resolves to the number removed. */
  remove(id: string): Promise<number>
  /**
   * Rewrites employees.db with only the live records (NeDB's crash-safe compaction), so the
   * lines of a deleted or edited employee (old names, consent, PIN hashes) leave the file.
   */
  compact(): Promise<void>
}

/** Creates the employee repository over the store. */
export function createEmployeeRepository(store: Pick<ClockfaceStore, 'employees' | 'readOnlyReason'>): EmployeeRepository {
  const db = store.employees
  return {
    all: () => storeOp('read employees', () => db.find({})),
    count: () => storeOp('count employees', () => db.count({})),
    byCode: (code) => storeOp('read the employee', () => db.findOne({ code })),
    byId: (id) => storeOp('read the employee', () => db.findOne({ _id: id })),
    insert: (doc) => storeWrite(store, 'save the employee', () => db.insert(doc)),
    update: (id, set, unset = []) =>
      storeWrite(store, 'save the employee', () =>
        db.update(
          { _id: id },
          { $set: set, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((k) => [k, true])) } : {}) },
          { returnUpdatedDocs: true }
        )
      ) as Promise<EmployeeDoc | null>,
    remove: (id) => storeWrite(store, 'delete the employee', () => db.remove({ _id: id }, {})),
    compact: () => storeWrite(store, 'compact the employees file', () => compactFile(db))
  }
}
