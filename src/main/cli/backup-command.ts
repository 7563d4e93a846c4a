/**
 * `backup [--out FILE]` and `restore <file>`: the data folder's backups from the command line.
 * Neither starts the recognition engine; `restore` needs the folder closed (no Clockface
 * running on it), `backup` works either way.
 */
import { resolve } from 'node:path'
import { ClockfaceError } from '../../shared/errors'
import { defaultDataDir } from '../default-data-dir'
import { backupInto, defaultBackupDir } from '../store/backup-schedule'
import { defaultDataKey, defaultKeyFile, type DataKey } from '../store/key-provider'
import { openStore } from '../store/open-store'
import { createBackup, restoreBackup, verifyBackup, type BackupSummary } from '../store/store-backup'
import { lockHolder } from '../store/store-lock'
import { EXIT_CODES } from './exit-codes'

/** Environment variable holding the data passphrase, for folders protected by one. */
export const PASSPHRASE_ENV = 'CLOCKFACE_DATA_PASSPHRASE'

/** Options both commands take. */
export interface BackupCliOptions {
  /** Data folder (`--data`); default: the kiosk app's folder. */
  data?: string
  /** Key file (`--key-file`); default: `<data>.key`, or the passphrase in {@link PASSPHRASE_ENV} when set. */
  keyFile?: string
}

/**
 * The key the command line uses for a folder: `--key-file`, else the passphrase in
 * `CLOCKFACE_DATA_PASSPHRASE`, else the default key file `<data>.key` (created on first use
 * only when `create`, i.e. for commands that may encrypt the folder).
 */
export function cliDataKey(dataDir: string, options: BackupCliOptions, create: boolean): DataKey {
  if (options.keyFile !== undefined) return { kind: 'file', path: resolve(options.keyFile) }
  const passphrase = process.env[PASSPHRASE_ENV]
  if (passphrase !== undefined && passphrase !== '') return { kind: 'passphrase', passphrase }
  return create ? defaultDataKey(dataDir) : { kind: 'file', path: defaultKeyFile(dataDir) }
}

/** Runs a command body; sets the exit code of its ClockfaceError (exit-codes.ts) with a one-line message on stderr. */
async function run(body: () => Promise<void>): Promise<void> {
  try {
    await body()
  } catch (error) {
    const code = error instanceof ClockfaceError ? error.code : 'internal'
    console.error(`clockface: ${code === 'internal' ? 'internal error: ' : ''}${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = EXIT_CODES[code]
  }
}

function describe(summary: BackupSummary): string {
  const lines = summary.files.reduce((n, f) => n + (f.lines ?? 0), 0)
  return `${summary.files.length} files, ${lines} lines, ${summary.bytes} bytes, ${summary.encrypted ? 'encrypted' : 'NOT encrypted'}`
}

/**
 * `backup [--out FILE]`: writes a backup of the data folder to FILE (default:
 * `<data>/backups/clockface-backup-<UTC time>.cfbak`) and verifies it with the key. A folder
 * no one has open is opened here (key checked, damage reported: a damaged folder is not
 * backed up); one the app has open is read between its writes. Raises (as exit codes)
 * `read-only`, `store-error`, `invalid-input`.
 */
export function backupCommand(options: BackupCliOptions & { out?: string }, print: (line: string) => void): Promise<void> {
  return run(async () => {
    const dataDir = resolve(options.data ?? defaultDataDir())
    const holder = lockHolder(dataDir)
    // A running Clockface already has the folder's key; a key file is only created for a closed one.
    const key = cliDataKey(dataDir, options, holder === null)
    let made: BackupSummary
    if (holder !== null) {
      print(`Clockface (pid ${holder}) has ${dataDir} open: its files are read between its writes.`)
      made = options.out === undefined ? await backupInto(dataDir, defaultBackupDir(dataDir)) : await createBackup(dataDir, resolve(options.out))
    } else {
      const store = await openStore(dataDir, { key })
      try {
        made = options.out === undefined ? await backupInto(store, defaultBackupDir(dataDir)) : await createBackup(store, resolve(options.out))
      } finally {
        await store.close()
      }
    }
    const verified = await verifyBackup(made.file, key)
    print(`Backup written and verified: ${made.file} (${describe(verified)})`)
  })
}

/**
 * `restore <file>`: verifies the backup with the key (checksums, every line opens), then
 * replaces the data folder's files with it; the files replaced are kept in
 * `<data>/replaced-<UTC time>/`. Refused while a Clockface process has the folder open.
 * Raises (as exit codes) `invalid-input` (not a backup, damaged), `store-error` (wrong or
 * missing key, folder in use).
 */
export function restoreCommand(file: string, options: BackupCliOptions, print: (line: string) => void): Promise<void> {
  return run(async () => {
    const dataDir = resolve(options.data ?? defaultDataDir())
    const holder = lockHolder(dataDir)
    if (holder !== null) {
      throw new ClockfaceError('store-error', `Clockface (pid ${holder}) has ${dataDir} open; close it before restoring. Nothing was changed.`)
    }
    const result = await restoreBackup(resolve(file), dataDir, cliDataKey(dataDir, options, false))
    print(`Restored ${result.file} (made ${result.createdAt}; ${describe(result)}) into ${dataDir}.`)
    print(result.setAside === null ? 'The folder held no data before.' : `The files it replaced are kept in ${result.setAside}.`)
  })
}
