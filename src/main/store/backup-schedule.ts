/**
 * Daily backups of an open store into a folder, newest `keep` kept: file names carry their
 * UTC time (`clockface-backup-20240131T080910Z.cfbak`), so the newest is found and the
 * oldest pruned from the names alone.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileTimestamp } from './damaged-copy'
import { ensurePrivateDir } from './file-modes'
import { BACKUP_DIR_NAME } from './folder-layout'
import { createBackup, type BackupSummary } from './store-backup'
import type { ClockfaceStore } from './store-types'

/** Start of every scheduled or admin-made backup file name. */
export const BACKUP_PREFIX = 'clockface-backup-'
/** Extension of backup files. */
export const BACKUP_EXTENSION = '.cfbak'
/** Backups kept by default: a week of dailies. */
export const DEFAULT_BACKUPS_KEPT = 7
/** A day, in milliseconds: the age at which a new scheduled backup is due. */
const DAY_MS = 24 * 60 * 60 * 1000

const NAME = /^clockface-backup-(\d{8}T\d{6}Z)(?:-\d+)?\.cfbak$/

/** `<dataDir>/backups`, where the app keeps its backups. */
export function defaultBackupDir(dataDir: string): string {
  return join(resolve(dataDir), BACKUP_DIR_NAME)
}

/** One backup file found in a folder. */
export interface BackupFile {
  name: string
  path: string
  /** When it was made (from its name). */
  time: Date
}

/** The backup files in `dir` (none when it does not exist), oldest first; other files are ignored. */
export function listBackups(dir: string): BackupFile[] {
  if (!existsSync(dir)) return []
  const found: BackupFile[] = []
  for (const name of readdirSync(dir)) {
    const match = NAME.exec(name)
    if (!match) continue
    const t = match[1]!
    const time = new Date(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T${t.slice(9, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`)
    if (!Number.isNaN(time.getTime())) found.push({ name, path: join(dir, name), time })
  }
  return found.sort((a, b) => a.time.getTime() - b.time.getTime() || a.name.localeCompare(b.name))
}

/** Time of the newest backup in `dir`, or null when there is none. */
export function newestBackupTime(dir: string): Date | null {
  return listBackups(dir).at(-1)?.time ?? null
}

/** Deletes all but the newest `keep` backups in `dir`; returns the names deleted. */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir)
  const doomed = all.slice(0, Math.max(0, all.length - keep))
  for (const backup of doomed) rmSync(backup.path, { force: true })
  return doomed.map((b) => b.name)
}

/** A path in `dir` for a new backup made at `now` (`clockface-backup-<UTC time>.cfbak`, `-2`… when taken). */
export function newBackupPath(dir: string, now: Date = new Date()): string {
  let name = `${BACKUP_PREFIX}${fileTimestamp(now)}${BACKUP_EXTENSION}`
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${BACKUP_PREFIX}${fileTimestamp(now)}-${n}${BACKUP_EXTENSION}`
  return join(dir, name)
}

/**
 * Writes a backup of `store` (or of the data folder at that path) into `dir` (created 0700)
 * named after `now`. Raises as createBackup (`read-only` while a data file is damaged,
 * `store-error`).
 */
export async function backupInto(store: ClockfaceStore | string, dir: string, now: Date = new Date()): Promise<BackupSummary> {
  ensurePrivateDir(dir)
  return createBackup(store, newBackupPath(dir, now), now)
}

/** How {@link scheduleDailyBackups} runs. */
export interface DailyBackupOptions {
  /** Folder of the backups, usually {@link defaultBackupDir}. */
  dir: string
  /** Backups kept after each new one (default {@link DEFAULT_BACKUPS_KEPT}). */
  keep?: number
  /** The clock (default: the system's). */
  now?: () => Date
  /** Delay before the first check, in ms (default 60 000: soon, but not while the app is starting). */
  firstCheckMs?: number
  /** Time between checks, in ms (default one hour: a machine asleep at the due time catches up within the hour). */
  checkEveryMs?: number
  /** Told of each backup made. */
  onBackup?(summary: BackupSummary, pruned: string[]): void
  /** Told of each failure (a damaged store refuses backups: `read-only`); the schedule goes on. */
  onError?(error: unknown): void
}

/**
 * Starts daily backups of `store`: checks soon after start and then every hour whether the
 * newest backup in `options.dir` is a day old or missing, and if so writes one and deletes
 * all but the newest `keep`. Timers do not keep the process alive. Returns a function that
 * stops the schedule and resolves once a backup in progress has finished (await it before
 * closing the store).
 */
export function scheduleDailyBackups(store: ClockfaceStore, options: DailyBackupOptions): () => Promise<void> {
  const now = options.now ?? (() => new Date())
  const keep = options.keep ?? DEFAULT_BACKUPS_KEPT
  let running: Promise<void> | null = null
  let stopped = false

  const check = () => {
    if (stopped || running !== null) return
    const newest = newestBackupTime(options.dir)
    const time = now()
    if (newest !== null && time.getTime() - newest.getTime() < DAY_MS) return
    running = backupInto(store, options.dir, time)
      .then((summary) => options.onBackup?.(summary, pruneBackups(options.dir, keep)))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null
      })
  }

  const first = setTimeout(check, options.firstCheckMs ?? 60_000)
  const every = setInterval(check, options.checkEveryMs ?? 60 * 60 * 1000)
  first.unref()
  every.unref()
  return async () => {
    stopped = true
    clearTimeout(first)
    clearInterval(every)
    await running
  }
}
