/**
 * A throwaway PostgreSQL server for tests: Debian's `initdb` and `pg_ctl` (package
 * `postgresql`) in a temporary folder, listening on 127.0.0.1 at a free port, trust
 * authentication, fsync off (the folder is deleted afterwards). initdb refuses to run as
 * root, so as root the server runs as the `postgres` user (`runuser`), owning its folder.
 */
import { execFileSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/** Folder of Debian's PostgreSQL binaries (the newest installed), or null when the package is absent. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? null : join(root, versions[0], 'bin')
}

/** Why PostgreSQL tests are skipped here, or null when they can run. */
export const postgresSkipReason: string | null =
  postgresBinDir() === null ? 'PostgreSQL binaries not installed (/usr/lib/postgresql/*/bin/initdb; Debian package postgresql)' : null

/** A running throwaway server. */
export interface TempPostgres {
  port: number
  /** Creates a new empty database and resolves to its connection URL. */
  createDatabase(name: string): Promise<string>
  /** Stops the server (fast shutdown) and keeps the folder; `start()` starts it again on the same port. */
  stopServer(): void
  startServer(): void
  /** Stops the server and deletes its folder. */
  stop(): void
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** Starts a server; throws when the binaries are missing (check {@link postgresSkipReason} first). */
export async function startTempPostgres(): Promise<TempPostgres> {
  const bin = postgresBinDir()
  if (bin === null) throw new Error(postgresSkipReason ?? 'no PostgreSQL')
  const asRoot = process.getuid?.() === 0
  const user = asRoot ? 'postgres' : userInfo().username
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, tool)
    const full = asRoot ? ['-u', user, '--', join(bin, tool), ...args] : args
    execFileSync(command, full, { stdio: 'pipe', timeout: 60_000 })
  }
  const dir = mkdtempSync(join(tmpdir(), 'clockface-pg-'))
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim())
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim())
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale'])
  const options = `-c listen_addresses=127.0.0.1 -k ${dir} -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`
  const startServer = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const stopServer = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop'])
  startServer()
  let running = true
  return {
    port,
    async createDatabase(name) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' })
      await client.connect()
      try {
        // CREATE DATABASE cannot run inside a transaction block: its own statement.
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      } finally {
        await client.end()
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`
    },
    stopServer() {
      stopServer()
      running = false
    },
    startServer() {
      startServer()
      running = true
    },
    stop() {
      try {
        if (running) stopServer()
      } finally {
        running = false
        rmSync(dir, { recursive: true, force: true })
      }
    }
  }
}
