/**
 * Backups of a data folder in one file: every data file as it is on the disk (still
 * encrypted, line for line) and the manifest, each with its SHA-256, and a SHA-256 over the
 * whole. Restoring checks all of it, and that every line opens with the key, before anything
 * in the folder is touched.
 *
 * Format: a header line `clockface-backup 1 sha256:<hex>` followed by a JSON body whose
 * SHA-256 is that hex: `{ format, version, createdAt, encrypted, files: [{ name, bytes,
 * sha256, data (base64) }] }`.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { fileTimestamp } from './damaged-copy'
import { checkManifestKey, MANIFEST_FILE, parseManifest, unlockKey } from './data-manifest'
import { scanBytes } from './data-file-scan'
import { DIR_MODE, ensurePrivateDir, fsyncDir, writeFileAtomic } from './file-modes'
import { isStoreFileName, STORE_FILES } from './folder-layout'
import type { DataKey } from './key-provider'
import { createLineCodec, type LineCodec } from './line-codec'
import { describeLines } from './load-collection'
import { lockDataDir, lockHolder } from './store-lock'
import type { ClockfaceStore } from './store-types'

/** First word of a backup file's header line. */
export const BACKUP_MAGIC = 'clockface-backup'
/** Current backup format version. */
export const BACKUP_VERSION = 1

const HEADER = /^clockface-backup (\d+) sha256:([0-9a-f]{64})\n/

interface BackupEntry {
  name: string
  bytes: number
  sha256: string
  /** The file's bytes, base64. */
  data: string
}

interface BackupBody {
  format: typeof BACKUP_MAGIC
  version: number
  createdAt: string
  encrypted: boolean
  files: BackupEntry[]
}

/** What a backup holds, as {@link createBackup}, {@link verifyBackup} and {@link restoreBackup} report it. */
export interface BackupSummary {
  /** Absolute path of the backup file. */
  file: string
  /** When the backup was made (UTC ISO). */
  createdAt: string
  /** Size of the backup file, in bytes. */
  bytes: number
  /** True when the data in it is encrypted (it has a manifest). */
  encrypted: boolean
  /** The files in it: name, size in bytes, and for data files the number of lines (after verification). */
  files: { name: string; bytes: number; lines?: number }[]
}

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex')

/** Drops a last line still being appended (no line end yet): a live store's files are read between writes. */
function completeLines(bytes: Buffer): Buffer {
  const end = bytes.lastIndexOf(0x0a)
  return bytes.subarray(0, end + 1)
}

/**
 * Writes a backup of a data folder to `outFile` (crash-safe: temp file and rename; mode
 * 0600; missing folders created 0700). `source` is an open store, or the path of a data
 * folder. The files of a store open here or in another process are read between its writes
 * (a line being appended at that instant is left for the next backup); those of a closed
 * folder are taken exactly as they are, damage included (verifyBackup then refuses them).
 * Raises ClockfaceError `read-only` when the open store has damaged files (repair or restore
 * first: a backup of them would not verify), `store-error` when a file cannot be read or the
 * backup written.
 */
