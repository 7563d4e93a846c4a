import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ClockfaceError } from '../../shared/errors'

/** Name of the lock file inside the data folder. */
export const LOCK_FILE = 'clockface.lock'

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * The pid of another live process holding the data folder's lock, or null when none does (no
 * lock file, an unreadable one, or one left by a process that has exited). Used to tell
 * whether a folder may be read as closed (backup) or replaced (restore takes the lock itself).
 */
export function lockHolder(dataDir: string): number | null {
  let holder = Number.NaN
  try {
    holder = Number.parseInt(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim(), 10)
  } catch {
    return null
  }
  return Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder) ? holder : null
}

/**
 * Claims the data folder for this process. NeDB keeps every datastore in memory and rewrites
 * the files on compaction, so two processes on one folder (say the kiosk app and a CLI import)
 * would silently lose each other's writes. A lock left by a process that no longer runs is taken
 * over. Returns a function that releases the lock.
 *
 * Raises ClockfaceError `store-error` when another live process holds the folder or the lock
 * file cannot be written.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // Private like every file in the folder (see file-modes.ts).
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 })
      let released = false
      return () => {
        if (released) return
        released = true
        rmSync(file, { force: true })
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ClockfaceError('store-error', `Cannot lock the data folder ${dataDir}: ${(error as Error).message}`)
      }
      let holder = Number.NaN
      try {
        holder = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
      } catch {
        // Unreadable or vanished lock: treat as stale.
      }
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new ClockfaceError(
          'store-error',
          `The data folder ${dataDir} is in use by another Clockface process (pid ${holder}); close it first, or delete ${file} if no Clockface is running.`,
          { pid: holder }
        )
      }
      if (holder === process.pid) {
        throw new ClockfaceError('store-error', `The data folder ${dataDir} is already open in this process.`)
      }
      rmSync(file, { force: true })
    }
  }
  throw new ClockfaceError('store-error', `Cannot lock the data folder ${dataDir}: another process keeps claiming it.`)
}
