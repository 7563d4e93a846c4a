import type { ShellArgs } from './shell-args'

/** What to do with the OS login item ("open at login") this run. */
export type LoginItemDecision =
  | { kind: 'leave' }
  | { kind: 'set'; settings: { openAtLogin: boolean; args?: string[] } }
  | { kind: 'unsupported'; reason: string }

/** Quotes one Windows command-line argument the way CommandLineToArgvW reads it back. */
function quoteWindowsArg(value: string): string {
  // Backslashes only need doubling before the closing quote; Windows paths hold no quotes.
  return `"${value.replace(/(\\+)$/, '$1$1')}"`
}

/**
 * Decides the `app.setLoginItemSettings` call for `--start-at-login` / `--no-start-at-login`.
 * Without either flag the login item is left alone (the OS keeps it between runs). Electron
 * supports login items on macOS and Windows only, and only a packaged app should register
 * itself (in development the item would start the bare Electron binary). On Windows the item
 * starts the app with the same `--data` and `--kiosk-id` (quoted, as Electron asks), so a
 * screen set up for a data folder comes back to it; macOS login items take no arguments.
 * @param args parsed command line (see shell-args.ts)
 * @param packaged `app.isPackaged`
 * @param platform `process.platform`
 */
export function loginItemDecision(args: ShellArgs, packaged: boolean, platform: NodeJS.Platform): LoginItemDecision {
  if (args.startAtLogin === undefined) return { kind: 'leave' }
  if (platform !== 'win32' && platform !== 'darwin') return { kind: 'unsupported', reason: `login items are not supported on ${platform}; use the desktop's autostart settings` }
  if (!packaged) return { kind: 'unsupported', reason: 'only the packaged app registers itself as a login item' }
  if (platform === 'darwin' || !args.startAtLogin) return { kind: 'set', settings: { openAtLogin: args.startAtLogin } }
  const forwarded: string[] = []
  if (args.dataDir !== undefined) forwarded.push(`--data=${quoteWindowsArg(args.dataDir)}`)
  if (args.kioskId !== undefined) forwarded.push(`--kiosk-id=${quoteWindowsArg(args.kioskId)}`)
  return { kind: 'set', settings: { openAtLogin: true, args: forwarded } }
}
