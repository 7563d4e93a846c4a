/**
 * The built command line (out/main/cli.js) managing integration API keys on a temporary data
 * folder: create prints the key once (alone on standard output), list never shows a secret,
 * revoke by id or prefix, and the usage and not-found exits. Needs no dataset.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiKey, AuditEntry } from '../../src/shared/models'
import { ensureBundle } from './services-fixture'

/** Shape of a key as the service makes it: `cfk_`, 8-character prefix, `_`, 43-character secret. */
const KEY = /^cfk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/

describe('clockface CLI api-key', () => {
  let work: string
  let data: string
  let cliPath = ''

  function cli(...args: string[]): { status: number; stdout: string; stderr: string } {
    const r = spawnSync(process.execPath, [cliPath, ...args, '--data', data], { encoding: 'utf8', timeout: 120_000 })
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }

  const list = (): ApiKey[] => {
    const r = cli('api-key', 'list', '--json')
    expect(r.status, r.stderr).toBe(0)
    return JSON.parse(r.stdout) as ApiKey[]
  }

  beforeAll(() => {
    // Builds when any source is newer than the bundle (same check as `npm run cli`).
    cliPath = ensureBundle('cli')
    work = mkdtempSync(join(tmpdir(), 'clockface-cli-api-key-'))
    data = join(work, 'data')
  })

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  let first: { key: string; prefix: string; secret: string }

  it('says so when there are no keys yet', () => {
    const r = cli('api-key', 'list')
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/No API keys yet/)
    expect(list()).toEqual([])
  })

  it('creates a key and prints it once, alone on standard output, with the details on standard error', () => {
    const r = cli('api-key', 'create', '--name', 'HR sync', '--scopes', 'read,identify,read')
    expect(r.status, r.stderr).toBe(0)
    const lines = r.stdout.trim().split('\n')
    expect(lines).toHaveLength(1)
    const match = KEY.exec(lines[0]!)
    expect(match, r.stdout).not.toBeNull()
    first = { key: lines[0]!, prefix: match![1]!, secret: match![2]! }
    expect(r.stderr).toMatch(/Created the API key "HR sync" \(id \w+, scopes read, identify\)/)
    expect(r.stderr).toMatch(/not shown again/)
  })

  it('lists keys with prefix, scopes and creator, never the secret', () => {
    const keys = list()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ name: 'HR sync', prefix: first.prefix, scopes: ['read', 'identify'], createdBy: expect.stringMatching(/^local:/) })
    expect(keys[0]!.revokedAt).toBeUndefined()
    const table = cli('api-key', 'list')
    expect(table.status, table.stderr).toBe(0)
    expect(table.stdout).toMatch(/^ID\s+PREFIX\s+STATUS\s+SCOPES\s+CREATED\s+BY\s+LAST USED\s+NAME/)
    expect(table.stdout).toMatch(new RegExp(`cfk_${first.prefix}_\\s+active\\s+read,identify\\s.*\\snever\\s+HR sync`))
    for (const out of [table.stdout, JSON.stringify(keys)]) expect(out).not.toContain(first.secret)
  })

  it('creates with --json: the key and its record', () => {
    const r = cli('api-key', 'create', '--name', 'Door B', '--scopes', 'punch', '--json')
    expect(r.status, r.stderr).toBe(0)
    const created = JSON.parse(r.stdout) as { key: string; apiKey: ApiKey }
    expect(created.key).toMatch(KEY)
    expect(created.apiKey).toMatchObject({ name: 'Door B', scopes: ['punch'] })
    expect(created.key.startsWith(`cfk_${created.apiKey.prefix}_`)).toBe(true)
  })

  it('refuses unknown or missing scopes and a missing name as usage errors, creating nothing', () => {
    const before = list().length
    const bogus = cli('api-key', 'create', '--name', 'X', '--scopes', 'read,everything')
    expect(bogus.status).toBe(2)
    expect(bogus.stderr).toMatch(/unknown scope "everything"/)
    expect(cli('api-key', 'create', '--name', 'X', '--scopes', ',').status).toBe(2)
    expect(cli('api-key', 'create', '--scopes', 'read').status).toBe(2)
    expect(cli('api-key', 'create', '--name', 'X').status).toBe(2)
    // A name with a control character is refused by the contract itself.
    expect(cli('api-key', 'create', '--name', 'bad\u001b[31mname', '--scopes', 'read').status).toBe(2)
    expect(list()).toHaveLength(before)
  })

  it('revokes by id, then by prefix, and says so for a key revoked already', () => {
    const hr = list().find((k) => k.name === 'HR sync')!
    const r = cli('api-key', 'revoke', hr.id)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/Revoked the API key "HR sync"/)
    expect(list().find((k) => k.id === hr.id)?.revokedAt).toEqual(expect.any(String))
    const again = cli('api-key', 'revoke', `cfk_${hr.prefix}_`)
    expect(again.status, again.stderr).toBe(0)
    expect(again.stdout).toMatch(/already revoked/)

    const door = list().find((k) => k.name === 'Door B')!
    expect(cli('api-key', 'revoke', door.prefix).status).toBe(0)
    expect(list().every((k) => k.revokedAt !== undefined)).toBe(true)
    expect(cli('api-key', 'list').stdout).toMatch(new RegExp(`cfk_${hr.prefix}_\\s+revoked`))
  })

  it('answers not-found (exit 3) for an unknown key', () => {
    const r = cli('api-key', 'revoke', 'no-such-key')
    expect(r.status).toBe(3)
    expect(r.stderr).toMatch(/No API key has the id or prefix no-such-key/)
  })

  it('leaves audit entries for create and revoke, by the local operator, without the key', () => {
    const r = cli('audit', '--json')
    expect(r.status, r.stderr).toBe(0)
    const entries = JSON.parse(r.stdout) as AuditEntry[]
    const actions = entries.map((e) => e.action)
    expect(actions).toContain('createApiKey')
    expect(actions).toContain('revokeApiKey')
    for (const e of entries.filter((x) => x.action.endsWith('ApiKey'))) expect(e.actor).toMatch(/^local:/)
    expect(r.stdout).not.toContain(first.secret)
  })
})
