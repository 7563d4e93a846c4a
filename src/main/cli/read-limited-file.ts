/**
 * Reading input files with a byte limit that is checked before a single byte is read: the
 * path is stat'ed, then opened and its size taken again from the open descriptor (fstat, so
 * it is the same file that is then read, whatever happens to the path meanwhile) and refused
 * when over the limit; the read then stops one byte past that size, so a file that grows
 * meanwhile is refused too. Only regular files are read: a device or a pipe (say, /dev/zero)
 * has no size to check and could stream forever.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { ClockfaceError } from '../../shared/errors'

/** A byte count in words: `20.0 MB (20971520 bytes)`; MB are 1024 × 1024 bytes, as MAX_IMAGE_BYTES counts them. */
export function describeBytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB (${bytes} bytes)`
}

/**
 * Refuses a file by its stats: not a regular file (`invalid-input`), or larger than
 * `maxBytes` (`too-large`, naming the file, its size and the limit; details
 * `{ path, bytes, maxBytes }`). `what` names the kind of file for the message, e.g. `image`.
 */
function checkStats(path: string, stats: Stats, maxBytes: number, what: string): void {
  if (!stats.isFile()) throw new ClockfaceError('invalid-input', `${path} is not a regular file.`)
  if (stats.size > maxBytes) {
    throw new ClockfaceError(
      'too-large',
      `${path} is ${describeBytes(stats.size)}; the largest ${what} accepted is ${describeBytes(maxBytes)}.`,
      { path, bytes: stats.size, maxBytes }
    )
  }
}

/** The error for a file whose size changed between fstat and the end of reading. */
function changedWhileRead(path: string): ClockfaceError {
  return new ClockfaceError('invalid-input', `${path} changed size while it was being read; try again once it is complete.`, { path })
}

/**
 * Reads the regular file at `path` (absolute or relative to the working folder) when it has
 * at most `maxBytes` bytes. Throws ClockfaceError `too-large` when it is larger (found from
 * its size before reading), `invalid-input` when it is not a regular file or its size changes
 * while it is read, and the file system's own Error (ENOENT, EACCES, …) when it cannot be
 * opened or read. `what` names the kind of file in messages, e.g. `image`.
 */
export async function readFileWithin(path: string, maxBytes: number, what: string): Promise<Uint8Array<ArrayBuffer>> {
  // Checked on the path first too: opening a named pipe would wait for a writer forever.
  checkStats(path, await stat(path), maxBytes, what)
  const handle = await open(path, 'r')
  try {
    const stats = await handle.stat()
    checkStats(path, stats, maxBytes, what)
    // One byte of room past the size seen: filling it means the file grew meanwhile.
    const data = new Uint8Array(stats.size + 1)
    let filled = 0
    for (let n = -1; n !== 0 && filled < data.byteLength; filled += n) {
      n = (await handle.read(data, filled, data.byteLength - filled, null)).bytesRead
    }
    if (filled !== stats.size) throw changedWhileRead(path)
    return data.slice(0, filled)
  } finally {
    await handle.close()
  }
}

/** {@link readFileWithin}, synchronously (for readers that are synchronous themselves). */
export function readFileWithinSync(path: string, maxBytes: number, what: string): Uint8Array<ArrayBuffer> {
  checkStats(path, statSync(path), maxBytes, what)
  const fd = openSync(path, 'r')
  try {
    const stats = fstatSync(fd)
    checkStats(path, stats, maxBytes, what)
    const data = new Uint8Array(stats.size + 1)
    let filled = 0
    for (let n = -1; n !== 0 && filled < data.byteLength; filled += n) {
      n = readSync(fd, data, filled, data.byteLength - filled, null)
    }
    if (filled !== stats.size) throw changedWhileRead(path)
    return data.slice(0, filled)
  } finally {
    closeSync(fd)
  }
}
