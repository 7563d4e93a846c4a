/**
 * Default locations of the engine's files when the caller gives none: the built app run from
 * the project folder (`out/main/*.js`) or the sources run by vitest (`src/main/engine/*.ts`).
 * Packaged apps pass every path explicitly (resources live elsewhere there).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** Absolute paths the engine needs. */
export interface EnginePaths {
  modelsDir: string
  wasmDir: string
  workerPath: string
}

/** The nearest ancestor of `from` (itself included) holding `resources/models`, or null. */
function projectRootAbove(from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'resources', 'models'))) return dir
    if (dirname(dir) === dir) return null
  }
}

/**
 * Default engine paths seen from the folder `from` (the folder of the running bundle):
 * - modelsDir: `resources/models` of the project folder above, else `from/../../resources/models`
 *   (out/main → project root);
 * - workerPath: `engine-worker.js` in `from` or its parent when it exists (the built app; the
 *   bundler may put this code in `out/main/chunks/`), else the project's
 *   `out/main/engine-worker.js` (sources run by tests; build first);
 * - wasmDir: `resources/wasm` of the project folder (copied there by
 *   scripts/prepare-resources.mjs), else the `dist/` folder of the installed
 *   `@tensorflow/tfjs-backend-wasm`.
 */
export function defaultEnginePaths(from: string = __dirname): EnginePaths {
  const root = projectRootAbove(from) ?? join(from, '..', '..')
  const besideBundle = [from, dirname(from)].map((dir) => join(dir, 'engine-worker.js')).find((file) => existsSync(file))
  return {
    modelsDir: join(root, 'resources', 'models'),
    workerPath: besideBundle ?? join(root, 'out', 'main', 'engine-worker.js'),
    wasmDir: defaultWasmDir(root, from)
  }
}

function defaultWasmDir(root: string, from: string): string {
  const copied = join(root, 'resources', 'wasm') + '/'
  if (existsSync(join(copied, 'tfjs-backend-wasm.wasm'))) return copied
  try {
    const require = createRequire(join(from, 'noop.js'))
    return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/'
  } catch {
    return join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + '/'
  }
}
