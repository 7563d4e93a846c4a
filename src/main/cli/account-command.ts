import { createInterface } from 'node:readline'
import type { AdminRole } from '../../shared/models'
import { ClockfaceError } from '../../shared/errors'
import { unwrap, type CliContext } from './cli-context'

/**
 * Reads a new password from the first line of standard input (so it never shows in the
 * process list or shell history), or from CLOCKFACE_PASSWORD when set. Raises `invalid-input`
 * when neither gives one.
 */
export async function readPassword(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const fromEnv = process.env['CLOCKFACE_PASSWORD']
  if (fromEnv) return fromEnv
  if ((input as { isTTY?: boolean }).isTTY) process.stderr.write('New password or PIN (6+ characters): ')
  const lines = createInterface({ input, terminal: false })
  for await (const line of lines) {
    lines.close()
    if (line.length > 0) return line
    break
  }
  throw new ClockfaceError('invalid-input', 'No password given: type it on standard input or set CLOCKFACE_PASSWORD.')
}

/** `account list`: admin accounts with role and last sign-in. */
export async function accountListCommand(ctx: CliContext, json: boolean, print: (line: string) => void): Promise<void> {
  const accounts = unwrap(await ctx.call('listAccounts', {}))
  if (json) return print(JSON.stringify(accounts, null, 2))
  if (accounts.length === 0) return print('No admin accounts yet: create the owner with `account add <name> --role owner`.')
  for (const a of accounts) print(`${a.username}  ${a.role}  last sign-in ${a.lastLoginAt ?? 'never'}${a.lockedUntil ? `  locked until ${a.lockedUntil}` : ''}`)
}

/**
 * `account add <username> --role owner|manager`: creates an admin account (the first one must
 * be an owner: it is what the first-run set-up would create). Raises `duplicate-code`,
 * `invalid-input`.
 */
export async function accountAddCommand(ctx: CliContext, username: string, role: AdminRole, print: (line: string) => void): Promise<void> {
  const password = await readPassword()
  const accounts = unwrap(await ctx.call('listAccounts', {}))
  if (accounts.length === 0 && role !== 'owner') throw new ClockfaceError('invalid-input', 'The first account must be an owner (--role owner).')
  const account = accounts.length === 0 ? unwrap(await ctx.call('setupOwner', { username, password })).admin : unwrap(await ctx.call('createAccount', { username, password, role }))
  print(`Added ${role} account ${account?.username ?? username}.`)
}

/** `account reset-password <username>`: sets a new password and lifts a lock-out. Raises `not-found`. */
export async function accountResetCommand(ctx: CliContext, username: string, print: (line: string) => void): Promise<void> {
  const newPassword = await readPassword()
  unwrap(await ctx.call('resetPassword', { username, newPassword }))
  print(`New password set for ${username}; their sessions have ended.`)
}
