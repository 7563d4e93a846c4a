import type { Collection } from '../store-types'

/**
 * Rewrites a collection's data file with one line per live document (NeDB's
 * `compactDatafileAsync`: written to a temporary file, flushed, then renamed over the old
 * one). NeDB's file is an append-only log: an edit or a removal adds a line and leaves the
 * old ones, so compaction is what takes removed data out of the file. Rejects with NeDB's
 * error when the file cannot be written (callers wrap it in storeOp/storeWrite).
 */
export async function compactFile<T extends { _id: string }>(collection: Collection<T>): Promise<void> {
  await (collection as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync()
}
