// Builds with electron-vite when the bundle is missing or older than any source file, so
// `npm run serve`, `npm run cli` and `npm start` always run the code in src/.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs)
  }
  return newest
}

/** Runs `npm run build` unless out/main/<entry>.js is newer than src/, bench/ and the config. */
export function ensureBuilt(entry) {
  const bundle = join(root, 'out', 'main', `${entry}.js`)
  const sources = Math.max(
    newestMtime(join(root, 'src')),
    newestMtime(join(root, 'bench')),
    statSync(join(root, 'electron.vite.config.ts')).mtimeMs
  )
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return bundle
  console.error('[clockface] building (electron-vite)…')
  execSync('npm run --silent build', { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  return bundle
}
