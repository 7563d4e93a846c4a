/**
 * Helpers for the end-to-end tests: a fake webcam made from a real talking-head video,
 * a browser-mode server on a free port with a fresh data folder, and Chromium launched with
 * the flags this machine needs.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { datasetsDir } from '../helpers/datasets'

const root = resolve(__dirname, '..', '..')
/** Where generated fake-camera files are cached between runs. */
const cacheDir = join(root, 'test-results', 'fake-camera')

/** Chromium from Debian; Playwright's own browser download does not work on this machine. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when the talking-head videos, Chromium and ffmpeg (to make the fake camera) are all present. */
export const canRunE2e =
  existsSync(join(datasetsDir, 'video', 'talking-head-aoc.mp4')) &&
  existsSync(chromiumPath) &&
  spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0

/**
 * Converts `video/talking-head-<who>.mp4` into a .y4m Chromium can play as a webcam
 * (640×480 at 15 fps, letterboxed so the face keeps its proportions). Cached.
 */
export function fakeCamera(who: 'aoc' | 'khill'): string {
  mkdirSync(cacheDir, { recursive: true })
  const out = join(cacheDir, `${who}.y4m`)
  if (!existsSync(out)) {
    execFileSync('ffmpeg', [
      '-v', 'error', '-y',
      '-i', join(datasetsDir, 'video', `talking-head-${who}.mp4`),
      '-vf', 'fps=15,scale=480:480,pad=640:480:80:0',
      '-pix_fmt', 'yuv420p',
      out
    ])
  }
  return out
}

/** Launches headless Chromium with a fake camera playing `y4m`. */
export function launchWithCamera(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`
    ]
  })
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
    server.on('error', reject)
  })
}

/** A running browser-mode server. */
export interface RunningServer {
  url: string
  dataDir: string
  stop(): Promise<void>
}

/** Starts `out/main/server.js` on a free port with an empty data folder; resolves when it listens. */
export async function startServer(): Promise<RunningServer> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'clockface-e2e-'))
  const child: ChildProcess = spawn(process.execPath, [process.env.CLOCKFACE_SERVER_JS ?? join(root, 'out', 'main', 'server.js'), '--port', String(port), '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const res = await fetch(`${url}/api/getEngineStatus`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}'
      })
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    dataDir,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
}

/** Calls an operation over the HTTP transport with JSON and returns its Result. */
export async function callApi<T = unknown>(url: string, operation: string, request: unknown = {}): Promise<{ ok: boolean; value?: T; error?: { code: string } }> {
  const res = await fetch(`${url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request)
  })
  return (await res.json()) as { ok: boolean; value?: T; error?: { code: string } }
}
