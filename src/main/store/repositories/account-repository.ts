import type { AccountDoc, ClockfaceStore, NewDoc } from '../store-types'
import { storeOp } from '../store-op'
import { storeWrite } from './write-guard'

/** Named queries on `accounts.db`. Every method raises `store-error`; writes also `read-only`. */
export interface AccountRepository {
  all(): Promise<AccountDoc[]>
  count(): Promise<number>
  countOwners(): Promise<number>
  byUsername(username: string): Promise<AccountDoc | null>
  byId(id: string): Promise<AccountDoc | null>
  /** Inserts; a taken username rejects with NeDB's unique violation (see isUniqueViolation). */
  insert(doc: NewDoc<AccountDoc>): Promise<AccountDoc>
  /** Sets fields (and unsets `unset`). */
  update(id: string, set: Partial<NewDoc<AccountDoc>>, unset?: readonly (keyof AccountDoc)[]): Promise<void>
  remove(id: string): Promise<number>
}

/** Creates the account repository over the store. */
export function createAccountRepository(store: Pick<ClockfaceStore, 'accounts' | 'readOnlyReason'>): AccountRepository {
  const db = store.accounts
  return {
    all: () => storeOp('read accounts', () => db.find({}).sort({ username: 1 })),
    count: () => storeOp('read accounts', () => db.count({})),
    countOwners: () => storeOp('read accounts', () => db.count({ role: 'owner' })),
    byUsername: (username) => storeOp('read the account', () => db.findOne({ username })),
    byId: (id) => storeOp('read the account', () => db.findOne({ _id: id })),
    insert: (doc) => storeWrite(store, 'save the account', () => db.insert(doc)),
    async update(id, set, unset = []) {
      await storeWrite(store, 'save the account', () =>
        db.update({ _id: id }, { $set: set, ...(unset.length > 0 ? { $unset: Object.fromEntries(unset.map((k) => [k, true])) } : {}) }, {})
      )
    },
    remove: (id) => storeWrite(store, 'delete the account', () => db.remove({ _id: id }, {}))
  }
}
