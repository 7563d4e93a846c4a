/**
 * Loads one data file into a collection: a clean file through NeDB (which then owns it and
 * compacts it), a damaged one from its good lines into memory, read-only, with the file left
 * exactly as it was. Also the repair that turns the second into the first.
 */
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import Datastore from 'nedb-promises'
import { ClockfaceError } from '../../shared/errors'
import { createCollectionHandle, type CollectionHandle, type HandleTarget } from './collection-handle'
import { keepDamagedCopy } from './damaged-copy'
import { replayLog, scanDataFile, type FileScan } from './data-file-scan'
import { DIR_MODE, FILE_MODE, makePrivate, writeFileAtomic } from './file-modes'
import type { LineCodec } from './line-codec'
import type { Collection } from './store-types'

/** An index a collection needs (see openStore). */
export interface IndexSpec {
  fieldName: string
  unique?: boolean
}

/** A damaged data file, loaded read-only. */
export interface FileDamage {
  /** File name inside the data folder, e.g. `templates.db`. */
  file: string
  /** 1-based numbers of the damaged lines. */
  lines: number[]
  /** File name of the byte-exact copy kept beside it. */
  copy: string
  /** SHA-256 of the file when it was loaded (hex); a repair refuses a file changed since. */
  sha256: string
}

/** A loaded collection: its stable handle and, when the file is damaged, what is wrong. */
export interface LoadedCollection<T extends { _id: string }> {
  handle: CollectionHandle<T>
  damage: FileDamage | null
}

/** What loading needs besides the file: the folder's line codec and whether writes are flushed. */
export interface LoadOptions {
  codec: LineCodec
  /** fsync the file after each acknowledged write (see collection-handle.ts). */
  fsync: boolean
}

/** How many damaged line numbers a message lists before saying "and N more". */
const LINES_IN_MESSAGE = 10

