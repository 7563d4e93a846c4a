import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Datastore from 'nedb-promises'
import { ClockfaceError } from '../../shared/errors'
import { lockDataDir } from './store-lock'
import type { AccountDoc, AttendanceDoc, AuditDoc, ClockfaceStore, Collection, EmployeeDoc, KioskDoc, TemplateDoc } from './store-types'

/** File names of the datastores inside the data folder. */
export const STORE_FILES = {
  employees: 'employees.db',
  templates: 'templates.db',
  attendance: 'attendance.db',
  audit: 'audit.db',
  accounts: 'accounts.db',
  kiosks: 'kiosks.db'
} as const

async function loadCollection<T extends { _id: string }>(
  dataDir: string,
  file: string,
  indexes: { fieldName: string; unique?: boolean }[]
): Promise<Collection<T>> {
  const filename = join(dataDir, file)
  const store = Datastore.create({ filename }) as unknown as Collection<T>
  try {
    // NeDB refuses to start when over 10% of the lines do not parse (its default
    // corruptAlertThreshold) and then writes nothing, so the file stays as it was.
    await store.load()
    for (const index of indexes) await store.ensureIndex(index)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ClockfaceError(
      'store-error',
      `The data file ${filename} could not be loaded (${reason}). It was left untouched; ` +
        'restore it from a backup or move it aside to start with an empty one.',
      { file: filename }
    )
  }
  return store
}

async function compact(store: Collection<{ _id: string }>): Promise<void> {
  await (store as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync()
}

/**
 * Opens (creating if needed) the Clockface data folder `dataDir` with its four NeDB files
 * employees.db, templates.db, attendance.db and audit.db, and ensures their indexes: `code`
 * (unique) on employees, `employeeId` on templates, `employeeId` and `time` on attendance,
 * `time` on audit. Holds a lock file in the folder until `close()`.
 *
 * Raises ClockfaceError `store-error` when the folder cannot be created or locked, or when a
 * file is corrupt (NeDB refuses to load it); a corrupt file is never overwritten.
 */
export async function openStore(dataDir: string): Promise<ClockfaceStore> {
  const dir = resolve(dataDir)
  try {
    mkdirSync(dir, { recursive: true })
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot create the data folder ${dir}: ${(error as Error).message}`)
  }
  const unlock = lockDataDir(dir)
  try {
    const employees = await loadCollection<EmployeeDoc>(dir, STORE_FILES.employees, [{ fieldName: 'code', unique: true }])
    const templates = await loadCollection<TemplateDoc>(dir, STORE_FILES.templates, [{ fieldName: 'employeeId' }])
    const attendance = await loadCollection<AttendanceDoc>(dir, STORE_FILES.attendance, [
      { fieldName: 'employeeId' },
      { fieldName: 'time' }
    ])
    const audit = await loadCollection<AuditDoc>(dir, STORE_FILES.audit, [{ fieldName: 'time' }])
    const accounts = await loadCollection<AccountDoc>(dir, STORE_FILES.accounts, [{ fieldName: 'username', unique: true }])
    const kiosks = await loadCollection<KioskDoc>(dir, STORE_FILES.kiosks, [{ fieldName: 'tokenHash' }])
    let closed = false
    return {
      dataDir: dir,
      employees,
      templates,
      attendance,
      audit,
      accounts,
      kiosks,
      readOnlyReason: () => null,
      async close() {
        if (closed) return
        closed = true
        try {
          for (const store of [employees, templates, attendance, audit, accounts, kiosks]) await compact(store as unknown as Collection<{ _id: string }>)
        } finally {
          unlock()
        }
      }
    }
  } catch (error) {
    unlock()
    throw error
  }
}
