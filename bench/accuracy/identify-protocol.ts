/**
 * 1:N identification protocol files: CSV with header `path,identity`, one image per row, the
 * path relative to the images folder. In a gallery file every identity appears once (one
 * enrolment image per person); in a probe file an empty identity marks a non-mated probe (a
 * person who is not enrolled), any other identity a mated probe.
 */
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

/** One row of a protocol file; `identity` is null for a non-mated probe. */
export interface ProtocolEntry {
  path: string
  identity: string | null
}

/**
 * Parses a protocol CSV. Throws when the header is not `path,identity`, a path is empty, or
 * (with `gallery`) a row has no identity or an identity appears twice.
 */
export function parseProtocol(text: string, options: { gallery: boolean }): ProtocolEntry[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string | undefined>[]
  const entries = rows.map((row, i): ProtocolEntry => {
    if (!('path' in row) || !('identity' in row)) throw new Error('protocol CSV must have the header "path,identity"')
    const path = row.path ?? ''
    if (path === '') throw new Error(`protocol row ${i + 2}: empty path`)
    const identity = row.identity ?? ''
    return { path, identity: identity === '' ? null : identity }
  })
  if (options.gallery) {
    const seen = new Set<string>()
    entries.forEach((e, i) => {
      if (e.identity === null) throw new Error(`gallery row ${i + 2}: every gallery image needs an identity`)
      if (seen.has(e.identity)) throw new Error(`gallery row ${i + 2}: ${e.identity} is enrolled twice (one image per identity)`)
      seen.add(e.identity)
    })
  }
  return entries
}

/** Protocol rows as CSV text with the header `path,identity` (empty identity for non-mated probes). */
export function formatProtocol(entries: readonly ProtocolEntry[]): string {
  return stringify(
    entries.map((e) => [e.path, e.identity ?? '']),
    { header: true, columns: ['path', 'identity'] }
  )
}
