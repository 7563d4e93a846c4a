/**
 * The one contract of Clockface: every operation with its request schema, its response type
 * and the error codes it may return. Main validates every request against these schemas;
 * the preload exposes one method per operation on `window.clockface`; the HTTP transport of
 * browser mode serves each as `POST /api/<operation>`. Nothing else lists the operations.
 */
import { z } from 'zod'
import { apiHostSchema } from './api-host'
import type { ErrorCode, Result } from './errors'
import { livenessPolicySchema } from './liveness-policy'
import { syncPullInputSchema, syncPullSchema, syncPushInputSchema, syncVerdictSchema } from './sync-models'
import {
  adminAccountSchema,
  adminRoleSchema,
  apiKeySchema,
  apiScopeSchema,
  faceAnalysisSchema,
  faceLoginSchema,
  healthSchema,
  jwksSchema,
  visitorSchema,
  type ApiScope,
  attendanceEventSchema,
  auditEntrySchema,
  detectedFaceSchema,
  employeeSchema,
  engineStatusSchema,
  faceTemplateSchema,
  frameResultSchema,
  genderSchema,
  identifiedFaceSchema,
  kioskRegistrationSchema,
  personDataSchema,
  punchSchema,
  recentPunchSchema,
  sessionStateSchema,
  settingChangeSchema,
  settingsSchema,
  templateSourceSchema,
  verificationSchema,
  punchChoiceModeSchema,
  punchTypeSchema,
  punchSourceSchema
} from './models'
import {
  exportFileSchema,
  kioskConfigSchema,
  languageSchema,
  punchDetailSchema,
  punchPageSchema,
  scheduleSchema,
  timesheetSchema
} from './attendance-models'

/** Largest encoded image accepted, in bytes (a 24-megapixel JPEG is about 12 MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
/**
 * Largest side of a raw frame or decoded image, in pixels: a sanity bound well above any camera
 * frame or ordinary photo (24 megapixels is 6000 × 4000). A raw frame over it fails validation
 * (`invalid-input`); an encoded image whose header says it is larger is refused as `too-large`
 * before it is decoded (engine/image-screen.ts).
 */
export const MAX_IMAGE_SIDE = 8192

function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text)
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/**
 * Binary data: a Uint8Array (IPC, MessagePack) or a base64 string (JSON clients), output as a
 * Uint8Array of 1 to {@link MAX_IMAGE_BYTES} bytes; anything else is `invalid-input`.
 */
export const bytesSchema = z
  .union([z.instanceof(Uint8Array), z.base64().transform(base64ToBytes)])
  .refine((b) => b.byteLength > 0, 'is empty')
  .refine((b) => b.byteLength <= MAX_IMAGE_BYTES, `is larger than ${MAX_IMAGE_BYTES} bytes`)

const side = z.number().int().min(1).max(MAX_IMAGE_SIDE)

/**
 * Raw pixels, row-major, 8 bits per channel, as a camera frame gives them (no re-encoding):
 * width and height 1..{@link MAX_IMAGE_SIDE} pixels, `data` exactly width × height × 4 (rgba)
 * or × 3 (rgb) bytes; anything else is `invalid-input`.
 */
export const pixelImageSchema = z
  .object({
    kind: z.literal('pixels'),
    format: z.enum(['rgba', 'rgb']),
    width: side,
    height: side,
    data: bytesSchema
  })
  .refine((img) => img.data.byteLength === img.width * img.height * (img.format === 'rgba' ? 4 : 3), {
    message: 'data length does not equal width × height × channels',
    path: ['data']
  })

/** An encoded JPEG, PNG or WebP file; whether it decodes is the engine's call (`unreadable-image`). */
export const encodedImageSchema = z.object({ kind: z.literal('encoded'), data: bytesSchema })

/** Any image an operation takes. */
export const imageSchema = z.union([pixelImageSchema, encodedImageSchema])

/** An image as the services receive it, after validation. */
export type ImageInput = z.output<typeof imageSchema>
/** A raw-pixel image after validation. */
export type PixelImage = z.output<typeof pixelImageSchema>

/**
 * Characters refused in every free-text field: C0 and C1 control characters (they move the
 * cursor, clear or recolour a terminal that prints a name) and Unicode bidirectional
 * overrides, embeddings and isolates (they make "Smith" display as another string; the
 * "Trojan Source" class, CVE-2021-42574).
 */
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/** A trimmed single-line text of `min`..`max` characters with no {@link UNSAFE_TEXT} character. */
export function safeText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !UNSAFE_TEXT.test(text), 'contains control or text-direction characters')
}

/**
 * Employee codes, the organisation's own key (what payroll systems use): trimmed, 1–32
 * characters, letters, digits, dot, dash, underscore. The CLI import uses it on folder names.
 */
export const employeeCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')

/** Admin user names: 1–64 characters, letters, digits, dot, dash, underscore, at sign. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._@-]+$/, 'may hold only letters, digits, ".", "_", "@" and "-"')

/**
 * A new admin password or PIN: 6–128 characters. Six digits is the floor a PIN pad makes
 * practical; lock-out after repeated failures (services/auth) is what keeps it from being
 * guessed online, and the scrypt hash what keeps it from being guessed offline.
 */
export const newPasswordSchema = z.string().min(6, 'must be at least 6 characters').max(128)
/** A password as typed at sign-in (checked against the hash, so only bounded here). */
const passwordSchema = z.string().min(1).max(128)

/** Kiosk ids: 1–64 characters, letters, digits, dot, dash, underscore. */
export const kioskIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')

const nameSchema = safeText(1, 120)
const departmentSchema = z.union([z.literal(''), safeText(0, 120)])
const isoTime = z.iso.datetime({ offset: true })

