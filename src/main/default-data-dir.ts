import { homedir } from 'node:os'
import { join } from 'node:path'

/** Application name, the last segment of the data folder (as Electron derives it from productName). */
export const APP_DATA_NAME = 'Clockface'

/**
 * The per-user data folder Electron's `app.getPath('userData')` gives Clockface, computed
 * without Electron so `npm run serve` and the CLI share the kiosk app's data by default:
 * Linux `$XDG_CONFIG_HOME/Clockface` (else `~/.config/Clockface`), macOS
 * `~/Library/Application Support/Clockface`, Windows `%APPDATA%\Clockface` (else
 * `~\AppData\Roaming\Clockface`).
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_DATA_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DATA_NAME)
  const xdg = env['XDG_CONFIG_HOME']
  return join(xdg && xdg.length > 0 ? xdg : join(home, '.config'), APP_DATA_NAME)
}
