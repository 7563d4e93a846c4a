import { format } from 'date-fns'
import { InvalidArgumentError } from 'commander'
import { ClockfaceError } from '../../shared/errors'
import { apiScopeSchema, type ApiKey, type ApiScope } from '../../shared/models'
import { unwrap, type CliContext } from './cli-context'

/**
 * commander parser for `--scopes`: a comma-separated list of API scopes (read, enrol, identify,
 * punch, export, admin), duplicates dropped, in the order given.
 */
export function apiScopes(value: string): ApiScope[] {
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  if (names.length === 0) throw new InvalidArgumentError(`give at least one of ${apiScopeSchema.options.join(', ')}`)
  const scopes: ApiScope[] = []
  for (const name of names) {
    const parsed = apiScopeSchema.safeParse(name)
    if (!parsed.success) throw new InvalidArgumentError(`unknown scope "${name}": use ${apiScopeSchema.options.join(', ')}`)
    if (!scopes.includes(parsed.data)) scopes.push(parsed.data)
  }
  return scopes
}

const localTime = (iso: string): string => format(new Date(iso), 'yyyy-MM-dd HH:mm')

/**
 * `api-key create --name NAME --scopes a,b [--json]`: creates an integration API key. The key
 * is printed once, alone on standard output (so `KEY=$(clockface api-key create …)` works),
 * with its name, id and scopes on standard error; with `json`, standard output gets
 * `{ key, apiKey }`. Only its hash is stored, so it cannot be printed again. Raises
 * `invalid-input`.
 */
export async function apiKeyCreateCommand(
  ctx: CliContext,
  options: { name: string; scopes: ApiScope[]; json: boolean },
  print: (line: string) => void,
  note: (line: string) => void = (line) => console.error(line)
): Promise<void> {
  const created = unwrap(await ctx.call('createApiKey', { name: options.name, scopes: options.scopes }))
  if (options.json) return print(JSON.stringify(created, null, 2))
  print(created.key)
  note(`Created the API key "${created.apiKey.name}" (id ${created.apiKey.id}, scopes ${created.apiKey.scopes.join(', ')}).`)
  note('Copy it now: it is not shown again (only its hash is stored). Revoke it with `api-key revoke <id>`.')
}

/** `api-key list [--json]`: every API key (never its secret), revoked ones included, newest first. */
export async function apiKeyListCommand(ctx: CliContext, json: boolean, print: (line: string) => void): Promise<void> {
  const keys = unwrap(await ctx.call('listApiKeys', {})).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  if (json) return print(JSON.stringify(keys, null, 2))
  if (keys.length === 0) return print('No API keys yet: create one with `api-key create --name NAME --scopes read,identify`.')
  const rows = [
    ['ID', 'PREFIX', 'STATUS', 'SCOPES', 'CREATED', 'BY', 'LAST USED', 'NAME'],
    ...keys.map((k) => [
      k.id,
      `cfk_${k.prefix}_`,
      k.revokedAt ? 'revoked' : 'active',
      k.scopes.join(','),
      localTime(k.createdAt),
      k.createdBy,
      k.lastUsedAt ? localTime(k.lastUsedAt) : 'never',
      k.name
    ])
  ]
  // The name is last and unpadded: it is the one column of free length.
  const widths = rows[0]!.slice(0, -1).map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  for (const row of rows) print(row.map((cell, c) => (c < widths.length ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd())
}

/**
 * `api-key revoke <id>`: revokes a key at once. Takes the id `api-key list` shows, or the key's
 * prefix (with or without `cfk_` and the trailing `_`). Raises `not-found`.
 */
export async function apiKeyRevokeCommand(ctx: CliContext, idOrPrefix: string, print: (line: string) => void): Promise<void> {
  const wanted = idOrPrefix.trim()
  const keys = unwrap(await ctx.call('listApiKeys', {}))
  const prefix = /^(?:cfk_)?([A-Za-z0-9]{8})_?$/.exec(wanted)?.[1]
  const target: ApiKey | undefined = keys.find((k) => k.id === wanted) ?? (prefix ? keys.find((k) => k.prefix === prefix) : undefined)
  if (!target) throw new ClockfaceError('not-found', `No API key has the id or prefix ${wanted}; see \`api-key list\`.`, { id: wanted })
  if (target.revokedAt) return print(`The API key "${target.name}" (cfk_${target.prefix}_) was already revoked on ${localTime(target.revokedAt)}.`)
  const revoked = unwrap(await ctx.call('revokeApiKey', { id: target.id }))
  print(`Revoked the API key "${revoked.name}" (cfk_${revoked.prefix}_): calls with it are refused from now on.`)
}
