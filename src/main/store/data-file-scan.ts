/**
 * Reads a data file line by line before NeDB sees it, so damage is found, located and
 * reported instead of being dropped: NeDB skips lines it cannot parse (up to its
 * corruptAlertThreshold) and rewrites the file without them when it loads.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { NEDB_LINE_SPLIT, parseLogLine, type LineCodec, type LogEntry } from './line-codec'

/** One line that decoded and parsed. */
export interface GoodLine {
  /** 1-based line number in the file. */
  line: number
  /** The line's JSON after decryption (what NeDB deserializes). */
  json: string
  entry: LogEntry
}

/** The verdict on one data file. */
export interface FileScan {
  /** SHA-256 of the file's bytes (hex); of no bytes when the file does not exist. */
  sha256: string
  /** Size in bytes (0 when the file does not exist). */
  bytes: number
  /** Lines that decoded and parsed, in file order. */
  good: GoodLine[]
  /**
   * 1-based numbers of the lines that did not: a flipped byte, a torn last line, a line that
   * fails authentication, a plain line in an encrypted folder, JSON that does not parse.
   */
  damaged: number[]
}

/** Scans bytes already read (see {@link scanDataFile}); the line rules are NeDB's (empty lines are skipped). */
export function scanBytes(bytes: Buffer, codec: LineCodec): FileScan {
  const lines = bytes.toString('utf8').split(NEDB_LINE_SPLIT)
  const good: GoodLine[] = []
  const damaged: number[] = []
  lines.forEach((text, index) => {
    if (text === '') return
    try {
      const json = codec.decode(text)
      good.push({ line: index + 1, json, entry: parseLogLine(json) })
    } catch {
      damaged.push(index + 1)
    }
  })
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.byteLength, good, damaged }
}

/** Reads and scans `file` with the folder's codec; a missing file scans as empty. Raises what readFile raises. */
export function scanDataFile(file: string, codec: LineCodec): FileScan {
  return scanBytes(existsSync(file) ? readFileSync(file) : Buffer.alloc(0), codec)
}

/** The documents and index definitions a log holds after replay. */
export interface ReplayedLog {
  docs: Record<string, unknown>[]
  indexes: { fieldName: string; unique?: boolean; sparse?: boolean }[]
}

/**
 * Replays NeDB's append-only log as its loader does: a later line with the same `_id`
 * replaces an earlier one, a `$$deleted` line removes it, `$$indexCreated` / `$$indexRemoved`
 * lines add and drop index definitions.
 */
export function replayLog(lines: readonly GoodLine[]): ReplayedLog {
  const docs = new Map<string, Record<string, unknown>>()
  const indexes = new Map<string, { fieldName: string; unique?: boolean; sparse?: boolean }>()
  for (const { entry } of lines) {
    if (entry.kind === 'doc') docs.set(entry.id, entry.doc)
    else if (entry.kind === 'deleted') docs.delete(entry.id)
    else if (entry.kind === 'index') indexes.set(entry.fieldName, entry.definition)
    else indexes.delete(entry.fieldName)
  }
  return { docs: [...docs.values()], indexes: [...indexes.values()] }
}
