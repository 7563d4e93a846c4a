/**
 * The datastore object the repositories hold for one data file. It stays the same object for
 * the life of the store while the datastore behind it may change (a damaged file is served
 * from memory, then from its repaired file), and it adds two things NeDB lacks: refusing
 * writes while the file is damaged, and flushing each acknowledged write to the disk.
 */
import { ClockfaceError } from '../../shared/errors'
import { fsyncFileAsync } from './file-modes'
import type { Collection } from './store-types'

/** Datastore methods that change data or indexes (nedb-promises' names). */
const WRITE_METHODS = new Set<PropertyKey>([
  'insert',
  'insertOne',
  'insertMany',
  'update',
  'updateOne',
  'updateMany',
  'remove',
  'removeOne',
  'removeMany',
  'deleteOne',
  'deleteMany',
  'ensureIndex',
  'removeIndex'
])

/** How the datastore behind a handle is used. */
export interface HandleTarget<T extends { _id: string }> {
  datastore: Collection<T>
  /**
   * Why writes are refused (the file is damaged and served read-only from memory), or null.
   * A refused write raises ClockfaceError `read-only` with it.
   */
  refuse: string | null
  /** The file to fsync after each write, or null for no flush (an in-memory datastore, or flushing turned off). */
  syncFile: string | null
}

/** A stable collection object and the means to change what is behind it. */
export interface CollectionHandle<T extends { _id: string }> {
  /** What the store hands out; forwards every property to the current datastore. */
  collection: Collection<T>
  current(): HandleTarget<T>
  replace(target: HandleTarget<T>): void
}

/**
 * Wraps `initial` in a {@link CollectionHandle}. Writes resolve only after the file is flushed
 * (fsync), so an acknowledged write survives a power cut as well as a killed process; a write
 * whose flush fails rejects (the record may or may not be on the disk, so it is not
 * acknowledged).
 */
export function createCollectionHandle<T extends { _id: string }>(initial: HandleTarget<T>): CollectionHandle<T> {
  let target = initial
  const collection = new Proxy(initial.datastore as object, {
    get(_shell, property) {
      const { datastore, refuse, syncFile } = target
      const value = Reflect.get(datastore as object, property) as unknown
      if (typeof value !== 'function') return value
      const method = value as (...args: unknown[]) => unknown
      if (!WRITE_METHODS.has(property)) return method.bind(datastore)
      return async (...args: unknown[]) => {
        if (refuse !== null) throw new ClockfaceError('read-only', refuse)
        const result = await method.apply(datastore, args)
        if (syncFile !== null) await fsyncFileAsync(syncFile)
        return result
      }
    }
  }) as Collection<T>
  return {
    collection,
    current: () => target,
    replace(next) {
      target = next
    }
  }
}
