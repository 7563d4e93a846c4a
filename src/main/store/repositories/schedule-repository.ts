import type { ClockfaceStore, Collection, NewDoc, ScheduleDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/**
 * Named queries on the work schedules, kept in `settings.db` (documents with
 * `kind: 'schedule'`) so they are encrypted and backed up with the settings. Every method
 * raises `store-error`; writes also `read-only`.
 */
export interface ScheduleRepository {
  /** Every schedule, default first, then departments and employees by target. */
  all(): Promise<ScheduleDoc[]>
  byId(id: string): Promise<ScheduleDoc | null>
  /** The schedule of one scope and target, or null. */
  byTarget(scope: ScheduleDoc['scope'], target: string): Promise<ScheduleDoc | null>
  /** Creates or replaces the schedule of `doc.scope` and `doc.target`; resolves to it as stored. */
  upsert(doc: NewDoc<ScheduleDoc>): Promise<ScheduleDoc>
  /** Removes one schedule; resolves to true when it existed. */
  remove(id: string): Promise<boolean>
}

const SCOPE_ORDER: Record<ScheduleDoc['scope'], number> = { default: 0, department: 1, employee: 2 }

/** Creates the schedule repository over the store. */
export function createScheduleRepository(store: Pick<ClockfaceStore, 'settings' | 'readOnlyReason'>): ScheduleRepository {
  // settings.db holds several kinds of documents; schedules carry `kind: 'schedule'`.
  const db = store.settings as unknown as Collection<ScheduleDoc>
  return {
    all: () =>
      storeOp('read the schedules', async () =>
        (await db.find({ kind: 'schedule' })).sort((a, b) => SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] || a.target.localeCompare(b.target))
      ),
    byId: (id) => storeOp('read the schedule', () => db.findOne({ _id: id, kind: 'schedule' })),
    byTarget: (scope, target) => storeOp('read the schedule', () => db.findOne({ kind: 'schedule', scope, target })),
    upsert: (doc) =>
      storeWrite(store, 'save the schedule', () =>
        db.update({ kind: 'schedule', scope: doc.scope, target: doc.target }, { $set: doc }, { upsert: true, returnUpdatedDocs: true })
      ) as Promise<ScheduleDoc>,
    remove: (id) => storeWrite(store, 'delete the schedule', async () => (await db.remove({ _id: id, kind: 'schedule' }, {})) > 0)
  }
}
