/**
 * Names of what Clockface keeps in a data folder. The manifest's name is in
 * data-manifest.ts, the lock file's in store-lock.ts.
 */

/** File names of the datastores inside the data folder, by collection. */
export const STORE_FILES = {
  employees: 'employees.db',
  templates: 'templates.db',
  attendance: 'attendance.db',
  audit: 'audit.db',
  accounts: 'accounts.db',
  kiosks: 'kiosks.db',
  /** Owner settings (retention, idle minutes): one document, see services/privacy/settings.ts. */
  settings: 'settings.db',
  /** Integration API keys (hashes only), see services/api/api-keys.ts. */
  apiKeys: 'apikeys.db',
  /** The visitor gallery: unknown faces registered through the API, kept apart from employees. */
  visitors: 'visitors.db',
  /** Small snapshots kept with face punches when the owner turns them on, removed after their retention. */
  punchPhotos: 'punchphotos.db'
} as const

/** Name of one data file, e.g. `templates.db`. */
export type StoreFileName = (typeof STORE_FILES)[keyof typeof STORE_FILES]

/** True when `name` is one of {@link STORE_FILES}. */
export function isStoreFileName(name: string): name is StoreFileName {
  return (Object.values(STORE_FILES) as string[]).includes(name)
}

/** Name of the desktop app's keyring file in the data folder (see safe-storage-keyring.ts). */
export const KEYRING_FILE = 'clockface.keyring'

/** Folder inside the data folder where backups go by default (see backup-schedule.ts). */
export const BACKUP_DIR_NAME = 'backups'
