import type { ClockfaceStore, NewDoc, PunchPhotoDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** Named queries on `punchphotos.db`. Every method raises `store-error`; writes also `read-only`. */
export interface PunchPhotoRepository {
  /** The snapshot of one punch, or null. */
  ofPunch(punchId: string): Promise<PunchPhotoDoc | null>
  insert(doc: NewDoc<PunchPhotoDoc>): Promise<PunchPhotoDoc>
  /** Removes snapshots of punches older than `time` (UTC ISO); resolves to the number removed. */
  removeOlderThan(time: string): Promise<number>
  /** Removes the snapshots of the given punches (an erased employee); resolves to the number removed. */
  removeOfPunches(punchIds: readonly string[]): Promise<number>
}

/** Creates the punch photo repository over the store. */
export function createPunchPhotoRepository(store: Pick<ClockfaceStore, 'punchPhotos' | 'readOnlyReason'>): PunchPhotoRepository {
  const db = store.punchPhotos
  return {
    ofPunch: (punchId) => storeOp('read the punch snapshot', () => db.findOne({ punchId })),
    insert: (doc) => storeWrite(store, 'save the punch snapshot', () => db.insert(doc)),
    removeOlderThan: (time) => storeWrite(store, 'remove old punch snapshots', () => db.remove({ time: { $lt: time } }, { multi: true })),
    removeOfPunches: (punchIds) => storeWrite(store, 'remove punch snapshots', () => db.remove({ punchId: { $in: [...punchIds] } }, { multi: true }))
  }
}
