/**
 * Electron entry: a thin shell. It owns the window, security and IPC wiring; recognition runs
 * in the engine worker thread and everything else lives in plain modules shared with
 * browser mode (server.ts) and the command line (cli/cli.ts). The decisions it applies (window
 * options, kiosk shortcuts, protocol, permissions, crash recovery, login item) are plain
 * functions in electron/, unit-tested without starting Electron.
 */
import { app, BrowserWindow, dialog, Menu, powerMonitor, safeStorage } from 'electron'
import pino from 'pino'
import { startClockface, type ClockfaceCore } from './app-core'
import { kioskSyncFromEnv } from './sync/sync-env'
import type { KioskSyncConfig } from './sync/kiosk-sync-wiring'
import { appStartUrl } from './electron/app-origin'
import { desktopDataKey } from './electron/data-key'
import { createKioskExit, createShellHooks } from './electron/kiosk-exit'
import { loginItemDecision } from './electron/login-item'
import { resolveResourcePaths } from './electron/resource-paths'
import { setupIpc } from './electron/setup-ipc'
import { registerAppScheme, serveAppProtocol } from './electron/setup-protocol'
import { setupSecurity } from './electron/setup-security'
import { preloadPath, setupWindow } from './electron/setup-window'
import { parseShellArgs } from './electron/shell-args'
import { bringToFront, claimSingleInstance } from './electron/single-instance'
import { resolveShellMode } from './electron/window-options'
import { createIpcContexts } from './transport/ipc-context'
import { restApiOptionsFromSettings, startRestApi, type RestApiHandle } from './transport/rest-api'

// Privileged schemes can only be registered before the app is ready.
registerAppScheme()

const args = parseShellArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd())
const mode = resolveShellMode(app.isPackaged, args.windowed)
const kioskExit = createKioskExit()

let core: ClockfaceCore | undefined
let restApi: RestApiHandle | undefined
let mainWindow: BrowserWindow | undefined
let exitCode = 0

/** Leaves the kiosk without the admin gate: the OS is ending the session or a service manager stops the app. */
function quitForSystem(): void {
  kioskExit.allowExit()
  app.quit()
}

function applyLoginItem(): void {
  const decision = loginItemDecision(args, app.isPackaged, process.platform)
  if (decision.kind === 'set') app.setLoginItemSettings(decision.settings)
  else if (decision.kind === 'unsupported') console.warn(`Clockface: start-at-login flag ignored: ${decision.reason}`)
}

function syncOption(): { sync?: KioskSyncConfig } {
  const sync = kioskSyncFromEnv()
  return sync ? { sync } : {}
}

async function main(): Promise<void> {
  if (!claimSingleInstance(app)) return
  app.on('second-instance', () => bringToFront(mainWindow, mode.kiosk))
  await app.whenReady()
  // No menu means no accelerators to quit, reload or open the developer tools.
  if (!mode.applicationMenu) Menu.setApplicationMenu(null)
  applyLoginItem()
  setupSecurity()
  const paths = resolveResourcePaths(app.getAppPath(), __dirname, app.isPackaged)
  serveAppProtocol(paths.rendererDir)
  const dataDir = args.dataDir ?? app.getPath('userData')
  core = await startClockface({
    dataDir,
    dataKey: desktopDataKey(dataDir, safeStorage),
    channel: 'app',
    engineOptions: { modelsDir: paths.modelsDir, wasmDir: paths.wasmDir, workerPath: paths.workerPath },
    config: {
      // Operator notes (ambiguous identifications, audit entries that could not be written) go to the app's log.
      warn: (message, details) => console.warn(`Clockface: ${message}`, details ?? ''),
      ...(args.kioskId !== undefined ? { kioskId: args.kioskId } : {})
    },
    // The admin-only exitKiosk operation opens the kiosk gate and quits.
    shell: createShellHooks(kioskExit, () => app.quit()),
    // An offline-first kiosk of a Clockface server when CLOCKFACE_SYNC_SERVER is set.
    ...syncOption()
  })
  // The window is this screen's kiosk, named by --kiosk-id or the host name (see service-config.ts).
  setupIpc(core.dispatch, createIpcContexts(core.auth, core.config.kioskId))
  // The integration REST API, when the owner switched it on; its settings apply at the next start.
  const apiOptions = restApiOptionsFromSettings(core.settings.current())
  if (apiOptions) {
    try {
      restApi = await startRestApi(core, { ...apiOptions, logger: pino({ name: 'clockface-api' }) })
      console.log(`Clockface: integration API at ${restApi.url}`)
    } catch (error) {
      // The kiosk keeps working without it; the reason goes to the app's log.
      console.error('Clockface: the integration API did not start:', error instanceof Error ? error.message : error)
    }
  }
  const startUrl = appStartUrl({ packaged: app.isPackaged, devServerUrl: process.env['ELECTRON_RENDERER_URL'] })
  const open = (): BrowserWindow => {
    mainWindow = setupWindow({
      preloadPath: preloadPath(__dirname),
      startUrl,
      mode,
      kioskExit,
      onRendererGiveUp: (reason) => {
        dialog.showErrorBox('Clockface stopped', `The kiosk screen keeps failing (${reason}). Restart Clockface; if it happens again, call support.`)
        exitCode = 1
        quitForSystem()
      }
    })
    return mainWindow
  }
  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  powerMonitor.on('shutdown', quitForSystem)
}

process.once('SIGTERM', quitForSystem)
process.once('SIGINT', quitForSystem)

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

// Electron does not wait for promises in will-quit: hold the quit until the store is closed
// (pending audit entries written, data files compacted and unlocked), then exit.
let closing = false
app.on('will-quit', (event) => {
  if (!core) return
  event.preventDefault()
  if (closing) return
  closing = true
  const running = core
  void Promise.resolve(restApi?.stop())
    .catch((error: unknown) => console.error('Clockface: stopping the integration API failed:', error))
    .then(() => running.close())
    .catch((error: unknown) => console.error('Clockface: closing the data folder failed:', error))
    .finally(() => app.exit(exitCode))
})

main().catch((error: unknown) => {
  // A kiosk has no terminal: a damaged data file or a locked data folder must be said on screen.
  const message = error instanceof Error ? error.message : String(error)
  console.error('Clockface failed to start:', error)
  dialog.showErrorBox('Clockface cannot start', message)
  app.exit(1)
})