/** `lines 3, 9 and 12` / `line 7` / `lines 1, 2, … and 40 more`. */
export function describeLines(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`
  const shown = lines.slice(0, LINES_IN_MESSAGE)
  const rest = lines.length - shown.length
  if (rest > 0) return `lines ${shown.join(', ')} and ${rest} more`
  return `lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`
}

/** The sentence a refused write and readOnlyReason give for one damaged file. */
export function describeDamage(damage: FileDamage): string {
  return `the data file ${damage.file} has damaged ${describeLines(damage.lines)}; it is loaded read-only and kept unchanged (copy: ${damage.copy})`
}

/** Creates the file-backed NeDB datastore of `filename` with the folder's hooks; no line is ever dropped silently. */
function fileDatastore<T extends { _id: string }>(filename: string, codec: LineCodec): Collection<T> {
  return Datastore.create({
    filename,
    // Any line NeDB cannot read makes it refuse to load (and so to compact) instead of dropping it.
    corruptAlertThreshold: 0,
    afterSerialization: codec.encode,
    beforeDeserialization: codec.decode,
    modes: { fileMode: FILE_MODE, dirMode: DIR_MODE }
  } as Parameters<typeof Datastore.create>[0]) as unknown as Collection<T>
}

/**
 * Loads a file that scanned clean through NeDB (which compacts it: crash-safe, temp file and
 * rename) and ensures `indexes`. Raises ClockfaceError `store-error` naming the file when NeDB
 * refuses it (say, two documents breaking a unique index); NeDB writes nothing then.
 */
async function loadClean<T extends { _id: string }>(path: string, indexes: readonly IndexSpec[], options: LoadOptions): Promise<HandleTarget<T>> {
  const datastore = fileDatastore<T>(path, options.codec)
  try {
    await datastore.load()
    for (const index of indexes) await datastore.ensureIndex(index)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ClockfaceError(
      'store-error',
      `The data file ${path} could not be loaded (${reason}). It was left untouched; restore it from a backup or move it aside to start with an empty one.`,
      { file: path }
    )
  }
  makePrivate(path)
  return { datastore, refuse: null, syncFile: options.fsync ? path : null }
}

/** Serves the good lines of a damaged file from memory; the file itself is never opened for writing. */
async function loadDamaged<T extends { _id: string }>(path: string, scan: FileScan, indexes: readonly IndexSpec[], refuse: string): Promise<HandleTarget<T>> {
  const { docs, indexes: fileIndexes } = replayLog(scan.good)
  const datastore = Datastore.create({ inMemoryOnly: true }) as unknown as Collection<T>
  try {
    // Loading an in-memory datastore empties it, and nedb-promises loads on first use: do it first.
    await datastore.load()
    for (const index of [...fileIndexes, ...indexes]) await datastore.ensureIndex(index)
    if (docs.length > 0) await datastore.insert(docs as unknown as T[])
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ClockfaceError('store-error', `The good lines of the damaged data file ${path} could not be loaded (${reason}). It was left untouched.`, {
      file: path
    })
  }
  return { datastore, refuse, syncFile: null }
}

/**
 * Loads `<dataDir>/<file>`. A temporary `<file>~` left by a crash during compaction is
 * recovered first as NeDB itself would (only when the file is missing). A clean file is
 * loaded by NeDB; a damaged one is copied to `<file>.damaged-<UTC time>` and its good lines
 * (NeDB's log replayed) served read-only from memory, the file untouched. Both get mode 0600.
 * Raises ClockfaceError `store-error` when the file cannot be read or loaded.
 */
export async function loadCollection<T extends { _id: string }>(
  dataDir: string,
  file: string,
  indexes: readonly IndexSpec[],
  options: LoadOptions
): Promise<LoadedCollection<T>> {
  const path = join(dataDir, file)
  let scan: FileScan
  try {
    if (!existsSync(path) && existsSync(`${path}~`)) renameSync(`${path}~`, path)
    makePrivate(path)
    scan = scanDataFile(path, options.codec)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot read the data file ${path}: ${(error as Error).message}`, { file: path })
  }
  if (scan.damaged.length === 0) {
    return { handle: createCollectionHandle(await loadClean<T>(path, indexes, options)), damage: null }
  }
  let copy: string
  try {
    copy = keepDamagedCopy(path, scan.sha256)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot keep a copy of the damaged data file ${path}: ${(error as Error).message}. It was left untouched.`, {
      file: path
    })
  }
  const damage: FileDamage = { file, lines: scan.damaged, copy, sha256: scan.sha256 }
  const target = await loadDamaged<T>(path, scan, indexes, `Refused: ${describeDamage(damage)}.`)
  return { handle: createCollectionHandle(target), damage }
}

/**
 * Drops the damaged lines of a file loaded read-only: rewrites it crash-safely with only its
 * good lines (in order, re-encoded with the folder's codec, so they come out encrypted even
 * in a folder being encrypted), loads it through NeDB and puts that datastore behind the
 * handle, which accepts writes again. The damaged copy stays. Raises ClockfaceError
 * `store-error` when the file changed since it was loaded (someone else is at it) or cannot
 * be rewritten or loaded.
 */
export async function repairCollection<T extends { _id: string }>(
  dataDir: string,
  loaded: LoadedCollection<T>,
  indexes: readonly IndexSpec[],
  options: LoadOptions
): Promise<void> {
  const damage = loaded.damage
  if (damage === null) return
  const path = join(dataDir, damage.file)
  const scan = scanDataFile(path, options.codec)
  if (scan.sha256 !== damage.sha256) {
    throw new ClockfaceError('store-error', `The data file ${path} changed since it was loaded; reopen the data folder before repairing it.`, { file: path })
  }
  try {
    writeFileAtomic(path, scan.good.map((g) => `${options.codec.encode(g.json)}\n`).join(''))
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot rewrite the data file ${path}: ${(error as Error).message}`, { file: path })
  }
  loaded.handle.replace(await loadClean<T>(path, indexes, options))
  loaded.damage = null
}
