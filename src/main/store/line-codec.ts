/**
 * How one line of a data file is written and read: the NeDB serialization hooks of a folder
 * and the parse of a line into what NeDB's append-only log means by it.
 */
import { createLineCipher, isEncryptedLine } from './line-cipher'

/**
 * What a folder accepts on read:
 * - `plain`: an unencrypted folder (no key); encrypted lines are refused.
 * - `sealed`: an encrypted folder; only lines that decrypt and authenticate are accepted, so
 *   nobody can inject a record by appending plain text.
 * - `migrating`: a plain folder being encrypted in place; both kinds are accepted.
 */
export type CodecMode = 'plain' | 'sealed' | 'migrating'

/** The line transforms of one folder. */
export interface LineCodec {
  mode: CodecMode
  /** NeDB's `afterSerialization`: one serialized document in, one line (no line break) out. */
  encode(serialized: string): string
  /** NeDB's `beforeDeserialization`: one line in, its JSON out; throws for a line the mode refuses. */
  decode(line: string): string
}

/**
 * Characters NeDB's line reader (its byline module) treats as line ends but JSON.stringify
 * leaves unescaped inside strings; a name holding one would be cut in two on the next load.
 */
const LINE_BREAKS_JSON_KEEPS = /[\u0085\u2028\u2029]/g
const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`

/**
 * Splits a data file as NeDB's loader does (byline: CRLF, LF, VT, FF, CR, NEL, LS, PS), so line
 * numbers and verdicts here match what NeDB would read.
 */
export const NEDB_LINE_SPLIT = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/

/** The codec of a folder: `plain` needs no key; `sealed` and `migrating` need the 32-byte key. */
export function createLineCodec(mode: 'plain'): LineCodec
export function createLineCodec(mode: CodecMode, key: Uint8Array): LineCodec
export function createLineCodec(mode: CodecMode, key?: Uint8Array): LineCodec {
  if (mode === 'plain') {
    return {
      mode,
      encode: (serialized) => serialized.replace(LINE_BREAKS_JSON_KEEPS, escapeChar),
      decode(line) {
        if (isEncryptedLine(line)) throw new Error('an encrypted line in a folder that is not encrypted')
        return line
      }
    }
  }
  if (key === undefined) throw new RangeError(`A ${mode} codec needs a key`)
  const cipher = createLineCipher(key)
  return {
    mode,
    encode: (serialized) => cipher.encrypt(serialized),
    decode(line) {
      if (isEncryptedLine(line)) return cipher.decrypt(line)
      if (mode === 'migrating') return line
      throw new Error('a line that is not encrypted in an encrypted folder')
    }
  }
}

/** What one line of NeDB's append-only log says. */
export type LogEntry =
  | { kind: 'doc'; id: string; doc: Record<string, unknown> }
  | { kind: 'deleted'; id: string }
  | { kind: 'index'; fieldName: string; definition: { fieldName: string; unique?: boolean; sparse?: boolean } }
  | { kind: 'index-removed'; fieldName: string }

/**
 * Parses the JSON of one line as NeDB's `model.deserialize` does (`{"$$date": ms}` becomes a
 * Date) and says what it means: a document (a later one with the same `_id` replaces it), a
 * deletion (`{"$$deleted":true,"_id":…}`), an index definition (`{"$$indexCreated":{…}}`) or an
 * index removal (`{"$$indexRemoved":"field"}`). Throws an Error for anything else, lines NeDB
 * would silently skip included.
 */
export function parseLogLine(json: string): LogEntry {
  // A reviver costs a call per value (a descriptor has 128): only lines holding a date need one.
  const value: unknown = json.includes('"$$date"')
    ? JSON.parse(json, function (key, v: unknown) {
        if (key === '$$date') return new Date(v as number)
        if (typeof v === 'object' && v !== null && '$$date' in v && (v as { $$date: unknown }).$$date) return (v as { $$date: unknown }).$$date
        return v
      })
    : JSON.parse(json)
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object')
  const record = value as Record<string, unknown>
  const id = record['_id']
  if (typeof id === 'string' && id !== '') {
    return record['$$deleted'] === true ? { kind: 'deleted', id } : { kind: 'doc', id, doc: record }
  }
  const created = record['$$indexCreated']
  if (typeof created === 'object' && created !== null && typeof (created as { fieldName?: unknown }).fieldName === 'string') {
    const definition = created as { fieldName: string; unique?: boolean; sparse?: boolean }
    return { kind: 'index', fieldName: definition.fieldName, definition }
  }
  const removed = record['$$indexRemoved']
  if (typeof removed === 'string') return { kind: 'index-removed', fieldName: removed }
  throw new Error('not a document, deletion or index line')
}
