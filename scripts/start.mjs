#!/usr/bin/env node
// `npm start`: builds, then runs the desktop app in Electron. Where Electron cannot start
// (no binary could be fetched, no display), it says why and runs browser mode instead, so
// the kiosk can still be used from Chrome, Chromium or Edge on this PC.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { ensureBuilt, root } from './ensure-built.mjs'

const args = process.argv.slice(2)
const browserOnly = args.includes('--browser')
const passThrough = args.filter((a) => a !== '--browser')

ensureBuilt('index')
ensureBuilt('server')

function electronBinary() {
  // The electron package fetches its binary on first use; a failure here is reported, not fatal.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8'
  })
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout }
  const lines = (probe.stderr || '').split('\n').map((l) => l.trim()).filter(Boolean)
  // The electron package prints a stack and ends with a Node version line; its own words are in the Error line.
  const errors = lines.filter((l) => /^\w*Error: /.test(l))
  const reason = errors.length > 0 ? errors.join('; ') : (lines[0] ?? 'unknown error')
  return { reason }
}

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
const electron = browserOnly ? { reason: '--browser was given' } : electronBinary()

if (electron.path && hasDisplay) {
  const { code } = await run(electron.path, [root, ...passThrough])
  process.exit(code ?? 1)
}

const why = electron.reason ?? 'no display to open a window on'
console.error(`[clockface] Electron is not available (${why}); starting browser mode.`)
const { code } = await run(process.execPath, [join(root, 'out', 'main', 'server.js'), ...passThrough])
process.exit(code ?? 1)
