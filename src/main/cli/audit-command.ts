import { format } from 'date-fns'
import { unwrap, type CliContext } from './cli-context'

/** Entries `audit` prints when no --limit is given (the contract's own default for listAuditLog). */
export const DEFAULT_AUDIT_LIMIT = 200

/**
 * `audit [--json] [--limit N]`: the audit log of admin actions, newest first, at most `limit`
 * entries; a table (local time, channel, who, outcome, summary) or, with `json`, AuditEntry[].
 * Raises `invalid-input` for a limit over 10000, `store-error`.
 */
export async function auditCommand(ctx: CliContext, options: { json: boolean; limit?: number }, print: (line: string) => void): Promise<void> {
  const entries = unwrap(await ctx.call('listAuditLog', { limit: options.limit ?? DEFAULT_AUDIT_LIMIT }))
  if (options.json) {
    print(JSON.stringify(entries, null, 2))
    return
  }
  if (entries.length === 0) {
    print('The audit log is empty.')
    return
  }
  const rows = [
    ['TIME', 'CHANNEL', 'WHO', 'OUTCOME', 'SUMMARY'],
    ...entries.map((e) => [format(new Date(e.time), 'yyyy-MM-dd HH:mm:ss'), e.channel, e.actor, e.outcome, e.summary])
  ]
  // The summary is last and unpadded: it is the one column of free length.
  const widths = rows[0]!.slice(0, -1).map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const row of rows) print(row.map((cell, c) => (c < widths.length ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd())
}
