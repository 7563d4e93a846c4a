/**
 * Helpers for the end-to-end tests: a fake webcam made from a real talking-head video,
 * a browser-mode server on a free port with a fresh data folder (and the set-up code it
 * printed), Chromium launched with the flags this machine needs, and an API caller that keeps
 * its session cookies like a browser does.
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

/** Flags every headless Chromium run here needs (no sandbox in the container, no GPU, no updates). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic'
]

/** Launches headless Chromium without a camera (for screens that never open one). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS })
}

/** Launches headless Chromium with a fake camera playing `y4m`. */
export function launchWithCamera(y4m: string): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${y4m}`
    ]
  })
}

/** A TCP port on 127.0.0.1 that was free a moment ago (for the server and its REST API). */
export async function freePort(): Promise<number> {
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
  /** The first-run set-up code the server printed ("… the set-up code is NNNNNNNN"). */
  setupCode: string
  stop(): Promise<void>
}

/** The line browser mode prints at first run, with the set-up code. */
const SETUP_CODE_LINE = /the set-up code is (\S+)/

/** Options of {@link startServer}. */
export interface StartOptions {
  /** An existing data folder to open again (default: a new empty one, so a first run). */
  dataDir?: string
  /** More command-line arguments for the server, e.g. `['--api', '--api-port', '5781']`. */
  args?: string[]
}

/**
 * Starts `out/main/server.js` on a free port; resolves when it listens and, on a first run
 * (new data folder), has printed its set-up code.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort()
  const firstRun = options.dataDir === undefined
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'clockface-e2e-'))
  const child: ChildProcess = spawn(process.execPath, [process.env.CLOCKFACE_SERVER_JS ?? join(root, 'out', 'main', 'server.js'), '--port', String(port), '--data', dataDir, ...(options.args ?? [])], {
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
      if (res.ok && (!firstRun || SETUP_CODE_LINE.test(output))) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 250))
  }
  const setupCode = SETUP_CODE_LINE.exec(output)?.[1] ?? ''
  return {
    url,
    dataDir,
    setupCode,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done()
        child.once('exit', () => done())
        child.kill('SIGTERM')
      })
  }
}

/** A Result as the HTTP transport answers it, plus the HTTP status. */
export interface ApiAnswer<T> {
  status: number
  ok: boolean
  value?: T
  error?: { code: string; message: string }
}

/**
 * Calls operations over the HTTP transport with JSON, keeping the session cookies the server
 * sets (admin and kiosk) and sending them back, as a browser would. A new one has no session.
 */
export class ApiSession {
  private readonly cookies = new Map<string, string>()

  constructor(private readonly url: string) {}

  /** Calls `operation` with `request`; resolves to its Result and HTTP status. */
  async call<T = unknown>(operation: string, request: unknown = {}): Promise<ApiAnswer<T>> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    const res = await fetch(`${this.url}/api/${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(request)
    })
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const cleared = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a))
      if (cleared) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: res.status, ...((await res.json()) as Omit<ApiAnswer<T>, 'status'>) }
  }

  /** Signs in as `username`; throws when the server refuses. */
  async login(username: string, password: string): Promise<void> {
    const answer = await this.call('login', { username, password })
    if (!answer.ok) throw new Error(`login as ${username} failed: ${answer.error?.code} ${answer.error?.message}`)
  }
}
