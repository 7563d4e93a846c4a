/**
 * Document shapes of the NeDB datastores and the store handle the services use.
 * Every time is an ISO-8601 string in UTC (`Date.prototype.toISOString()`), so string order
 * equals time order and range queries on `time` can use the index.
 */
import type Datastore from 'nedb-promises'
import type { Schedule } from '../../shared/attendance-models'
import type { LivenessPolicy } from '../../shared/liveness-policy'
import type { AdminRole, ApiScope, AttendanceEvent, AuditEntry, Consent, PunchChoiceMode, Settings, TemplateSource } from '../../shared/models'

/** An employee as stored in `employees.db`; `code` has a unique index. */
export interface EmployeeDoc {
  _id: string
  code: string
  name: string
  department: string
  gender?: 'female' | 'male' | 'other'
  /** scrypt hash of the employee's kiosk PIN (see services/auth/password-hash.ts), when one is set. */
  pinHash?: string
  /** Consent recorded when the first face was enrolled. */
  consent?: Consent
  createdAt: string
  updatedAt: string
}

/** A face template as stored in `templates.db`; `employeeId` is indexed. */
export interface TemplateDoc {
  _id: string
  employeeId: string
  /** Face descriptor of the enrolment face, made by `model` (MobileFaceNet: 192 numbers, unit length). */
  descriptor: number[]
  /** JPEG bytes of the face crop shown in lists, base64 (no data: prefix). */
  thumbnail: string
  /** Id of the recognition model that made `descriptor` (absent: the first, face-api 128-D; see decision/recognition-model.ts). */
  model?: string
  /** JPEG bytes of the 5-point aligned face (224 px, engine/aligned-face.ts), base64: what the descriptor is recomputed from when the model changes. */
  alignedFace?: string
  source: TemplateSource
  createdAt: string
}

/**
 * One punch as stored in `attendance.db`: the {@link AttendanceEvent} the contract returns,
 * keyed by NeDB's `_id`. `employeeId` and `time` are indexed; code and name are copied at
 * punch time so history reads right after the employee is renamed or deleted.
 */
export type AttendanceDoc = Omit<AttendanceEvent, 'id'> & {
  _id: string
  /**
   * Set on a punch a kiosk pushed whose type came from the automatic rule: the server may
   * re-decide it when an earlier offline punch of the same person arrives late.
   */
  autoType?: boolean
  /** Set at a syncing kiosk on a punch not yet acknowledged by the server: the kiosk's outbox. */
  pendingSync?: boolean
}

/**
 * One audit-log entry as stored in `audit.db`: the {@link AuditEntry} the contract returns,
 * keyed by NeDB's `_id`; `time` is indexed. Written once, never updated.
 */
export type AuditDoc = Omit<AuditEntry, 'id' | 'actor'> & {
  _id: string
  /** Who acted; absent in entries written before admin accounts existed (read as `unknown`). */
  actor?: string
}

/** An admin account as stored in `accounts.db`; `username` has a unique index. */
export interface AccountDoc {
  _id: string
  username: string
  role: AdminRole
  /** scrypt hash of the password or PIN (services/auth/password-hash.ts); never leaves main. */
  passwordHash: string
  /** Failed sign-ins in a row since the last success or lock-out. */
  failedAttempts: number
  /** UTC time until which sign-in is refused. */
  lockedUntil?: string
  lastLoginAt?: string
  createdAt: string
}

/** A registered kiosk as stored in `kiosks.db`; `tokenHash` (SHA-256 of its token, hex) is indexed. */
export interface KioskDoc {
  _id: string
  kioskId: string
  tokenHash: string
  createdBy: string
  createdAt: string
  lastSeenAt?: string
  revokedAt?: string
  /** IANA zone; absent: ServiceConfig.timeZone. */
  timeZone?: string
  /** Absent: `automatic`. */
  punchChoice?: PunchChoiceMode
  verifyMode?: boolean
  /** Presentation-attack policy; absent fields take DEFAULT_LIVENESS_POLICY's. */
  liveness?: Partial<LivenessPolicy>
  /** A syncing kiosk's last sync (services/sync/sync-push.ts writes it). */
  sync?: { lastSyncAt: string; outbox: number; version: string }
}

/**
 * The owner settings as stored in `settings.db`: one document whose `_id` is `settings`.
 * Fields may be missing in a file written by an older version; the settings service fills in
 * defaults (services/privacy/settings.ts).
 */
export type SettingsDoc = Partial<Settings> & {
  _id: string
  /** UTC time and admin of the last change. */
  updatedAt?: string
  updatedBy?: string
}

/**
 * The key pair that signs face-login tokens, as stored in `settings.db` beside the settings
 * document (its `_id` is `face-login-key`), so the private key is encrypted at rest like every
 * other line of the data folder. JWKs as RFC 7517 objects; `kid` is the RFC 7638 thumbprint of
 * the public key.
 */
