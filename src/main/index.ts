/**
 * Electron entry: a thin shell. It owns the window, security and IPC wiring; recognition runs
 * in the engine worker thread and everything else lives in plain modules shared with
 * browser mode (server.ts) and the command line (cli/cli.ts).
 */
import { app, BrowserWindow, dialog } from 'electron'
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { startClockface, type ClockfaceCore } from './app-core'
import { resolveResourcePaths } from './electron/resource-paths'
import { setupIpc } from './electron/setup-ipc'
import { setupSecurity } from './electron/setup-security'
import { preloadPath, setupWindow } from './electron/setup-window'

const { values: args } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: {
    data: { type: 'string' },
    windowed: { type: 'boolean', default: false },
    'kiosk-id': { type: 'string' }
  },
  strict: false
})

let core: ClockfaceCore | undefined

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  setupSecurity()
  const paths = resolveResourcePaths(app.getAppPath(), __dirname, app.isPackaged)
  const dataDir = typeof args.data === 'string' ? resolve(args.data) : app.getPath('userData')
  core = await startClockface({
    dataDir,
    channel: 'app',
    engineOptions: { modelsDir: paths.modelsDir, wasmDir: paths.wasmDir, workerPath: paths.workerPath },
    config: {
      // Operator notes (ambiguous identifications, audit entries that could not be written) go to the app's log.
      warn: (message, details) => console.warn(`Clockface: ${message}`, details ?? ''),
      ...(typeof args['kiosk-id'] === 'string' ? { kioskId: args['kiosk-id'] } : {})
    }
  })
  setupIpc(core.handlers)
  const open = (): BrowserWindow =>
    setupWindow({ preloadPath: preloadPath(__dirname), rendererIndex: paths.rendererIndex, windowed: args.windowed === true || !app.isPackaged })
  open()
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus())
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => {
  void core?.close()
})

main().catch((error: unknown) => {
  // A kiosk has no terminal: a damaged data file or a locked data folder must be said on screen.
  const message = error instanceof Error ? error.message : String(error)
  console.error('Clockface failed to start:', error)
  dialog.showErrorBox('Clockface cannot start', message)
  app.exit(1)
})
