import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { checkManifestKey, createManifest, MANIFEST_FILE, readManifest, unlockKey, writeManifest, type KdfRecord } from './data-manifest'
import { DIR_MODE, ensurePrivateDir, FILE_MODE, makePrivate } from './file-modes'
import { BACKUP_DIR_NAME, KEYRING_FILE, STORE_FILES } from './folder-layout'
import type { DataKey } from './key-provider'
import { createLineCodec, type LineCodec } from './line-codec'
import { describeDamage, loadCollection, repairCollection, type IndexSpec, type LoadedCollection, type LoadOptions } from './load-collection'
import { LOCK_FILE, lockDataDir } from './store-lock'
import type { ClockfaceStore, Collection, StoreHealth } from './store-types'

export { STORE_FILES, type StoreFileName } from './folder-layout'

type CollectionName = keyof typeof STORE_FILES

/** The indexes each collection needs: the ones the repositories query by. */
const INDEXES: Record<CollectionName, readonly IndexSpec[]> = {
  employees: [{ fieldName: 'code', unique: true }],
  templates: [{ fieldName: 'employeeId' }],
  attendance: [{ fieldName: 'employeeId' }, { fieldName: 'time' }],
  audit: [{ fieldName: 'time' }],
  accounts: [{ fieldName: 'username', unique: true }],
  kiosks: [{ fieldName: 'tokenHash' }],
  settings: [],
  apiKeys: [{ fieldName: 'prefix', unique: true }],
  visitors: [{ fieldName: 'createdAt' }],
  punchPhotos: [{ fieldName: 'punchId', unique: true }, { fieldName: 'time' }]
}

/** How {@link openStore} opens a folder. */
export interface OpenStoreOptions {
  /**
   * The folder's key (see key-provider.ts). Required for an encrypted folder. Given for a
   * folder that is not encrypted yet, the folder is encrypted in place (once; from then on
   * plain lines are refused as damaged). Without it, a folder that is not encrypted stays so.
   */
  key?: DataKey
  /**
   * Flush each acknowledged write to the disk (fsync) so it survives a power cut, not only a
   * killed process (default true; about 0.5 ms per write on an SSD).
   */
  fsync?: boolean
}

/** The folder's line codec and, for an encrypted folder, its key and passphrase record. */
interface FolderCrypto {
  codec: LineCodec
  key?: Buffer
  kdf?: KdfRecord
}

/** True when any data file has content: a folder that holds data is migrated, an empty one just starts encrypted. */
function holdsData(dir: string): boolean {
  return Object.values(STORE_FILES).some((file) => {
    for (const path of [join(dir, file), join(dir, `${file}~`)]) {
      if (existsSync(path) && statSync(path).size > 0) return true
    }
    return false
  })
}

/**
 * Decides how the folder's lines are read and written, before any data file is touched: a
 * wrong key or a missing one stops here. For a folder that is encrypted now, writes the
 * manifest first (in migration state when it holds plain data), so a crash part way through
 * the encryption leaves a folder whose key is still checked.
 */