export interface SigningKeyDoc {
  _id: string
  kid: string
  alg: 'ES256'
  privateJwk: Record<string, unknown>
  publicJwk: Record<string, unknown>
  createdAt: string
}

/**
 * An integration API key as stored in `apikeys.db`: never the key itself, only the SHA-256 of
 * its secret (hex) and its public `prefix` (unique index) to find it by.
 */
export interface ApiKeyDoc {
  _id: string
  name: string
  prefix: string
  secretHash: string
  scopes: ApiScope[]
  createdBy: string
  createdAt: string
  lastUsedAt?: string
  revokedAt?: string
}

/**
 * A visitor as stored in `visitors.db`: an unknown face registered through the API, apart from
 * employees (never punched, never identified as staff). `descriptor` as in {@link TemplateDoc}.
 */
export interface VisitorDoc {
  _id: string
  /** Public visitor id, `V-` and 10 characters. */
  visitorId: string
  descriptor: number[]
  /** Id of the recognition model that made `descriptor` (absent: the first, face-api 128-D). */
  model?: string
  createdAt: string
  lastSeenAt: string
  /** Times the face was seen through the API, first registration included. */
  seenCount: number
}

/**
 * A snapshot kept with a face punch in `punchphotos.db`: the punch's id (unique index), the
 * punch time (UTC, indexed, for retention) and a small JPEG of the face, base64.
 */
export interface PunchPhotoDoc {
  _id: string
  punchId: string
  time: string
  jpeg: string
}

/**
 * A work schedule as stored in `settings.db` beside the settings document: the
 * {@link Schedule} the contract returns with `kind: 'schedule'`, keyed by NeDB's `_id`.
 */
export type ScheduleDoc = Omit<Schedule, 'id'> & { _id: string; kind: 'schedule' }

/** A document before insertion: NeDB assigns `_id`. */
export type NewDoc<T extends { _id: string }> = Omit<T, '_id'>

/** NeDB datastore typed by its documents (nedb-promises adds `_id` itself). */
export type Collection<T extends { _id: string }> = Datastore<T>

/** The opened Clockface store: one datastore per file in the data folder. */
export interface ClockfaceStore {
  /** Absolute path of the data folder. */
  dataDir: string
  employees: Collection<EmployeeDoc>
  templates: Collection<TemplateDoc>
  attendance: Collection<AttendanceDoc>
  /** Audit log of admin actions (see services/audit.ts). */
  audit: Collection<AuditDoc>
  /** Admin accounts. */
  accounts: Collection<AccountDoc>
  /** Registered kiosks. */
  kiosks: Collection<KioskDoc>
  /** Owner settings: at most one document (see {@link SettingsDoc}). */
  settings: Collection<SettingsDoc>
  /** Integration API keys. */
  apiKeys: Collection<ApiKeyDoc>
  /** The visitor gallery (unknown faces registered through the API). */
  visitors: Collection<VisitorDoc>
  /** Punch snapshots (see services/attendance/punch-photos.ts). */
  punchPhotos: Collection<PunchPhotoDoc>
  /** True when the data files are encrypted at rest (the folder has a manifest and was opened with its key). */
  encrypted: boolean
  /**
   * Why the store refuses writes (a damaged data file loaded read-only until an admin
   * decides), or null when it accepts them. Repositories check it before every write. The
   * reason names each damaged file, its damaged line numbers and the copy kept of it.
   */
  readOnlyReason(): string | null
  /** Whether writes are refused and which data files are damaged (see {@link StoreHealth}). */
  health(): StoreHealth
  /**
   * Drops the damaged lines of one data file (`file` is its name, e.g. `templates.db`): the
   * file is rewritten crash-safely with only its good lines and accepts writes again; its
   * damaged copy stays. Once no damaged file remains the store accepts writes (and a folder
   * whose encryption waited for the repair is marked encrypted). Resolves to the new health.
   * Raises ClockfaceError `not-found` when `file` is not a damaged data file of this store,
   * `store-error` when the file changed since it was loaded or cannot be rewritten.
   */
  repair(file: string): Promise<StoreHealth>
  /**
   * Compacts the data files that are not damaged (one line per document, crash-safe: temp
   * file and rename) so the next start loads fast, and releases the folder's lock. A damaged
   * file is never compacted.
   */
  close(): Promise<void>
}

/** One damaged data file, as {@link ClockfaceStore.health} reports it. */
export interface DamagedFileInfo {
  /** File name inside the data folder, e.g. `attendance.db`. */
  file: string
  /** 1-based numbers of the lines that failed decryption, authentication or parsing. */
  lines: number[]
  /** File name (in the data folder) of the byte-exact copy kept, `<file>.damaged-<UTC time>`. */
  copy: string
}

/** The state of the data files: read-only when any is damaged. */
export interface StoreHealth {
  readOnly: boolean
  damaged: DamagedFileInfo[]
}