/** True when `zone` is an IANA time-zone name this runtime knows (e.g. `Europe/Berlin`). */
export function isKnownTimeZone(zone: string): boolean {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone.length > 0 && !/^[+-]/.test(zone)
  } catch {
    return false
  }
}

/** An IANA time-zone name (`Europe/Berlin`, `America/New_York`, `UTC`). */
export const timeZoneSchema = z.string().trim().min(1).max(64).refine(isKnownTimeZone, 'is not a known IANA time zone')

/** A calendar date `YYYY-MM-DD`. */
export const localDateSchema = z.iso.date()

/** A wall-clock time `HH:mm` (00:00–23:59). */
export const clockTimeSchema = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time HH:mm')

/** Why an admin corrects a punch: mandatory, 3–500 characters, kept with the punch and in the audit log. */
export const correctionReasonSchema = safeText(3, 500)

/** A switch that also reads from a query string (`true` / `false`), for GET routes of the REST API. */
const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')])

/** A punch id (NeDB `_id`). */
const punchIdSchema = z.string().min(1).max(64)

/** Most punches one importPunches request carries (a month of 500 people punching four times a day fits in two). */
export const MAX_IMPORTED_PUNCHES = 50_000

/** Longest period one timesheet or export covers, in days (a year and a few days of slack). */
export const MAX_PERIOD_DAYS = 400

/** The period of a timesheet or export: local dates `from` ≤ `to`. */
const periodFields = { from: localDateSchema, to: localDateSchema }

/** Refuses a period that runs backwards or spans more than {@link MAX_PERIOD_DAYS} days. */
function validPeriod<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((p) => p.from <= p.to, { message: '"from" must not be after "to"', path: ['from'] })
    .refine((p) => (Date.parse(p.to) - Date.parse(p.from)) / 86_400_000 < MAX_PERIOD_DAYS, {
      message: `the period may span at most ${MAX_PERIOD_DAYS} days`,
      path: ['to']
    })
}

/** Fields of an employee that can be edited: name (1–120 characters, trimmed), department (≤ 120, default ''), optional gender. */
export const employeeFieldsSchema = z.object({
  name: nameSchema,
  department: departmentSchema.default(''),
  gender: genderSchema.optional()
})

/**
 * What the operator confirms when enrolling a face: the employee agreed to the consent text of
 * version `textVersion` (shared/consent-text.ts). Enrolment refuses a request without it, or
 * naming another version than the current one (`invalid-input`).
 */
export const consentInputSchema = z.object({ textVersion: safeText(1, 32) })

/**
 * An employee's kiosk PIN as an admin sets it: 4 to 8 digits. Stored only as a scrypt hash;
 * lock-out after repeated wrong PINs per code (services/privacy/pin-punch.ts) keeps a short
 * PIN from being guessed at the kiosk.
 */
export const employeePinSchema = z.string().regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits')

/**
 * Allowed values of each numeric setting (inclusive; days, minutes, a TCP port or requests per
 * minute, see settingsSchema in models.ts). `punchRetentionDays` is 0 (keep for ever) or at
 * least its `minKept`, so a slip cannot wipe the punches a payroll run still needs; the audit
 * log keeps at least 90 days so there is always a recent trail of admin actions;
 * `visitorRetentionDays` 0 keeps visitors. `apiPort` is any registered or dynamic
 * port (1024–65535: the ones below need root on Linux); `apiRatePerMinute` allows
 * from one request a minute to 100 a second per API key.
 */
export const SETTINGS_RANGES = {
  punchRetentionDays: { min: 0, max: 36_500, minKept: 30 },
  auditRetentionDays: { min: 90, max: 36_500 },
  idleMinutes: { min: 1, max: 240 },
  punchPhotoRetentionDays: { min: 1, max: 365 },
  visitorRetentionDays: { min: 0, max: 36_500 },
  apiPort: { min: 1024, max: 65_535 },
  apiRatePerMinute: { min: 1, max: 6_000 },
  autoCloseHours: { min: 1, max: 48 }
} as const

/**
 * The calibration report (getRecognitionReport). Distances are Euclidean between unit-length
 * descriptors; rates are fractions (0..1). `threshold` is the 1:1 threshold in force,
 * `identificationThreshold` the one 1:N uses for `galleryPersons` people at `targetFpir`;
 * `curve` the benchmark's FAR and FRR per threshold; `migration` the recomputation of
 * templates made by an earlier model.
 */
export const recognitionReportSchema = z.object({
  model: z.string(),
  modelName: z.string(),
  metric: z.literal('euclidean-l2'),
  calibration: z.object({ protocol: z.string(), measuredAt: z.string(), genuinePairs: z.number().int(), impostorPairs: z.number().int() }),
  threshold: z.number(),
  defaultThreshold: z.number(),
  targetFpir: z.number(),
  ambiguityMargin: z.number(),
  galleryPersons: z.number().int(),
  identificationThreshold: z.number(),
  farAtThreshold: z.number(),
  frrAtThreshold: z.number(),
  expectedFpir: z.number(),
  frrAtIdentificationThreshold: z.number(),
  curve: z.array(z.object({ distance: z.number(), far: z.number(), frr: z.number() })),
  migration: z.object({ state: z.enum(['idle', 'running', 'done', 'error']), total: z.number().int(), done: z.number().int(), failed: z.number().int(), error: z.string().nullable() })
})
/** See {@link recognitionReportSchema}. */
export type RecognitionReport = z.infer<typeof recognitionReportSchema>