async function prepareCrypto(dir: string, dataKey: DataKey | undefined): Promise<FolderCrypto> {
  const manifest = readManifest(dir)
  if (manifest === null && dataKey === undefined) return { codec: createLineCodec('plain') }
  if (dataKey === undefined) {
    throw new ClockfaceError('store-error', `The data folder ${dir} is encrypted; open it with its key (keyring, key file or passphrase). Nothing was loaded.`)
  }
  const unlocked = await unlockKey(dataKey, manifest, `the data folder ${dir}`)
  const kdf = unlocked.kdf
  if (manifest !== null) {
    const { migrating } = checkManifestKey(manifest, unlocked.key, unlocked.source, `the data folder ${dir}`)
    return { codec: createLineCodec(migrating ? 'migrating' : 'sealed', unlocked.key), key: unlocked.key, ...(kdf ? { kdf } : {}) }
  }
  const migrating = holdsData(dir)
  try {
    writeManifest(dir, createManifest(unlocked.key, kdf, migrating))
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot write the manifest of ${dir}: ${(error as Error).message}. Nothing was changed.`)
  }
  return { codec: createLineCodec(migrating ? 'migrating' : 'sealed', unlocked.key), key: unlocked.key, ...(kdf ? { kdf } : {}) }
}

/** Sets the modes of what Clockface keeps in the folder (files 0600, its backup folder 0700), fixing copies made by other tools. */
function fixModes(dir: string): void {
  const ours = (name: string) =>
    name === MANIFEST_FILE ||
    name === KEYRING_FILE ||
    name === LOCK_FILE ||
    Object.values(STORE_FILES).some((file) => name === file || name === `${file}~` || name.startsWith(`${file}.damaged-`))
  for (const name of readdirSync(dir)) if (ours(name)) makePrivate(join(dir, name))
  const backups = join(dir, BACKUP_DIR_NAME)
  if (existsSync(backups) && statSync(backups).isDirectory()) {
    chmodSync(backups, DIR_MODE)
    for (const name of readdirSync(backups)) {
      const path = join(backups, name)
      if (statSync(path).isFile()) chmodSync(path, FILE_MODE)
    }
  }
}

async function compact(collection: Collection<{ _id: string }>): Promise<void> {
  await (collection as unknown as { compactDatafileAsync(): Promise<void> }).compactDatafileAsync()
}

/**
 * Opens (creating if needed) the Clockface data folder `dataDir` with its NeDB files (see
 * {@link STORE_FILES}) and ensures their indexes: `code` (unique) on employees,
 * `employeeId` on templates, `employeeId` and `time` on attendance, `time` on audit,
 * `username` (unique) on accounts, `tokenHash` on kiosks (settings.db holds one document).
 * Holds a lock file in the folder until `close()`. The folder gets mode 0700, its files 0600.
 * Each acknowledged write is on the disk (fsync) unless `options.fsync` is false.
 *
 * With `options.key` the data is encrypted at rest (AES-256-GCM per line; see
 * line-cipher.ts): the key is checked against the folder's manifest before anything is
 * loaded, and a folder that is not encrypted yet is encrypted in place.
 *
 * No line is ever dropped silently: a data file with damaged lines (a flipped byte, a torn
 * last line, a line that fails authentication or parsing) is copied to
 * `<file>.damaged-<UTC time>`, left exactly as it was, and its good lines are served
 * read-only; `readOnlyReason()` and `health()` then say which file and lines, and every
 * write through the repositories is refused until an owner calls `repair(file)`.
 *
 * Raises ClockfaceError `store-error` when the folder cannot be created or locked, when it is
 * encrypted and no key (or a wrong one) is given, when its manifest or a key file is
 * unusable, or when NeDB refuses a clean file (say, a broken unique index); `invalid-input`
 * for a malformed key. A missing or wrong key is found before any data file is read, so
 * nothing is ever written with it; a file NeDB refuses is left as it was.
 */
export async function openStore(dataDir: string, options: OpenStoreOptions = {}): Promise<ClockfaceStore> {
  const dir = resolve(dataDir)
  try {
    ensurePrivateDir(dir)
  } catch (error) {
    throw new ClockfaceError('store-error', `Cannot create the data folder ${dir} or make it private (mode 700): ${(error as Error).message}`)
  }
  const unlock = lockDataDir(dir)
  try {
    const folder = await prepareCrypto(dir, options.key)
    try {
      fixModes(dir)
    } catch (error) {
      throw new ClockfaceError('store-error', `Cannot make the files of ${dir} private (mode 600): ${(error as Error).message}`)
    }
    const loadOptions: LoadOptions = { codec: folder.codec, fsync: options.fsync ?? true }
    const loaded = {} as { [K in CollectionName]: LoadedCollection<{ _id: string }> }
    for (const name of Object.keys(STORE_FILES) as CollectionName[]) {
      loaded[name] = await loadCollection(dir, STORE_FILES[name], INDEXES[name], loadOptions)
    }
    const all = Object.keys(loaded) as CollectionName[]
    const damaged = () => all.map((name) => loaded[name].damage).filter((d) => d !== null)

    /** Marks a folder being encrypted as done once every file has been rewritten encrypted (clean files are, by NeDB's load). */
    const finishEncryption = () => {
      if (folder.codec.mode !== 'migrating' || folder.key === undefined || damaged().length > 0) return
      writeManifest(dir, createManifest(folder.key, folder.kdf, false))
      folder.codec = createLineCodec('sealed', folder.key)
      loadOptions.codec = folder.codec
    }
    finishEncryption()

    let closed = false
    let repairing: Promise<unknown> = Promise.resolve()
    const health = (): StoreHealth => {
      const list = damaged().map(({ file, lines, copy }) => ({ file, lines: [...lines], copy }))
      return { readOnly: list.length > 0, damaged: list }
    }
    const store: ClockfaceStore = {
      dataDir: dir,
      employees: loaded.employees.handle.collection as ClockfaceStore['employees'],
      templates: loaded.templates.handle.collection as ClockfaceStore['templates'],
      attendance: loaded.attendance.handle.collection as ClockfaceStore['attendance'],
      audit: loaded.audit.handle.collection as ClockfaceStore['audit'],
      accounts: loaded.accounts.handle.collection as ClockfaceStore['accounts'],
      kiosks: loaded.kiosks.handle.collection as ClockfaceStore['kiosks'],
      settings: loaded.settings.handle.collection as ClockfaceStore['settings'],
      apiKeys: loaded.apiKeys.handle.collection as ClockfaceStore['apiKeys'],
      visitors: loaded.visitors.handle.collection as ClockfaceStore['visitors'],
      punchPhotos: loaded.punchPhotos.handle.collection as ClockfaceStore['punchPhotos'],
      encrypted: folder.codec.mode !== 'plain',
      readOnlyReason() {
        const list = damaged()
        if (list.length === 0) return null
        const pending = folder.codec.mode === 'migrating' ? ' The folder is fully encrypted once it is repaired.' : ''
        return (
          `The data is read-only because ${list.map(describeDamage).join('; and ')}. ` +
          `An owner can drop the damaged lines (repair) or restore a backup.${pending}`
        )
      },
      health,
      repair(file) {
        const run = async () => {
          if (closed) throw new ClockfaceError('store-error', 'The data folder is closed.')
          const name = all.find((n) => STORE_FILES[n] === file)
          if (name === undefined || loaded[name].damage === null) {
            throw new ClockfaceError('not-found', `${file} is not a damaged data file of ${dir}; damaged now: ${damaged().map((d) => d.file).join(', ') || 'none'}.`)
          }
          await repairCollection(dir, loaded[name], INDEXES[name], loadOptions)
          finishEncryption()
          return health()
        }
        const result = repairing.then(run, run)
        repairing = result.catch(() => undefined)
        return result
      },
      async close() {
        if (closed) return
        closed = true
        try {
          await repairing
          for (const name of all) {
            // A damaged file is served from memory: there is nothing to compact, and its file must stay as it is.
            if (loaded[name].damage !== null) continue
            await compact(loaded[name].handle.current().datastore)
            makePrivate(join(dir, STORE_FILES[name]))
          }
        } finally {
          unlock()
        }
      }
    }
    return store
  } catch (error) {
    unlock()
    throw error
  }
}
