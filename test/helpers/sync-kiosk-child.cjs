/**
 * A syncing kiosk in its own process, for kiosk-sync-processes.test.ts (which may SIGKILL it).
 * argv: <data dir> <server URL> <kiosk key> <kiosk id>. Prints `ready`, then runs the commands
 * it reads on stdin, one a line:
 *   pull | sync          prints `syncing`, runs one sync round, prints `synced <pushed>`
 *   punch <n> <start>    n punches, round-robin over the cached employees, 2 simulated minutes
 *                        apart from <start> (UTC ISO); prints `punched <id>` as each is
 *                        recorded, then `punches done`
 *   exit                 closes the store and exits 0
 * A failed command prints `failed <reason>`.
 */
// Plain CommonJS run by Node itself (no bundler, no TypeScript), so require is the way to load.
/* eslint-disable @typescript-eslint/no-require-imports */
require('./store-ts-register.cjs')
const { createInterface } = require('node:readline')
const { openStore } = require('../../src/main/store/open-store.ts')
const { resolveServiceConfig } = require('../../src/main/services/service-config.ts')
const { createSettingsService } = require('../../src/main/services/privacy/settings.ts')
const { createAttendanceService } = require('../../src/main/services/attendance/attendance-service.ts')
const { prepareKioskSync } = require('../../src/main/sync/kiosk-sync-wiring.ts')
const { createHttpSyncTransport } = require('../../src/main/sync/sync-transport.ts')

async function main() {
  const [dir, serverUrl, key, kioskId] = process.argv.slice(2)
  let clock = new Date()
  const config = resolveServiceConfig({ kioskId, now: () => clock, cooldownMs: 60_000 })
  const store = await openStore(dir)
  const parts = prepareKioskSync(store, { transport: createHttpSyncTransport({ serverUrl, key, timeoutMs: 30_000 }) }, () => undefined)
  // The kiosk's services are not needed here, only the settings a pull refreshes: loading
  // fewer modules keeps each process start short.
  const settings = createSettingsService(parts.repos.settings, config)
  await settings.load()
  const sync = parts.attach(settings)
  const attendance = createAttendanceService(parts.repos.attendance, config)
  const say = (line) => process.stdout.write(`${line}\n`)
  say('ready')
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, ...args] = line.trim().split(/\s+/)
    try {
      if (command === 'pull' || command === 'sync') {
        say('syncing')
        say(`synced ${(await sync.syncNow()).pushed}`)
      } else if (command === 'punch') {
        const employees = await parts.repos.employees.all()
        const start = Date.parse(args[1])
        for (let i = 0; i < Number(args[0]); i++) {
          clock = new Date(start + i * 120_000)
          const e = employees[i % employees.length]
          say(`punched ${(await attendance.punch({ employeeId: e._id, code: e.code, name: e.name, distance: 0.4 }, { kioskId, timeZone: 'UTC' })).id}`)
        }
        say('punches done')
      } else if (command === 'exit') {
        break
      }
    } catch (error) {
      say(`failed ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  await store.close()
  // stdin stays open in the parent's pipe and would keep this process alive.
  process.exit(0)
}

void main()
