/**
 * File-system helpers of the data folder: its permission bits and crash-safe writes.
 * Face templates are biometric data and attendance is payroll data, so the folder is private
 * to the user running Clockface (0700) and every file in it readable by that user only (0600).
 * POSIX modes mean nothing on Windows, where the per-user profile folder is what protects
 * the files; the chmod calls are harmless there.
 */
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { dirname } from 'node:path'

/** Mode of the data folder and of folders Clockface creates inside it (owner only). */
export const DIR_MODE = 0o700
/** Mode of every file Clockface writes in the data folder (owner read and write only). */
export const FILE_MODE = 0o600

/** Creates `dir` (and missing parents) and sets it to {@link DIR_MODE}; raises what mkdir or chmod raise. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE })
  chmodSync(dir, DIR_MODE)
}

/** Sets `file` to {@link FILE_MODE} when it exists; raises what chmod raises. */
export function makePrivate(file: string): void {
  if (existsSync(file)) chmodSync(file, FILE_MODE)
}

/**
 * Flushes a file's data to the disk (fsync), so it survives a power cut or an OS crash, not
 * only the death of the process. Raises what open or fsync raise.
 */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** {@link fsyncFile} without blocking the event loop (a flush takes milliseconds on a real disk). */
export async function fsyncFileAsync(file: string): Promise<void> {
  const handle = await open(file, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * Flushes a folder's entries (a rename or a new file) to the disk. Some systems cannot open
 * or fsync a folder (Windows); there the rename is as durable as the system makes it, so a
 * failure is ignored.
 */
export function fsyncDir(dir: string): void {
  let fd: number | undefined
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Not supported on this platform or file system.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Replaces `file` with `data` so that a crash at any moment leaves either the old or the new
 * content, never a mix: writes `<file>~` (NeDB's own temporary name, which it already knows
 * to recover), flushes it, renames it over `file` and flushes the folder. The result has
 * mode {@link FILE_MODE}. Raises what the file-system calls raise.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = `${file}~`
  const fd = openSync(temp, 'w', FILE_MODE)
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let written = 0
    while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  chmodSync(temp, FILE_MODE)
  renameSync(temp, file)
  fsyncDir(dirname(file))
}
