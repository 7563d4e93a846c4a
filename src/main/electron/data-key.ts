import { ClockfaceError } from '../../shared/errors'
import type { DataKey } from '../store/key-provider'
import { keyFromSafeStorage, type SafeStorageLike } from '../store/safe-storage-keyring'

/** Environment variable with the data passphrase, for machines whose OS offers no keyring. */
export const DATA_PASSPHRASE_ENV = 'CLOCKFACE_DATA_PASSPHRASE'

/**
 * The desktop app's key of the encrypted data files: a random key kept wrapped by the OS
 * keyring through Electron's `safeStorage` (DPAPI, Keychain, libsecret/kwallet); where the
 * OS has none (`basic_text`, which would store it readable by anyone), the admin's data
 * passphrase from {@link DATA_PASSPHRASE_ENV}. Raises ClockfaceError `store-error` saying
 * what to do when neither is available, so the app stops with that message instead of
 * writing unprotected data.
 */
export function desktopDataKey(dataDir: string, safeStorage: SafeStorageLike, env: NodeJS.ProcessEnv = process.env): DataKey {
  const result = keyFromSafeStorage(dataDir, safeStorage)
  if (result.status === 'ready') return result.key
  const passphrase = env[DATA_PASSPHRASE_ENV]
  if (passphrase) return { kind: 'passphrase', passphrase }
  throw new ClockfaceError(
    'store-error',
    `${result.reason} Set the data passphrase in the ${DATA_PASSPHRASE_ENV} environment variable for the Clockface app (at least 8 characters), then start it again.`
  )
}
