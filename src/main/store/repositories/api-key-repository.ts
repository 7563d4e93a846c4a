import type { ApiKeyDoc, ClockfaceStore, NewDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** Named queries on `apikeys.db`. Every method raises `store-error`; writes also `read-only`. */
export interface ApiKeyRepository {
  all(): Promise<ApiKeyDoc[]>
  byId(id: string): Promise<ApiKeyDoc | null>
  /** The key whose public prefix is `prefix`, revoked or not. */
  byPrefix(prefix: string): Promise<ApiKeyDoc | null>
  insert(doc: NewDoc<ApiKeyDoc>): Promise<ApiKeyDoc>
  update(id: string, set: Partial<NewDoc<ApiKeyDoc>>): Promise<ApiKeyDoc | null>
}

/** Creates the API key repository over the store. */
export function createApiKeyRepository(store: Pick<ClockfaceStore, 'apiKeys' | 'readOnlyReason'>): ApiKeyRepository {
  const db = store.apiKeys
  return {
    all: () => storeOp('read API keys', () => db.find({}).sort({ createdAt: 1 })),
    byId: (id) => storeOp('read the API key', () => db.findOne({ _id: id })),
    byPrefix: (prefix) => storeOp('read the API key', () => db.findOne({ prefix })),
    insert: (doc) => storeWrite(store, 'save the API key', () => db.insert(doc)),
    update: (id, set) =>
      storeWrite(store, 'save the API key', () => db.update({ _id: id }, { $set: set }, { returnUpdatedDocs: true })) as Promise<ApiKeyDoc | null>
  }
}
