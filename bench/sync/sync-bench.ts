/**
 * Sync throughput: one server in server mode (PostgreSQL 15, a throwaway server started here)
 * behind its HTTP transport, one kiosk on its own NeDB folder.
 *   1. Online: punches pushed one at a time as they are made (the kiosk's pushNow), per second.
 *   2. Offline: the network cut while the kiosk records SYNC_BENCH_PUNCHES punches (default
 *      10,000) of 50 people; then restored, the time until the outbox is empty (catch-up) and
 *      the punches per second pushed in batches.
 * Prints one line per figure and a Markdown table. Run: `npm run bench:sync`.
 */
import { rmSync } from 'node:fs'
import { cpus } from 'node:os'
import { it } from 'vitest'
import { cliContext } from '../../src/main/app-core'
import { postgresSkipReason } from '../../test/helpers/postgres-server'
import { issueKey, openKiosk, startSyncServer } from '../../test/helpers/sync-fixture'

const OFFLINE_PUNCHES = Number(process.env['SYNC_BENCH_PUNCHES'] ?? 10_000)
const ONLINE_PUNCHES = Number(process.env['SYNC_BENCH_ONLINE'] ?? 500)
const PEOPLE = 50

it.skipIf(postgresSkipReason !== null)(`sync throughput${postgresSkipReason ? ` (skipped: ${postgresSkipReason})` : ''}`, async () => {
  // Each person punches every 10 minutes of simulated time: well past the 60 s cooldown.
  let clock = new Date('2025-01-06T06:00:00Z')
  const config = { now: () => clock, cooldownMs: 60_000 }
  const server = await startSyncServer(config)
  const codes: string[] = []
  for (let i = 0; i < PEOPLE; i++) {
    const code = `B${String(i).padStart(3, '0')}`
    const result = await server.core.dispatch('createEmployee', { code, name: `Bench ${i}` }, cliContext())
    if (!result.ok) throw new Error(result.error.message)
    codes.push(code)
  }
  const { key } = await issueKey(server, 'bench')
  const kiosk = await openKiosk(server, 'bench', key, config)
  try {
    await kiosk.sync.syncNow()
    const tick = (n: number) => {
      clock = new Date(clock.getTime() + Math.ceil((10 * 60_000) / PEOPLE))
      return codes[n % PEOPLE] as string
    }

    let start = performance.now()
    for (let n = 0; n < ONLINE_PUNCHES; n++) await kiosk.punch(tick(n))
    const onlineSeconds = (performance.now() - start) / 1000
    const onlinePending = await kiosk.cache.pendingCount()

    await server.cut()
    start = performance.now()
    for (let n = 0; n < OFFLINE_PUNCHES; n++) await kiosk.punch(tick(n))
    const recordSeconds = (performance.now() - start) / 1000
    const pending = await kiosk.cache.pendingCount()

    await server.restore()
    start = performance.now()
    const report = await kiosk.sync.syncNow()
    const catchUpSeconds = (performance.now() - start) / 1000
    const left = await kiosk.cache.pendingCount()
    const onServer = await server.core.repos.attendance.count({ from: '0000', to: '9999' }, { kioskId: 'bench' })

    const lines = [
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL from ${process.env['PG_BIN'] ?? '/usr/lib/postgresql'}`,
      `online: ${ONLINE_PUNCHES} punches recorded and pushed one by one in ${onlineSeconds.toFixed(1)} s = ${(ONLINE_PUNCHES / onlineSeconds).toFixed(0)} punches/s (left pending: ${onlinePending})`,
      `offline: ${OFFLINE_PUNCHES} punches recorded at the kiosk in ${recordSeconds.toFixed(1)} s (outbox ${pending})`,
      `catch-up: ${report.pushed} punches pushed in ${catchUpSeconds.toFixed(1)} s = ${(report.pushed / catchUpSeconds).toFixed(0)} punches/s (left pending: ${left}; on the server from this kiosk: ${onServer})`
    ]
    console.log(lines.join('\n'))
    console.log(
      [
        '| figure | value |',
        '|---|---|',
        `| online push, one punch at a time | ${(ONLINE_PUNCHES / onlineSeconds).toFixed(0)} punches/s |`,
        `| catch-up after ${OFFLINE_PUNCHES.toLocaleString('en')} offline punches | ${catchUpSeconds.toFixed(1)} s |`,
        `| catch-up push rate (batches of 500) | ${(report.pushed / catchUpSeconds).toFixed(0)} punches/s |`
      ].join('\n')
    )
    if (left !== 0 || onServer !== ONLINE_PUNCHES + OFFLINE_PUNCHES) throw new Error('the bench lost or doubled punches')
  } finally {
    await kiosk.close()
    rmSync(kiosk.dir, { recursive: true, force: true })
    await server.stop()
  }
})
