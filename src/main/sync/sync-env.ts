import { readFileSync } from 'node:fs'
import { ClockfaceError } from '../../shared/errors'
import type { KioskSyncConfig } from './kiosk-sync-wiring'

/**
 * The sync settings of a kiosk from its environment, for the desktop app (which has no
 * command-line flags for it): `CLOCKFACE_SYNC_SERVER` (the server's address) and the kiosk key
 * from `CLOCKFACE_KIOSK_KEY_FILE` (first line of the file) or `CLOCKFACE_KIOSK_KEY`. Resolves to
 * undefined when no server is set (a kiosk on its own). Raises ClockfaceError `invalid-input`
 * when a server is set without a key, or the key file cannot be read.
 */
export function kioskSyncFromEnv(env: NodeJS.ProcessEnv = process.env): KioskSyncConfig | undefined {
  const serverUrl = env['CLOCKFACE_SYNC_SERVER']?.trim()
  if (!serverUrl) return undefined
  let key = env['CLOCKFACE_KIOSK_KEY']
  const file = env['CLOCKFACE_KIOSK_KEY_FILE']
  if (file) {
    try {
      key = readFileSync(file, 'utf8').split('\n')[0]
    } catch (error) {
      throw new ClockfaceError('invalid-input', `The kiosk key file ${file} cannot be read: ${(error as Error).message}`)
    }
  }
  if (!key?.trim()) throw new ClockfaceError('invalid-input', 'CLOCKFACE_SYNC_SERVER is set but no kiosk key: set CLOCKFACE_KIOSK_KEY_FILE (or CLOCKFACE_KIOSK_KEY).')
  if (!/^https?:\/\/\S+$/.test(serverUrl)) throw new ClockfaceError('invalid-input', `CLOCKFACE_SYNC_SERVER must be an http:// or https:// address, not ${serverUrl}.`)
  return { serverUrl, key: key.trim() }
}
