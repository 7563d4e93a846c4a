import type { ClockfaceStore, NewDoc, VisitorDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** Named queries on `visitors.db`. Every method raises `store-error`; writes also `read-only`. */
export interface VisitorRepository {
  /** Every visitor's id and descriptor: what the visitor gallery loads. */
  allDescriptors(): Promise<Pick<VisitorDoc, '_id' | 'visitorId' | 'descriptor' | 'model'>[]>
  /** Visitors without descriptors, newest first, after `offset`, at most `limit`. */
  page(offset: number, limit: number): Promise<Omit<VisitorDoc, 'descriptor'>[]>
  byVisitorId(visitorId: string): Promise<VisitorDoc | null>
  count(): Promise<number>
  insert(doc: NewDoc<VisitorDoc>): Promise<VisitorDoc>
  /** Records another sighting (time, count + 1). */
  seen(visitorId: string, time: string): Promise<void>
  /** Removes one visitor; resolves to the number removed. */
  remove(visitorId: string): Promise<number>
  /** Removes visitors last seen before `time` (UTC ISO; every visitor when undefined); resolves to the number removed. */
  removeSeenBefore(time: string | undefined): Promise<number>
  /** Rewrites the file so removed descriptors are gone from the bytes too. */
  compact(): Promise<void>
}

/** Creates the visitor repository over the store. */
export function createVisitorRepository(store: Pick<ClockfaceStore, 'visitors' | 'readOnlyReason'>): VisitorRepository {
  const db = store.visitors
  return {
    allDescriptors: () => storeOp('load the visitor gallery', () => db.find({}, { visitorId: 1, descriptor: 1, model: 1 })),
    page: (offset, limit) => storeOp('read visitors', () => db.find({}, { descriptor: 0 }).sort({ createdAt: -1 }).skip(offset).limit(limit)),
    byVisitorId: (visitorId) => storeOp('read the visitor', () => db.findOne({ visitorId })),
    count: () => storeOp('count visitors', () => db.count({})),
    insert: (doc) => storeWrite(store, 'save the visitor', () => db.insert(doc)),
    async seen(visitorId, time) {
      await storeWrite(store, 'save the visitor', () => db.update({ visitorId }, { $set: { lastSeenAt: time }, $inc: { seenCount: 1 } }, {}))
    },
    remove: (visitorId) => storeWrite(store, 'delete the visitor', () => db.remove({ visitorId }, {})),
    removeSeenBefore: (time) =>
      storeWrite(store, 'delete visitors', () => db.remove(time === undefined ? {} : { lastSeenAt: { $lt: time } }, { multi: true })),
    compact: () => storeWrite(store, 'compact the visitor file', () => (db as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync())
  }
}
