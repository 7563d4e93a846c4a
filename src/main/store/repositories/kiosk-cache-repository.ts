import type { SyncVerdict } from '../../../shared/sync-models'
import type { AttendanceDoc, ClockfaceStore, Collection, EmployeeDoc, NewDoc, TemplateDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** `_id` of the document in settings.db holding a syncing kiosk's pull cursor. */
export const SYNC_CURSOR_DOC_ID = 'sync-cursor'

/**
 * Named queries of a syncing kiosk on its own data folder: the cache of the server's
 * employees and templates (written with the server's ids), the pull cursor, and the outbox,
 * which is the kiosk's punches in attendance.db marked `pendingSync` until the server has
 * answered for them. One write records a punch and queues it, so a crash can lose neither
 * half. Every method raises `store-error`; writes also `read-only`.
 */
export interface KioskCacheRepository {
  /** Adds or replaces an employee under the server's id; a local employee holding the same code under another id is removed first. */
  putEmployee(doc: EmployeeDoc): Promise<void>
  /** Adds or replaces a template under the server's id. */
  putTemplate(doc: TemplateDoc): Promise<void>
  /** Removes an employee and their templates (erased on the server). */
  removeEmployee(id: string): Promise<void>
  removeTemplate(id: string): Promise<void>
  /** The pull cursor (0 before the first pull). */
  cursor(): Promise<number>
  saveCursor(cursor: number): Promise<void>
  /** Records a punch under `id` in the outbox. */
  recordPending(id: string, doc: NewDoc<AttendanceDoc>): Promise<AttendanceDoc>
  /** The oldest `limit` punches the server has not answered for. */
  pending(limit: number): Promise<AttendanceDoc[]>
  pendingCount(): Promise<number>
  /** Removes punches older than `time` (UTC ISO) that the server has answered for; resolves to the number removed. */
  removeSyncedOlderThan(time: string): Promise<number>
  /** Applies the server's verdict to a punch and takes it out of the outbox; resolves to it, or null when gone. */
  acknowledge(verdict: SyncVerdict): Promise<AttendanceDoc | null>
}

/** Creates the kiosk cache repository over a kiosk's opened store. */
export function createKioskCacheRepository(store: Pick<ClockfaceStore, 'employees' | 'templates' | 'attendance' | 'settings' | 'readOnlyReason'>): KioskCacheRepository {
  const cursorDocs = store.settings as unknown as Collection<{ _id: string; cursor: number }>
  return {
    putEmployee: (doc) =>
      storeWrite(store, 'cache the employee', async () => {
        await store.employees.remove({ code: doc.code, _id: { $ne: doc._id } }, { multi: true })
        await store.employees.update({ _id: doc._id }, doc, { upsert: true })
      }),
    putTemplate: (doc) =>
      storeWrite(store, 'cache the face template', async () => {
        await store.templates.update({ _id: doc._id }, doc, { upsert: true })
      }),
    removeEmployee: (id) =>
      storeWrite(store, 'remove the employee from the cache', async () => {
        await store.templates.remove({ employeeId: id }, { multi: true })
        await store.employees.remove({ _id: id }, {})
      }),
    removeTemplate: (id) =>
      storeWrite(store, 'remove the template from the cache', async () => {
        await store.templates.remove({ _id: id }, {})
      }),
    cursor: () => storeOp('read the sync cursor', async () => (await cursorDocs.findOne({ _id: SYNC_CURSOR_DOC_ID }))?.cursor ?? 0),
    saveCursor: (cursor) =>
      storeWrite(store, 'save the sync cursor', async () => {
        await cursorDocs.update({ _id: SYNC_CURSOR_DOC_ID }, { _id: SYNC_CURSOR_DOC_ID, cursor }, { upsert: true })
      }),
    recordPending: (id, doc) => storeWrite(store, 'record the punch', () => store.attendance.insert({ ...doc, _id: id, pendingSync: true })),
    pending: (limit) => storeOp('read the outbox', () => store.attendance.find({ pendingSync: true }).sort({ time: 1 }).limit(limit)),
    pendingCount: () => storeOp('read the outbox', () => store.attendance.count({ pendingSync: true })),
    removeSyncedOlderThan: (time) =>
      storeWrite(store, 'remove old punches', () => store.attendance.remove({ time: { $lt: time }, pendingSync: { $ne: true } }, { multi: true })),
    acknowledge: ({ id, type, voided }) =>
      storeWrite(store, 'save the server verdict', async () => {
        const set = voided ? { type, voided: true } : { type }
        return (await store.attendance.update({ _id: id }, { $set: set, $unset: { pendingSync: true } }, { returnUpdatedDocs: true })) as AttendanceDoc | null
      })
  }
}