/**
 * Ranges of the recognition decision settings (fractional, unlike SETTINGS_RANGES): a match
 * threshold between unit-length descriptors (0.5 accepts almost nobody, 1.3 almost anybody),
 * a target FPIR from 0.01% to 10%, an ambiguity margin up to 0.3.
 */
export const SETTINGS_DECISION_RANGES = {
  matchThreshold: { min: 0.5, max: 1.3 },
  targetFpir: { min: 0.0001, max: 0.1 },
  ambiguityMargin: { min: 0, max: 0.3 }
} as const

const settingValue = (name: keyof typeof SETTINGS_RANGES) =>
  z.number().int().min(SETTINGS_RANGES[name].min).max(SETTINGS_RANGES[name].max)

/**
 * The path of a TLS file as an owner enters it: absolute (`/…`, `C:\…` or a `\\server\share`
 * path), 1–4096 characters, no control characters. Whether a file is there is checked when the
 * settings are saved (services/privacy/settings.ts).
 */
const tlsFileSchema = safeText(1, 4096).refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'must be an absolute path')

/**
 * The settings an update changes; a field left out keeps its value. A TLS path set to null
 * removes it. Whether the API host needs TLS depends on the settings in force, so that is
 * checked when the update is applied (`invalid-input`).
 */
export const settingsChangesSchema = z.object({
  punchRetentionDays: settingValue('punchRetentionDays')
    .refine((days) => days === 0 || days >= SETTINGS_RANGES.punchRetentionDays.minKept, {
      message: `must be 0 (keep for ever) or at least ${SETTINGS_RANGES.punchRetentionDays.minKept} days`
    })
    .optional(),
  auditRetentionDays: settingValue('auditRetentionDays').optional(),
  idleMinutes: settingValue('idleMinutes').optional(),
  punchPhotoRetentionDays: settingValue('punchPhotoRetentionDays').optional(),
  visitorRetentionDays: settingValue('visitorRetentionDays').optional(),
  analyseEnabled: z.boolean().optional(),
  apiEnabled: z.boolean().optional(),
  apiHost: apiHostSchema.optional(),
  apiPort: settingValue('apiPort').optional(),
  apiTlsCert: tlsFileSchema.nullable().optional(),
  apiTlsKey: tlsFileSchema.nullable().optional(),
  apiRatePerMinute: settingValue('apiRatePerMinute').optional(),
  autoCloseHours: settingValue('autoCloseHours').optional(),
  punchPhotos: z.boolean().optional(),
  language: languageSchema.optional(),
  matchThreshold: z.number().min(SETTINGS_DECISION_RANGES.matchThreshold.min).max(SETTINGS_DECISION_RANGES.matchThreshold.max).nullable().optional(),
  targetFpir: z.number().min(SETTINGS_DECISION_RANGES.targetFpir.min).max(SETTINGS_DECISION_RANGES.targetFpir.max).optional(),
  ambiguityMargin: z.number().min(SETTINGS_DECISION_RANGES.ambiguityMargin.min).max(SETTINGS_DECISION_RANGES.ambiguityMargin.max).optional()
})

/**
 * Who may call an operation: `public` anyone (session state, sign-in, engine status);
 * `kiosk` a registered kiosk or any admin; `admin` a signed-in owner or manager (or the local
 * CLI operator); `owner` an owner only.
 */
export type Access = 'public' | 'kiosk' | 'admin' | 'owner'

/**
 * Where an operation sits in the integration REST API (`/api/v1`): method, path under
 * `/api/v1` with `:param` segments (taken into the request by name), the success status, and
 * for a body that is one field of the request (updateEmployee's `changes`) that field's name.
 * GET and DELETE take the rest of the request from the query string.
 */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  path: string
  status: 200 | 201
  bodyField?: string
}

interface OperationSpec<I extends z.ZodType, O extends z.ZodType> {
  summary: string
  access: Access
  /**
   * The API-key scope that reaches this operation; absent: no API key reaches it (sessions
   * only). An `admin` key reaches every operation that has a scope.
   */
  scope?: ApiScope
  /** Its route in the REST API; absent: not in the REST API. */
  rest?: RestRoute
  input: I
  /** Schema of the response value; dispatch parses every answer with it. */
  output: O
  errors: readonly ErrorCode[]
  /**
   * True for the admin actions: every request to them, refused ones included, is written to
   * the audit log with who made it (services/audit.ts).
   */
  audited?: true
}

function operation<I extends z.ZodType, O extends z.ZodType, S extends OperationSpec<I, O>>(spec: S & { input: I; output: O }): S {
  return spec
}

const imageSource = templateSourceSchema.default('file')

/**
 * The state of the data files (getDataHealth, repairDataFile): `readOnly` with its `reason`
 * while any file has damaged lines; each damaged file (name in the data folder, 1-based line
 * numbers, name of the byte-exact copy kept); whether the data is encrypted at rest; the UTC
 * time of the newest backup in the data folder's backups folder, or null.
 */
const dataHealthSchema = z.object({
  readOnly: z.boolean(),
  reason: z.string().nullable(),
  encrypted: z.boolean(),
  damaged: z.array(z.object({ file: z.string(), lines: z.array(z.number().int().min(1)), copy: z.string() })),
  newestBackupAt: isoTime.nullable()
})

/**
 * Every Clockface operation. Keys are the method names on `window.clockface`; `errors` lists
 * the codes an operation raises besides those any operation can (see errors.ts).
 */
