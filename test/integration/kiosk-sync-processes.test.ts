/**
 * Two kiosk processes and one server: both record punches while the server is unreachable,
 * then sync at once when it is back; one is killed (SIGKILL) part way through its sync, after
 * the server has recorded its punches but before the kiosk heard back (they are still in its
 * outbox), and started again. Every punch is on the server exactly once and both outboxes end empty.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliContext } from '../../src/main/app-core'
import { openStore } from '../../src/main/store/open-store'
import { createKioskCacheRepository } from '../../src/main/store/repositories/kiosk-cache-repository'
import { postgresSkipReason } from '../helpers/postgres-server'
import { issueKey, startSyncServer, type SyncServer } from '../helpers/sync-fixture'
import { value } from './services-fixture'

const CHILD = join(__dirname, '..', 'helpers', 'sync-kiosk-child.cjs')
const PUNCHES = 120

interface Kiosk {
  child: ChildProcess
  lines: string[]
  /** Resolves with the exit code (null when killed). */
  exited: Promise<number | null>
  /** Sends one command line. */
  send(command: string): void
  /** Resolves once a line starting with `prefix` was printed after line number `from`; rejects on a `failed` line. */
  waitFor(prefix: string, from?: number): Promise<string>
}

/** Starts a kiosk process on `dir` and waits until it is ready. */
async function startKiosk(args: string[]): Promise<Kiosk> {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines: string[] = []
  let listeners: (() => void)[] = []
  let buffer = ''
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString()
    const parts = buffer.split('\n')
    buffer = parts.pop() ?? ''
    lines.push(...parts)
    for (const listener of listeners) listener()
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const kiosk: Kiosk = {
    child,
    lines,
    exited,
    send: (command) => child.stdin!.write(`${command}\n`),
    waitFor: (prefix, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const rest = lines.slice(from)
          const failed = rest.find((l) => l.startsWith('failed'))
          const found = rest.find((l) => l.startsWith(prefix))
          if (failed || found) listeners = listeners.filter((l) => l !== check)
          if (failed) reject(new Error(failed))
          else if (found) resolve(found)
        }
        listeners.push(check)
        check()
        setTimeout(() => reject(new Error(`no "${prefix}" line within 60 s; printed: ${lines.slice(-5).join(' / ')}`)), 60_000).unref()
      })
  }
  await kiosk.waitFor('ready')
  return kiosk
}

/** Punches waiting in the outbox of the kiosk folder `dir` (the folder is opened and closed again). */
async function pendingAt(dir: string): Promise<number> {
  const store = await openStore(dir)
  try {
    return await createKioskCacheRepository(store).pendingCount()
  } finally {
    await store.close()
  }
}

describe.skipIf(postgresSkipReason !== null)(`two kiosk processes and a server${postgresSkipReason ? ` (skipped: ${postgresSkipReason})` : ''}`, () => {
  let server: SyncServer
  const dirs: string[] = []

  beforeAll(async () => {
    server = await startSyncServer({ cooldownMs: 60_000 })
    for (const code of ['P1', 'P2', 'P3']) value(await server.core.dispatch('createEmployee', { code, name: `Person ${code}` }, cliContext()))
  })

  afterAll(async () => {
    await server?.stop()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  })

  it('records every punch exactly once, with one kiosk killed mid-sync and started again', async () => {
    const kiosks = await Promise.all(
      ['east', 'west'].map(async (id) => {
        const dir = mkdtempSync(join(tmpdir(), `clockface-kiosk-${id}-`))
        dirs.push(dir)
        return { id, dir, key: (await issueKey(server, id)).key }
      })
    )
    const args = (k: (typeof kiosks)[number]) => [k.dir, server.url, k.key, k.id]
    const [east, west] = await Promise.all(kiosks.map((k) => startKiosk(args(k))))
    for (const k of [east!, west!]) {
      k.send('pull')
      await k.waitFor('synced')
    }

    await server.cut()
    const made = await Promise.all(
      [east!, west!].map(async (k, i) => {
        const from = k.lines.length
        k.send(`punch ${PUNCHES} 2025-09-0${i + 1}T06:00:00Z`)
        await k.waitFor('punches done', from)
        return k.lines.slice(from).filter((l) => l.startsWith('punched ')).map((l) => l.slice('punched '.length))
      })
    )
    const ids = made.flat()
    expect(ids).toHaveLength(2 * PUNCHES)
    await server.restore()

    const onServer = async () => await server.core.repos.attendance.count({ from: '2025-09-01T00:00:00Z', to: '2025-09-03T00:00:00Z' }, {})
    const eastFrom = east!.lines.length
    const westFrom = west!.lines.length
    west!.send('sync')
    east!.send('sync')
    await east!.waitFor('syncing', eastFrom)
    // Kill east once the server has recorded part of its batch: the server has punches east never heard back about.
    const deadline = Date.now() + 30_000
    while ((await server.core.repos.attendance.count({ from: '2025-09-01T00:00:00Z', to: '2025-09-01T23:59:59Z' }, {})) === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2))
    }
    east!.child.kill('SIGKILL')
    expect(await east!.exited).toBeNull()
    expect(east!.lines.slice(eastFrom).some((l) => l.startsWith('synced'))).toBe(false)
    // Killed between the server recording its punches and the kiosk taking them out of its outbox.
    expect(await server.core.repos.attendance.count({ from: '2025-09-01T00:00:00Z', to: '2025-09-01T23:59:59Z' }, {})).toBeGreaterThan(0)
    expect(await pendingAt(kiosks[0]!.dir)).toBeGreaterThan(0)
    await west!.waitFor('synced', westFrom)
    west!.send('exit')
    expect(await west!.exited).toBe(0)

    const again = await startKiosk(args(kiosks[0]!))
    again.send('sync')
    await again.waitFor('synced')
    again.send('exit')
    expect(await again.exited).toBe(0)

    expect(await onServer()).toBe(2 * PUNCHES)
    const stored = await server.core.repos.attendance.between({ from: '2025-09-01T00:00:00Z', to: '2025-09-03T00:00:00Z' }, {}, 10_000)
    expect(stored.map((d) => d._id).sort()).toEqual([...ids].sort())
    for (const k of kiosks) expect(await pendingAt(k.dir)).toBe(0)
  })
})
