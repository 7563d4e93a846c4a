#!/usr/bin/env node
// `node scripts/run-built.mjs <entry> [args…]`: runs out/main/<entry>.js (server, cli,
// bench-engine, bench-kiosk, bench-accuracy, bench-pad, bench-live) in plain Node after making sure the build is current.
import { spawn } from 'node:child_process'
import { ensureBuilt } from './ensure-built.mjs'

const [entry, ...args] = process.argv.slice(2)
const names = { server: 'server', cli: 'cli', bench: 'bench-engine', 'bench-kiosk': 'bench-kiosk', 'bench-accuracy': 'bench-accuracy', 'bench-pad': 'bench-pad', 'bench-live': 'bench-live' }
if (!entry || !(entry in names)) {
  console.error(`usage: run-built.mjs <${Object.keys(names).join('|')}> [args…]`)
  process.exit(2)
}
const bundle = ensureBuilt(names[entry])
const child = spawn(process.execPath, [bundle, ...args], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
