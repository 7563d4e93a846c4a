/**
 * Keeps a byte-exact copy of a damaged data file beside it, `<file>.damaged-<UTC time>`, so the
 * evidence survives whatever an owner decides (repair drops the damaged lines from the
 * original; the copy stays).
 */
import { createHash } from 'node:crypto'
import { copyFileSync, constants, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fsyncDir, fsyncFile, makePrivate } from './file-modes'

/** `20240131T080910Z`: a UTC time that sorts as text and is safe in a file name on every system. */
export function fileTimestamp(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
}

/**
 * Copies `file` (whose bytes hash to `sha256`, hex) to `<file>.damaged-<UTC time>` with mode
 * 0600 and returns the copy's file name (no folder). An existing copy with the same bytes is
 * reused, so reopening a damaged folder does not pile up copies. Raises what copyFile raises.
 */
export function keepDamagedCopy(file: string, sha256: string, now: Date = new Date()): string {
  const dir = dirname(file)
  const prefix = `${basename(file)}.damaged-`
  for (const name of readdirSync(dir).filter((n) => n.startsWith(prefix)).sort()) {
    const digest = createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')
    if (digest === sha256) return name
  }
  let name = `${prefix}${fileTimestamp(now)}`
  for (let n = 2; readdirSync(dir).includes(name); n++) name = `${prefix}${fileTimestamp(now)}-${n}`
  const copy = join(dir, name)
  copyFileSync(file, copy, constants.COPYFILE_EXCL)
  makePrivate(copy)
  fsyncFile(copy)
  fsyncDir(dir)
  return name
}