export const contract = {
  getEngineStatus: operation({
    summary: 'State of the recognition engine: loading progress, backend, models.',
    access: 'public',
    input: z.object({}),
    output: engineStatusSchema,
    errors: []
  }),
  getSession: operation({
    summary: "What the caller's sessions allow: first-run set-up needed, signed-in admin, registered kiosk.",
    access: 'public',
    input: z.object({}),
    output: sessionStateSchema,
    errors: []
  }),
  setupOwner: operation({
    summary: 'First run only: creates the owner account and signs it in. In browser mode it needs the set-up code the server printed.',
    access: 'public',
    input: z.object({ username: usernameSchema, password: newPasswordSchema, setupCode: z.string().trim().max(64).optional() }),
    output: sessionStateSchema,
    errors: ['forbidden'],
    audited: true
  }),
  login: operation({
    summary: 'Signs an admin in (password or PIN); repeated failures lock the account for a while.',
    access: 'public',
    input: z.object({ username: usernameSchema, password: passwordSchema }),
    output: sessionStateSchema,
    errors: ['unauthorized', 'locked-out'],
    audited: true
  }),
  logout: operation({
    summary: 'Ends the admin session of the caller (a kiosk registration stays).',
    access: 'public',
    input: z.object({}),
    output: sessionStateSchema,
    errors: [],
    audited: true
  }),
  listAccounts: operation({
    summary: 'Admin accounts with role, last sign-in and lock state.',
    access: 'owner',
    input: z.object({}),
    output: z.array(adminAccountSchema),
    errors: []
  }),
  createAccount: operation({
    summary: 'Adds an admin account (owner or manager).',
    access: 'owner',
    input: z.object({ username: usernameSchema, password: newPasswordSchema, role: adminRoleSchema }),
    output: adminAccountSchema,
    errors: ['duplicate-code'],
    audited: true
  }),
  deleteAccount: operation({
    summary: 'Removes an admin account and ends its sessions; the last owner cannot be removed.',
    access: 'owner',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ deleted: z.literal(true) }),
    errors: ['not-found', 'forbidden'],
    audited: true
  }),
  changePassword: operation({
    summary: "Changes the signed-in admin's own password or PIN.",
    access: 'admin',
    input: z.object({ currentPassword: passwordSchema, newPassword: newPasswordSchema }),
    output: z.object({ changed: z.literal(true) }),
    errors: ['unauthorized'],
    audited: true
  }),
  resetPassword: operation({
    summary: "Sets a new password or PIN for an admin account (an owner's way back in for a manager, or the command line's for anyone); ends that account's sessions and lock-out.",
    access: 'owner',
    input: z.object({ username: usernameSchema, newPassword: newPasswordSchema }),
    output: z.object({ changed: z.literal(true) }),
    errors: ['not-found'],
    audited: true
  }),
  registerKiosk: operation({
    summary: 'Makes the calling screen a kiosk named kioskId: from then on it may send camera frames and punch.',
    access: 'admin',
    input: z.object({ kioskId: kioskIdSchema }),
    output: kioskRegistrationSchema,
    errors: [],
    audited: true
  }),
  listKiosks: operation({
    summary: 'Registered kiosks, revoked ones included.',
    access: 'admin',
    input: z.object({}),
    output: z.array(kioskRegistrationSchema),
    errors: []
  }),
  revokeKiosk: operation({
    summary: 'Revokes a kiosk registration: that screen can no longer punch.',
    access: 'admin',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: kioskRegistrationSchema,
    errors: ['not-found'],
    audited: true
  }),
  issueKioskKey: operation({
    summary:
      'Issues a key for a kiosk that syncs with this server (offline-first): the key is in this answer only (stored hashed); revokeKiosk refuses it from then on.',
    access: 'admin',
    input: z.object({ kioskId: kioskIdSchema }),
    output: z.object({ key: z.string(), kiosk: kioskRegistrationSchema }),
    errors: [],
    audited: true
  }),
  exitKiosk: operation({
    summary: 'Desktop app only: leaves fullscreen kiosk mode and closes the app (the admin gate out of the kiosk).',
    access: 'admin',
    input: z.object({}),
    output: z.object({ exiting: z.literal(true) }),
    errors: ['forbidden'],
    audited: true
  }),
  listEmployees: operation({
    summary: 'Employees, optionally filtered by a search over code, name and department.',
    access: 'admin',
    scope: 'read',
    rest: { method: 'GET', path: '/employees', status: 200 },
    input: z.object({
      search: safeText(0, 100).optional(),
      /** Paging: skip this many (after sorting by name, then code), return at most `limit`. */
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(10000).optional()
    }),
    output: z.array(employeeSchema),
    errors: []
  }),
  getEmployee: operation({
    summary: 'One employee by code.',
    access: 'admin',
    scope: 'read',
    rest: { method: 'GET', path: '/employees/:code', status: 200 },
    input: z.object({ code: employeeCodeSchema }),
    output: employeeSchema,
    errors: ['not-found']
  }),
  createEmployee: operation({
    summary:
      "Adds an employee, and enrols their face when a photo is given (both or neither are stored; a photo needs the employee's consent). An optional PIN lets them punch at the kiosk with code and PIN.",
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'POST', path: '/employees', status: 201 },
    input: employeeFieldsSchema.extend({
      code: employeeCodeSchema,
      photo: imageSchema.optional(),
      source: imageSource,
      // Required with a photo (checked by the handler, for a plain message); ignored without one.
      consent: consentInputSchema.optional(),
      pin: employeePinSchema.optional()
    }),
    output: z.object({ employee: employeeSchema, template: faceTemplateSchema.nullable() }),
    errors: ['duplicate-code', 'duplicate-face', 'unreadable-image', 'unsupported-image', 'too-large', 'no-face', 'multiple-faces'],
    audited: true
  }),
  updateEmployee: operation({
    summary: 'Changes name, department, gender or kiosk PIN of an employee (pin null removes it).',
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'PATCH', path: '/employees/:code', status: 200, bodyField: 'changes' },
    input: z.object({
      code: employeeCodeSchema,
      // Not employeeFieldsSchema.partial(): zod would still apply department's default and
      // erase the department on every edit that leaves it out.
      changes: z.object({
        name: nameSchema.optional(),
        department: departmentSchema.optional(),
        gender: genderSchema.optional(),
        pin: employeePinSchema.nullable().optional()
      })
    }),
    output: employeeSchema,
    errors: ['not-found'],
    audited: true
  }),
  deleteEmployee: operation({
    summary: 'Removes an employee and erases their face templates and thumbnails from the data files (attendance history is kept).',
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'DELETE', path: '/employees/:code', status: 200 },
    input: z.object({ code: employeeCodeSchema }),
    // erasedFromFiles: the data files were compacted, so the deleted lines are gone from disk.
    output: z.object({ deletedTemplates: z.number().int(), erasedFromFiles: z.boolean() }),
    errors: ['not-found'],
    audited: true
  }),
  enrolFace: operation({
    summary:
      "Adds a face template for an employee from an image with exactly one face, with the employee's consent. The face must match the employee's enrolled templates and must not identify as anyone else; an owner may override a mismatch.",
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'POST', path: '/employees/:code/photos', status: 201 },
    input: z.object({
      code: employeeCodeSchema,
      image: imageSchema,
      source: imageSource,
      override: z.boolean().default(false),
      // Required (checked by the handler, for a plain message).
      consent: consentInputSchema.optional()
    }),
    output: faceTemplateSchema,
    errors: ['not-found', 'face-mismatch', 'duplicate-face', 'unreadable-image', 'unsupported-image', 'too-large', 'no-face', 'multiple-faces'],
    audited: true
  }),
  listTemplates: operation({
    summary: 'Face templates of one employee, with thumbnails.',
    access: 'admin',
    scope: 'read',
    rest: { method: 'GET', path: '/employees/:code/templates', status: 200 },
    input: z.object({ code: employeeCodeSchema }),
    output: z.array(faceTemplateSchema),
    errors: ['not-found']
  }),
  deleteTemplate: operation({
    summary: 'Removes one face template.',
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'DELETE', path: '/templates/:id', status: 200 },
    input: z.object({ id: z.string().min(1).max(64) }),
    output: z.object({ deleted: z.literal(true) }),
    errors: ['not-found'],
    audited: true
  }),
  detectFaces: operation({
    summary: 'Finds faces and their 68 landmarks in an image (the accurate detector; for previews).',
    access: 'admin',
    scope: 'identify',
    rest: { method: 'POST', path: '/detect', status: 200 },
    input: z.object({ image: imageSchema }),
    output: z.array(detectedFaceSchema),
    errors: ['unreadable-image', 'unsupported-image', 'too-large']
  }),
  identifyFaces: operation({
    summary: '1:N identification of every face in an image against the gallery.',
    access: 'admin',
    scope: 'identify',
    rest: { method: 'POST', path: '/identify', status: 200 },
    input: z.object({
      image: imageSchema,
      /** Register each unknown face in the visitor gallery and return its visitor id (the same face again gets the same id). */
      enrolUnknown: z.boolean().default(false)
    }),
    output: z.array(identifiedFaceSchema),
    errors: ['forbidden', 'unreadable-image', 'unsupported-image', 'too-large']
  }),
  verifyFace: operation({
    summary: '1:1 verification of the single face in an image against one employee.',
    access: 'admin',
    scope: 'identify',
    rest: { method: 'POST', path: '/verify', status: 200 },
    input: z.object({ code: employeeCodeSchema, image: imageSchema }),
    output: verificationSchema,
    errors: ['not-found', 'unreadable-image', 'unsupported-image', 'too-large', 'no-face', 'multiple-faces']
  }),
  recogniseFrame: operation({
    summary: 'Kiosk: detects, identifies and punches the faces in one raw camera frame (registered kiosks only).',
    access: 'kiosk',
    // Strict: a kiosk id in the request is refused, never silently taken; the punch's kiosk is the caller's session.
    // `code`: verify mode, the employee code the person typed; the face is checked 1:1 against that employee only.
    // `frame`: raw pixels (the desktop app, over IPC) or an encoded JPEG/PNG/WebP (browser mode: a
    // 640×480 JPEG is ≈ 50 KB where raw RGBA is 1.2 MB), decoded in main (services/decode-frame.ts).
    input: z.strictObject({ frame: imageSchema, code: employeeCodeSchema.optional() }),
    output: frameResultSchema,
    errors: ['unreadable-image', 'unsupported-image', 'too-large']
  }),
  listRecentPunches: operation({
    summary: "Kiosk: today's latest punches at this kiosk (name, check-in or check-out, time).",
    access: 'kiosk',
    input: z.object({ limit: z.number().int().min(1).max(20).default(8) }),
    output: z.array(recentPunchSchema),
    errors: []
  }),
  listAttendance: operation({
    summary: 'Attendance events between two times (default: today), newest first.',
    access: 'admin',
    scope: 'export',
    rest: { method: 'GET', path: '/attendance', status: 200 },
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      code: employeeCodeSchema.optional(),
      limit: z.number().int().min(1).max(10000).default(500)
    }),
    output: z.array(attendanceEventSchema),
    errors: []
  }),
  listAuditLog: operation({
    summary: 'Audit log of admin actions (who, what, outcome; refusals and sign-ins included) between two times, newest first. Read-only.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'GET', path: '/audit', status: 200 },
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      limit: z.number().int().min(1).max(10000).default(200)
    }),
    output: z.array(auditEntrySchema),
    errors: []
  }),

  // ── Attendance: kiosk punch settings, corrections, schedules, timesheets, exports ──
  getKioskConfig: operation({
    summary: "Kiosk: this screen's settings (time zone, punch choice, verify mode, language, when to offer the PIN).",
    access: 'kiosk',
    input: z.object({}),
    output: kioskConfigSchema,
    errors: []
  }),
  updateKiosk: operation({
    summary: "Changes a kiosk's time zone, punch choice (automatic or In/Out/Break buttons), verify mode and presentation-attack policy.",
    access: 'admin',
    input: z.object({
      id: z.string().min(1).max(64),
      timeZone: timeZoneSchema.optional(),
      punchChoice: punchChoiceModeSchema.optional(),
      verifyMode: z.boolean().optional(),
      /** Presentation-attack policy fields to change (the others keep their values). */
      liveness: livenessPolicySchema.partial().strict().optional()
    }),
    output: kioskRegistrationSchema,
    errors: ['not-found'],
    audited: true
  }),
  choosePunch: operation({
    summary: 'Kiosk, buttons mode: records the punch type the recognised person chose, with the token of the offer.',
    access: 'kiosk',
    input: z.strictObject({ token: z.string().min(1).max(128), type: punchTypeSchema }),
    output: punchSchema,
    errors: ['not-found', 'invalid-input']
  }),
  searchAttendance: operation({
    summary: 'Punches with filters (time range, employee, department, type, source, flagged for review), newest first, one page at a time.',
    access: 'admin',
    scope: 'export',
    rest: { method: 'GET', path: '/punches', status: 200 },
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      code: employeeCodeSchema.optional(),
      department: safeText(0, 120).optional(),
      type: punchTypeSchema.optional(),
      source: punchSourceSchema.optional(),
      flagged: queryBoolean.optional(),
      includeVoided: queryBoolean.default(true),
      offset: z.coerce.number().int().min(0).default(0),
      limit: z.coerce.number().int().min(1).max(1000).default(50)
    }),
    output: punchPageSchema,
    errors: []
  }),
  getPunch: operation({
    summary: 'One punch with its details: match distance, kiosk, source, time zone, corrections, and its snapshot if kept.',
    access: 'admin',
    scope: 'export',
    rest: { method: 'GET', path: '/punches/:punchId', status: 200 },
    input: z.object({ punchId: punchIdSchema }),
    output: punchDetailSchema,
    errors: ['not-found']
  }),
  addPunch: operation({
    summary: 'Correction: adds a missing punch for an employee, with a mandatory reason.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'POST', path: '/punches', status: 201 },
    input: z.object({ code: employeeCodeSchema, type: punchTypeSchema, time: isoTime, timeZone: timeZoneSchema.optional(), reason: correctionReasonSchema }),
    output: attendanceEventSchema,
    errors: ['not-found'],
    audited: true
  }),
  editPunch: operation({
    summary: 'Correction: changes the type or time of a punch, with a mandatory reason; the original stays stored.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'PATCH', path: '/punches/:punchId', status: 200 },
    input: z
      .object({ punchId: punchIdSchema, type: punchTypeSchema.optional(), time: isoTime.optional(), reason: correctionReasonSchema })
      .refine((r) => r.type !== undefined || r.time !== undefined, 'give a new type or time'),
    output: attendanceEventSchema,
    errors: ['not-found'],
    audited: true
  }),
  voidPunch: operation({
    summary: 'Correction: voids a punch with a mandatory reason (kept and shown, never counted).',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'POST', path: '/punches/:punchId/void', status: 200 },
    input: z.object({ punchId: punchIdSchema, reason: correctionReasonSchema }),
    output: attendanceEventSchema,
    errors: ['not-found'],
    audited: true
  }),
  importPunches: operation({
    summary: 'Imports punches from another system or a paper sheet (source `import`): all rows or none; a row naming an unknown employee code is refused with its row number.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'POST', path: '/punches/import', status: 201 },
    input: z.object({
      punches: z
        .array(z.object({ code: employeeCodeSchema, type: punchTypeSchema, time: isoTime, timeZone: timeZoneSchema.optional() }))
        .min(1)
        .max(MAX_IMPORTED_PUNCHES)
    }),
    output: z.object({ imported: z.number().int() }),
    errors: ['not-found'],
    audited: true
  }),
  listSchedules: operation({
    summary: 'Work schedules: the default, per department and per employee.',
    access: 'admin',
    scope: 'read',
    rest: { method: 'GET', path: '/schedules', status: 200 },
    input: z.object({}),
    output: z.array(scheduleSchema),
    errors: []
  }),
  saveSchedule: operation({
    summary: 'Creates or replaces the work schedule of the default, a department or an employee.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'POST', path: '/schedules', status: 200 },
    input: z
      .object({
        scope: z.enum(['default', 'department', 'employee']),
        target: z.union([z.literal(''), safeText(1, 120)]).default(''),
        start: clockTimeSchema,
        end: clockTimeSchema,
        weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
        graceMinutes: z.number().int().min(0).max(240).default(5),
        unpaidBreakMinutes: z.number().int().min(0).max(480).default(0)
      })
      .refine((s) => (s.scope === 'default') === (s.target === ''), 'the default schedule has no target; a department or employee schedule names one')
      .refine((s) => s.start !== s.end, 'start and end must differ'),
    output: scheduleSchema,
    errors: ['not-found'],
    audited: true
  }),
  deleteSchedule: operation({
    summary: 'Removes a department or employee schedule (the default can be changed, not removed).',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'DELETE', path: '/schedules/:scheduleId', status: 200 },
    input: z.object({ scheduleId: z.string().min(1).max(64) }),
    output: z.object({ deleted: z.literal(true) }),
    errors: ['not-found', 'invalid-input'],
    audited: true
  }),
  getTimesheet: operation({
    summary: 'Timesheets for a period: per employee per day (first in, last out, worked, breaks, late, overtime, flags), weekly and monthly totals, department summary, daily presence.',
    access: 'admin',
    scope: 'export',
    rest: { method: 'GET', path: '/timesheets', status: 200 },
    input: validPeriod(z.object({ ...periodFields, code: employeeCodeSchema.optional(), department: safeText(0, 120).optional() })),
    output: timesheetSchema,
    errors: []
  }),
  exportAttendance: operation({
    summary: 'Payroll export for a period: punches or timesheets as CSV (UTF-8 with BOM) or XLSX; optionally with the correction history.',
    access: 'admin',
    scope: 'export',
    rest: { method: 'GET', path: '/exports', status: 200 },
    input: validPeriod(
      z.object({
        ...periodFields,
        format: z.enum(['csv', 'xlsx']),
        kind: z.enum(['punches', 'timesheet']),
        code: employeeCodeSchema.optional(),
        department: safeText(0, 120).optional(),
        history: queryBoolean.default(false),
        language: languageSchema.optional()
      })
    ),
    output: exportFileSchema,
    errors: [],
    audited: true
  }),
  syncPush: operation({
    summary:
      'Syncing kiosk: pushes punches it recorded (client-made UUIDv7 ids, oldest first); the server records each id once, decides cooldown and in/out alternation, and answers its verdict per punch.',
    access: 'kiosk',
    input: syncPushInputSchema,
    output: z.object({ verdicts: z.array(syncVerdictSchema) }),
    errors: ['forbidden']
  }),
  syncPull: operation({
    summary: 'Syncing kiosk: employees, face templates, settings and removals changed after a cursor (server mode only).',
    access: 'kiosk',
    input: syncPullInputSchema,
    output: syncPullSchema,
    errors: ['forbidden']
  }),

  // ── Biometric privacy: PIN punches, settings, access requests ──
  punchWithPin: operation({
    summary:
      'Kiosk: punches an employee by employee code and PIN (for staff without face data). Repeated wrong PINs lock the code for a while.',
    access: 'kiosk',
    input: z.object({ code: employeeCodeSchema, pin: z.string().min(1).max(32) }),
    output: punchSchema,
    errors: ['unauthorized', 'locked-out']
  }),
  getSettings: operation({
    summary:
      'The settings: punch, audit, snapshot and visitor retention, admin idle minutes, face analysis on or off, and the integration API (on or off, address, port, TLS files, rate limit).',
    access: 'admin',
    input: z.object({}),
    output: settingsSchema,
    errors: []
  }),
  updateSettings: operation({
    summary: 'Changes settings (owner only); answers the settings now in force and what changed.',
    access: 'owner',
    input: settingsChangesSchema,
    output: z.object({ settings: settingsSchema, changed: z.array(settingChangeSchema) }),
    errors: [],
    audited: true
  }),
  exportPersonData: operation({
    summary:
      'Access request: everything stored about one person as JSON (employee record, consent, face templates with descriptors and images, punches, audit entries naming the code).',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'GET', path: '/employees/:code/export', status: 200 },
    input: z.object({ code: employeeCodeSchema }),
    output: personDataSchema,
    errors: ['not-found'],
    audited: true
  }),

  getRecognitionReport: operation({
    summary:
      'Calibration report: the recognition model, the thresholds in force, the false-accept and false-reject rates they correspond to on the benchmark, the expected false-positive identification rate at the current gallery size, the FAR/FRR curve, and the template migration progress.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'GET', path: '/recognition/report', status: 200 },
    input: z.object({}),
    output: recognitionReportSchema,
    errors: []
  }),

  // ── Data health: damaged files, repair, backups ──
  getDataHealth: operation({
    summary:
      'State of the data files: read-only (and why) when a file has damaged lines, each damaged file with its line numbers and the copy kept of it, whether the data is encrypted, and the time of the newest backup.',
    access: 'admin',
    input: z.object({}),
    output: dataHealthSchema,
    errors: []
  }),
  repairDataFile: operation({
    summary:
      'Drops the damaged lines of one data file (its good records stay; the damaged copy is kept). Writes are accepted again once no damaged file remains.',
    access: 'owner',
    input: z.object({ file: z.enum(['employees.db', 'templates.db', 'attendance.db', 'audit.db', 'accounts.db', 'kiosks.db', 'settings.db', 'apikeys.db', 'visitors.db', 'punchphotos.db']) }),
    output: dataHealthSchema,
    errors: ['not-found'],
    audited: true
  }),
  createBackup: operation({
    summary: "Writes a backup of the data folder now (encrypted as stored, checksummed) into the data folder's backups folder.",
    access: 'owner',
    input: z.object({}),
    output: z.object({ file: z.string(), createdAt: isoTime, bytes: z.number().int().min(0) }),
    errors: [],
    audited: true
  }),
  getHealth: operation({
    summary: 'Health for monitoring: status, version, backend, model names, counts.',
    access: 'public',
    rest: { method: 'GET', path: '/health', status: 200 },
    input: z.object({}),
    output: healthSchema,
    errors: []
  }),
  createApiKey: operation({
    summary: 'Creates an integration API key with scopes; the key is in this answer only (stored hashed).',
    access: 'owner',
    input: z.object({ name: safeText(1, 64), scopes: z.array(apiScopeSchema).min(1) }),
    output: z.object({ key: z.string(), apiKey: apiKeySchema }),
    errors: [],
    audited: true
  }),
  listApiKeys: operation({
    summary: 'Integration API keys (never their secrets), revoked ones included.',
    access: 'admin',
    input: z.object({}),
    output: z.array(apiKeySchema),
    errors: []
  }),
  revokeApiKey: operation({
    summary: 'Revokes an integration API key at once.',
    access: 'owner',
    input: z.object({ id: z.string().min(1).max(64) }),
    output: apiKeySchema,
    errors: ['not-found'],
    audited: true
  }),
  faceLogin: operation({
    summary: "Face login for integrators: the single face of the image (and, if given, it must be that employee's) → the employee and a short-lived signed token (JWT).",
    access: 'admin',
    scope: 'identify',
    rest: { method: 'POST', path: '/login', status: 200 },
    input: z.object({ image: imageSchema, code: employeeCodeSchema.optional() }),
    output: faceLoginSchema,
    errors: ['unauthorized', 'not-found', 'unreadable-image', 'unsupported-image', 'too-large', 'no-face', 'multiple-faces'],
    audited: true
  }),
  getJwks: operation({
    summary: 'Public keys (JWKS) that verify face-login tokens.',
    access: 'public',
    rest: { method: 'GET', path: '/.well-known/jwks.json', status: 200 },
    input: z.object({}),
    output: jwksSchema,
    errors: []
  }),
  punchFromApi: operation({
    summary: 'Records a punch exactly as at the kiosk: from a photo with one enrolled face, or from an employee code and PIN.',
    access: 'kiosk',
    scope: 'punch',
    rest: { method: 'POST', path: '/punch', status: 201 },
    input: z.union([z.strictObject({ image: imageSchema }), z.strictObject({ code: employeeCodeSchema, pin: z.string().regex(/^\d{4,8}$/, 'must be 4 to 8 digits') })]),
    output: punchSchema,
    errors: ['unauthorized', 'forbidden', 'locked-out', 'not-found', 'unreadable-image', 'unsupported-image', 'too-large', 'no-face', 'multiple-faces']
  }),
  analyseFaces: operation({
    summary: "Age, gender and expression of each face with face-api's own models (off unless an owner enables it in settings).",
    access: 'admin',
    scope: 'identify',
    rest: { method: 'POST', path: '/analyse', status: 200 },
    input: z.object({ image: imageSchema }),
    output: z.array(faceAnalysisSchema),
    errors: ['forbidden', 'unreadable-image', 'unsupported-image', 'too-large']
  }),
  listVisitors: operation({
    summary: 'The visitor gallery: unknown faces registered through the API, newest first.',
    access: 'admin',
    scope: 'read',
    rest: { method: 'GET', path: '/visitors', status: 200 },
    input: z.object({ offset: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(10000).default(100) }),
    output: z.array(visitorSchema),
    errors: []
  }),
  deleteVisitor: operation({
    summary: 'Removes one visitor (and their face descriptor) from the visitor gallery.',
    access: 'admin',
    scope: 'enrol',
    rest: { method: 'DELETE', path: '/visitors/:visitorId', status: 200 },
    input: z.object({ visitorId: z.string().min(1).max(64) }),
    output: z.object({ deleted: z.literal(true) }),
    errors: ['not-found'],
    audited: true
  }),
  purgeVisitors: operation({
    summary: 'Removes every visitor, or those not seen for `olderThanDays` days.',
    access: 'admin',
    scope: 'admin',
    rest: { method: 'DELETE', path: '/visitors', status: 200 },
    input: z.object({ olderThanDays: z.coerce.number().int().min(0).optional() }),
    output: z.object({ deleted: z.number().int() }),
    errors: [],
    audited: true
  })
} as const

