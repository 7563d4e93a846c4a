/**
 * The process store-crash.test.ts kills with SIGKILL. Opens the data folder argv[2] with the
 * raw key argv[3] (hex) through the repositories and loops `argv[4]` times (default 200):
 * one face template (128-float descriptor, thumbnail-size base64) and one punch. Prints
 * `template <id>` / `punch <id>` on stdout only after the write was acknowledged, then
 * `done`. Writes to a pipe are synchronous on Linux, so a printed id is an acknowledged one.
 */
// Plain CommonJS run by Node itself (no bundler, no TypeScript), so require is the way to load.
/* eslint-disable @typescript-eslint/no-require-imports */
require('./store-ts-register.cjs')
const { randomBytes } = require('node:crypto')
const { openStore } = require('../../src/main/store/open-store.ts')
const { createRepositories } = require('../../src/main/store/repositories/index.ts')

async function main() {
  const [dir, keyHex, rounds = '200'] = process.argv.slice(2)
  const store = await openStore(dir, { key: { kind: 'raw', key: Buffer.from(keyHex, 'hex') } })
  const repos = createRepositories(store)
  process.stdout.write('ready\n')
  for (let i = 0; i < Number(rounds); i++) {
    const time = new Date().toISOString()
    const template = await repos.templates.insert({
      employeeId: `emp${i % 7}`,
      descriptor: Array.from({ length: 128 }, () => Math.random() * 0.2 - 0.1),
      thumbnail: randomBytes(7_500).toString('base64'),
      source: 'camera',
      createdAt: time
    })
    process.stdout.write(`template ${template._id}\n`)
    const punch = await repos.attendance.insert({
      employeeId: `emp${i % 7}`,
      employeeCode: `E${i % 7}`,
      employeeName: `Person ${i % 7}`,
      type: i % 2 === 0 ? 'check-in' : 'check-out',
      time,
      distance: 0.3,
      kioskId: 'front-desk'
    })
    process.stdout.write(`punch ${punch._id}\n`)
  }
  process.stdout.write('done\n')
  await store.close()
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`)
  process.exit(1)
})
