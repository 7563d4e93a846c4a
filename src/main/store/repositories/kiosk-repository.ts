import type { ClockfaceStore, KioskDoc, NewDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** Named queries on `kiosks.db`. Every method raises `store-error`; writes also `read-only`. */
export interface KioskRepository {
  all(): Promise<KioskDoc[]>
  byId(id: string): Promise<KioskDoc | null>
  /** The registration whose token hashes to `tokenHash` (hex SHA-256), revoked or not. */
  byTokenHash(tokenHash: string): Promise<KioskDoc | null>
  /** The newest registration named `kioskId` that is not revoked, or null. */
  activeByKioskId(kioskId: string): Promise<KioskDoc | null>
  insert(doc: NewDoc<KioskDoc>): Promise<KioskDoc>
  update(id: string, set: Partial<NewDoc<KioskDoc>>): Promise<KioskDoc | null>
}

/** Creates the kiosk repository over the store. */
export function createKioskRepository(store: Pick<ClockfaceStore, 'kiosks' | 'readOnlyReason'>): KioskRepository {
  const db = store.kiosks
  return {
    all: () => storeOp('read kiosks', () => db.find({}).sort({ createdAt: 1 })),
    byId: (id) => storeOp('read the kiosk', () => db.findOne({ _id: id })),
    byTokenHash: (tokenHash) => storeOp('read the kiosk', () => db.findOne({ tokenHash })),
    activeByKioskId: (kioskId) =>
      storeOp('read the kiosk', () => db.findOne({ kioskId, revokedAt: { $exists: false } }).sort({ createdAt: -1 })),
    insert: (doc) => storeWrite(store, 'register the kiosk', () => db.insert(doc)),
    update: (id, set) =>
      storeWrite(store, 'save the kiosk', () => db.update({ _id: id }, { $set: set }, { returnUpdatedDocs: true })) as Promise<KioskDoc | null>
  }
}