/** The contract's type. */
export type Contract = typeof contract
/** Name of an operation; also its preload method name and HTTP path segment. */
export type OperationName = keyof Contract
/** Request of an operation as a caller writes it (before defaults and transforms). */
export type OperationRequest<K extends OperationName> = z.input<Contract[K]['input']>
/** Request of an operation as a handler receives it (validated, defaults applied). */
export type ValidatedRequest<K extends OperationName> = z.output<Contract[K]['input']>
/** Response value of an operation. */
export type OperationResponse<K extends OperationName> = z.output<Contract[K]['output']>

/** All operation names, in contract order. */
export const operationNames = Object.keys(contract) as OperationName[]

/** Name of an operation marked `audited` in the contract (the admin changes). */
export type AuditedOperation = { [K in OperationName]: Contract[K] extends { audited: true } ? K : never }[OperationName]

/** True when `name` is an audited operation (see {@link OperationSpec.audited}). */
export function isAuditedOperation(name: OperationName): name is AuditedOperation {
  return (contract[name] as { audited?: true }).audited === true
}

/** The API both transports implement: `window.clockface` in Electron, the HTTP client in a browser. */
export type ClockfaceApi = {
  [K in OperationName]: (request: OperationRequest<K>) => Promise<Result<OperationResponse<K>>>
}

/**
 * Handlers the services provide: validated request and the call context in, value out,
 * ClockfaceError on failure. `Ctx` is main's CallContext (src/main/dispatch/call-context.ts);
 * a parameter here so this shared module never imports main.
 */
export type OperationHandlers<Ctx = unknown> = {
  [K in OperationName]: (request: ValidatedRequest<K>, ctx: Ctx) => Promise<OperationResponse<K>>
}

/** IPC channel of an operation, `clockface:<name>`; the preload and ipc-handlers.ts both derive it here. */
export const ipcChannel = (name: OperationName): string => `clockface:${name}`
