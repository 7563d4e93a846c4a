import { join } from 'node:path'

/**
 * Folders the engine reads at run time. In a packaged app they sit in `app.asar.unpacked`
 * (electron-builder.yml unpacks resources/ because the wasm runtime and model loader read
 * them with plain file APIs); in development they sit in the project folder.
 */
export interface ResourcePaths {
  /** face-api model files (verified by scripts/prepare-resources.mjs). */
  modelsDir: string
  /** tfjs wasm binaries; ends with '/' because the wasm backend (setWasmPaths) prefixes file names with it. */
  wasmDir: string
  /** Built engine worker script (out/main/engine-worker.js). */
  workerPath: string
  /** Built renderer folder (out/renderer), the only folder the `clockface://` protocol serves. */
  rendererDir: string
}

/**
 * Resolves {@link ResourcePaths}.
 * @param appPath `app.getAppPath()`: the project folder in development, `.../app.asar` when packaged
 * @param mainDir folder of the built main bundle (`out/main`)
 * @param packaged `app.isPackaged`
 */
export function resolveResourcePaths(appPath: string, mainDir: string, packaged: boolean): ResourcePaths {
  const resourcesRoot = packaged ? join(`${appPath}.unpacked`, 'resources') : join(appPath, 'resources')
  return {
    modelsDir: join(resourcesRoot, 'models'),
    wasmDir: join(resourcesRoot, 'wasm') + '/',
    workerPath: join(mainDir, 'engine-worker.js'),
    rendererDir: join(mainDir, '..', 'renderer')
  }
}