export async function createBackup(source: ClockfaceStore | string, outFile: string, now: Date = new Date()): Promise<BackupSummary> {
  const dir = typeof source === 'string' ? resolve(source) : source.dataDir
  if (typeof source !== 'string') {
    const reason = source.readOnlyReason()
    if (reason !== null) throw new ClockfaceError('read-only', `No backup was made: ${reason}`)
  }
  // Files another process is appending to are read between its writes, like those of `source`.
  const live = typeof source !== 'string' || lockHolder(dir) !== null
  const files: BackupEntry[] = []
  try {
    for (const name of [...Object.values(STORE_FILES), MANIFEST_FILE]) {
      const path = join(dir, name)
      if (!existsSync(path)) continue
      let data: Buffer = readFileSync(path)
      if (live && name !== MANIFEST_FILE) data = completeLines(data)
      files.push({ name, bytes: data.byteLength, sha256: sha256(data), data: data.toString('base64') })
    }
  } catch (error) {
    throw new ClockfaceError('store-error', `No backup was made: cannot read the data folder ${dir}: ${(error as Error).message}`)
  }
  const body: BackupBody = {
    format: BACKUP_MAGIC,
    version: BACKUP_VERSION,
    createdAt: now.toISOString(),
    encrypted: files.some((f) => f.name === MANIFEST_FILE),
    files
  }
  const json = JSON.stringify(body)
  const text = `${BACKUP_MAGIC} ${BACKUP_VERSION} sha256:${sha256(json)}\n${json}`
  const out = resolve(outFile)
  try {
    mkdirSync(dirname(out), { recursive: true, mode: DIR_MODE })
    writeFileAtomic(out, text)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot write the backup ${out}: ${(error as Error).message}`)
  }
  return {
    file: out,
    createdAt: body.createdAt,
    bytes: Buffer.byteLength(text),
    encrypted: body.encrypted,
    files: files.map(({ name, bytes }) => ({ name, bytes }))
  }
}

/** Reads and checks a backup; returns its summary and file contents. */
async function readVerified(file: string, key: DataKey | undefined): Promise<{ summary: BackupSummary; contents: Map<string, Buffer> }> {
  const path = resolve(file)
  const refuse = (why: string) => new ClockfaceError('invalid-input', `The backup ${path} ${why}. It was not used.`)
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new ClockfaceError('invalid-input', `Cannot read the backup ${path}: ${(error as Error).message}`)
  }
  const header = HEADER.exec(text)
  if (header === null) throw refuse('is not a Clockface backup (no header line)')
  if (Number(header[1]) !== BACKUP_VERSION) throw refuse(`has format version ${header[1]}; this Clockface reads version ${BACKUP_VERSION}`)
  const json = text.slice(header[0].length)
  if (sha256(json) !== header[2]) throw refuse('is damaged: its checksum does not match its content (changed or truncated)')
  let body: BackupBody
  try {
    body = JSON.parse(json) as BackupBody
  } catch {
    throw refuse('is damaged (its content is not JSON)')
  }
  if (body.format !== BACKUP_MAGIC || !Array.isArray(body.files) || typeof body.createdAt !== 'string') throw refuse('is not a Clockface backup')

  const contents = new Map<string, Buffer>()
  for (const entry of body.files) {
    // Only known names: a crafted backup must not be able to write anywhere else on restore.
    if (typeof entry.name !== 'string' || (!isStoreFileName(entry.name) && entry.name !== MANIFEST_FILE) || contents.has(entry.name)) {
      throw refuse(`holds an unexpected file ${JSON.stringify(entry.name)}`)
    }
    const data = Buffer.from(typeof entry.data === 'string' ? entry.data : '', 'base64')
    if (data.byteLength !== entry.bytes || sha256(data) !== entry.sha256) throw refuse(`is damaged: the checksum of ${entry.name} does not match`)
    contents.set(entry.name, data)
  }

  let codec: LineCodec = createLineCodec('plain')
  const manifestBytes = contents.get(MANIFEST_FILE)
  if (manifestBytes !== undefined) {
    const where = `the backup ${path}`
    const manifest = parseManifest(manifestBytes.toString('utf8'), where)
    if (key === undefined) throw new ClockfaceError('store-error', `The backup ${path} is encrypted; give its key to use it.`)
    // With a manifest present, a key file is read, never created.
    const unlocked = await unlockKey(key, manifest, where)
    const { migrating } = checkManifestKey(manifest, unlocked.key, unlocked.source, where)
    codec = createLineCodec(migrating ? 'migrating' : 'sealed', unlocked.key)
  }

  const files: BackupSummary['files'] = []
  for (const [name, data] of contents) {
    if (name === MANIFEST_FILE) {
      files.push({ name, bytes: data.byteLength })
      continue
    }
    const scan = scanBytes(data, codec)
    if (scan.damaged.length > 0) throw refuse(`holds lines that do not open with the key or do not parse: ${name} ${describeLines(scan.damaged)}`)
    files.push({ name, bytes: data.byteLength, lines: scan.good.length })
  }
  return {
    summary: { file: path, createdAt: body.createdAt, bytes: Buffer.byteLength(text), encrypted: manifestBytes !== undefined, files },
    contents
  }
}

/**
 * Checks a backup file: its header, the SHA-256 over the whole and of each file, and that
 * every line of every data file decrypts (with `key`, checked first against the backup's
 * manifest) and parses. `key` may be omitted for a backup of a folder that is not encrypted.
 * Resolves to its summary. Raises ClockfaceError `invalid-input` when the file is not a
 * backup, is damaged or holds a line that does not open, `store-error` when the key is
 * missing or wrong ("wrong key").
 */
export async function verifyBackup(file: string, key?: DataKey): Promise<BackupSummary> {
  return (await readVerified(file, key)).summary
}

/** What {@link restoreBackup} did. */
export interface RestoreResult extends BackupSummary {
  /** Folder (inside the data folder) the files that were replaced were moved to, or null when there were none. */
  setAside: string | null
}

/**
 * Replaces the data of `dataDir` with a backup. First verifies it completely (see
 * {@link verifyBackup}; nothing is touched when that fails), then takes the folder's lock (so
 * no Clockface may have it open), moves the current data files and manifest to
 * `<dataDir>/replaced-<UTC time>/` (kept, never deleted) and writes the backup's files
 * (crash-safe, mode 0600; the manifest last). The folder then opens with the backup's key.
 * Raises as {@link verifyBackup}, and ClockfaceError `store-error` when the folder is in use
 * or cannot be written.
 */
export async function restoreBackup(file: string, dataDir: string, key?: DataKey, now: Date = new Date()): Promise<RestoreResult> {
  const { summary, contents } = await readVerified(file, key)
  const dir = resolve(dataDir)
  try {
    ensurePrivateDir(dir)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot create the data folder ${dir}: ${(error as Error).message}`)
  }
  const unlock = lockDataDir(dir)
  try {
    let setAside: string | null = null
    const replaced = [...Object.values(STORE_FILES).flatMap((name) => [name, `${name}~`]), MANIFEST_FILE].filter((name) => existsSync(join(dir, name)))
    try {
      if (replaced.length > 0) {
        setAside = join(dir, `replaced-${fileTimestamp(now)}`)
        for (let n = 2; existsSync(setAside); n++) setAside = join(dir, `replaced-${fileTimestamp(now)}-${n}`)
        ensurePrivateDir(setAside)
        for (const name of replaced) renameSync(join(dir, name), join(setAside, name))
        fsyncDir(setAside)
        fsyncDir(dir)
      }
      const order = [...contents.keys()].sort((a, b) => Number(a === MANIFEST_FILE) - Number(b === MANIFEST_FILE))
      for (const name of order) writeFileAtomic(join(dir, name), contents.get(name)!)
    } catch (error) {
      throw new ClockfaceError(
        'store-error',
        `The restore into ${dir} failed part way: ${(error as Error).message}.` + (setAside ? ` The previous files are in ${setAside}.` : '')
      )
    }
    return { ...summary, setAside }
  } finally {
    unlock()
  }
}
