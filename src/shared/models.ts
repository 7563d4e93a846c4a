/**
 * Data shapes returned by Clockface operations, as zod schemas with their TypeScript types
 * derived from them, so the contract can check every response (dispatch parses each answer
 * with its schema, which also drops any field a schema does not name, such as a descriptor).
 * Times are ISO-8601 strings in UTC; boxes and landmarks are in the pixels of the image or
 * frame that was sent; distances are Euclidean distances between unit-length face descriptors
 * (lower is more alike).
 */
import { z } from 'zod'
import { errorCodes } from './errors'
import { livenessPolicySchema, livenessVerdictSchema } from './liveness-policy'

const isoTime = z.string()

/** An axis-aligned rectangle in image pixels, origin top-left. */
export const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })
/** An axis-aligned rectangle in image pixels, origin top-left. */
export type Box = z.infer<typeof boxSchema>

/** A point in image pixels. */
export const pointSchema = z.object({ x: z.number(), y: z.number() })
/** A point in image pixels. */
export type Point = z.infer<typeof pointSchema>

/**
 * A detected face: detector box, detector confidence (0..1, not a recognition score) and the
 * 68 iBUG-300W landmarks (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67).
 */
export const detectedFaceSchema = z.object({ box: boxSchema, score: z.number(), landmarks: z.array(pointSchema) })
/** See {@link detectedFaceSchema}. */
export type DetectedFace = z.infer<typeof detectedFaceSchema>

/** Gender as an admin may record it (optional; never written to the audit log). */
export const genderSchema = z.enum(['female', 'male', 'other'])

/**
 * What an employee agreed to when their face was enrolled: who recorded the consent, when
 * (UTC) and which version of the consent text was shown.
 */
export const consentSchema = z.object({ recordedBy: z.string(), recordedAt: isoTime, textVersion: z.string() })
/** See {@link consentSchema}. */
export type Consent = z.infer<typeof consentSchema>

/**
 * An enrolled person. `code` is the organisation's own employee code, unique; `id` is the
 * store id, internal and stable across edits; `templateCount` 0 means not in the gallery
 * (never identified: PIN only or not yet enrolled); `hasPin` says a kiosk PIN is set.
 */
export const employeeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  department: z.string(),
  gender: genderSchema.optional(),
  templateCount: z.number().int(),
  hasPin: z.boolean(),
  consent: consentSchema.optional(),
  createdAt: isoTime,
  updatedAt: isoTime
})
/** See {@link employeeSchema}. */
export type Employee = z.infer<typeof employeeSchema>

/** Where a template's photo came from. */
export const templateSourceSchema = z.enum(['camera', 'file', 'import'])
/** Where a template's photo came from. */
export type TemplateSource = z.infer<typeof templateSourceSchema>

/**
 * A face template (the face of one enrolment photo) without its descriptor, which never
 * leaves main: owner ids, source, JPEG thumbnail of the aligned crop as a data: URL (only
 * admins get templates at all).
 */
export const faceTemplateSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeCode: z.string(),
  source: templateSourceSchema,
  thumbnail: z.string(),
  createdAt: isoTime
})
/** See {@link faceTemplateSchema}. */
export type FaceTemplate = z.infer<typeof faceTemplateSchema>

/**
 * Which way a punch goes: the start or end of a shift (check-in, check-out) or of a break
 * inside a shift (break-start, break-end).
 */
export const punchTypeSchema = z.enum(['check-in', 'check-out', 'break-start', 'break-end'])
/** See {@link punchTypeSchema}. */
export type PunchType = z.infer<typeof punchTypeSchema>

/**
 * How a punch was made: a recognised `face`, an employee code plus `pin` at the kiosk, added
 * by an `admin` as a correction, read from a file by `import`, or made by the `system` when a
 * shift was left open past the auto-close limit (always flagged for review).
 */
export const punchSourceSchema = z.enum(['face', 'pin', 'admin', 'import', 'system'])
/** See {@link punchSourceSchema}. */
export type PunchSource = z.infer<typeof punchSourceSchema>

/** The fields of a punch a correction may change, as they were before or after it. */
export const punchStateSchema = z.object({ type: punchTypeSchema, time: isoTime, voided: z.boolean() })
/** See {@link punchStateSchema}. */
export type PunchState = z.infer<typeof punchStateSchema>

/**
 * One correction of a punch by an admin: when (UTC), by whom (the actor as in the audit log),
 * what (`add` a missing punch, `edit` its type or time, `void` it), the mandatory reason, and
 * the punch before (null for `add`) and after. The first revision's `before` is the punch as
 * originally recorded, so the original is never lost.
 */
export const punchRevisionSchema = z.object({
  at: isoTime,
  by: z.string(),
  action: z.enum(['add', 'edit', 'void']),
  reason: z.string(),
  before: punchStateSchema.nullable(),
  after: punchStateSchema
})
/** See {@link punchRevisionSchema}. */
export type PunchRevision = z.infer<typeof punchRevisionSchema>

/**
 * One attendance punch in its corrected form: UTC `time`; `distance` is the Euclidean
 * distance of the probe to the nearest template of this employee (null unless `source` is
 * `face`); `kioskId` is the registered kiosk that recorded it (or `admin:<actor>`, `import`,
 * `system`); `timeZone` the IANA zone of that kiosk when it punched, which decides the local
 * day of the shift (absent in punches recorded before zones existed: the server's zone is
 * used). `department` is copied at punch time like code and name. `voided` punches are kept
 * but never counted; `needsReview` marks what an admin should look at (a shift closed by the
 * system); `revisions` lists the corrections, oldest first; `hasPhoto` says a punch
 * snapshot is kept (see getPunch).
 */
export const attendanceEventSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  employeeCode: z.string(),
  employeeName: z.string(),
  department: z.string().optional(),
  type: punchTypeSchema,
  time: isoTime,
  distance: z.number().nullable(),
  source: punchSourceSchema.optional(),
  kioskId: z.string(),
  timeZone: z.string().optional(),
  voided: z.boolean().optional(),
  needsReview: z.boolean().optional(),
  revisions: z.array(punchRevisionSchema).optional(),
  hasPhoto: z.boolean().optional()
})
/** See {@link attendanceEventSchema}. */
export type AttendanceEvent = z.infer<typeof attendanceEventSchema>

/** A punch as a kiosk may show it: who, which way, when. No ids, no distances. */
export const recentPunchSchema = z.object({ employeeName: z.string(), type: punchTypeSchema, time: isoTime })
/** See {@link recentPunchSchema}. */
export type RecentPunch = z.infer<typeof recentPunchSchema>

/**
 * The nearest gallery entry for a probe face, when it is under the threshold: the employee,
 * the Euclidean `distance` between probe and nearest template, and the `threshold` in force
 * (`distance` is strictly under it).
 */
export const matchSchema = z.object({
  employeeId: z.string(),
  code: z.string(),
  name: z.string(),
  department: z.string(),
  distance: z.number(),
  threshold: z.number()
})
/** See {@link matchSchema}. */
export type Match = z.infer<typeof matchSchema>

/**
 * One of the nearest employees to a probe, for integrators: Euclidean `distance` (lower is more
 * alike) and cosine `similarity` of the descriptors (-1..1, higher is more alike).
 */
export const candidateSchema = z.object({ code: z.string(), name: z.string(), distance: z.number(), similarity: z.number() })
/** See {@link candidateSchema}. */
export type Candidate = z.infer<typeof candidateSchema>

/**
 * A face found in a probe image with its 1:N identification result (`match` null: not
 * recognised). `nearestDistance` is the distance to the nearest template of anyone, also
 * above the threshold; it is given to admins only (null for anyone else when there is no match).
 */
export const identifiedFaceSchema = detectedFaceSchema.extend({
  match: matchSchema.nullable(),
  nearestDistance: z.number().nullable(),
  /** The nearest employees, best first (up to 3), for admins and API callers; absent at the kiosk. */
  candidates: z.array(candidateSchema).optional(),
  /** The visitor id of an unknown face when the caller asked to register unknown faces (`enrolUnknown`). */
  visitorId: z.string().nullable().optional()
})
/** See {@link identifiedFaceSchema}. */
export type IdentifiedFace = z.infer<typeof identifiedFaceSchema>

/**
 * How a kiosk picks the punch type: `automatic` from the person's last punch (check-in ↔
 * check-out), or `buttons`: after recognition the kiosk shows In / Out / Break buttons for a
 * few seconds and the person chooses.
 */
export const punchChoiceModeSchema = z.enum(['automatic', 'buttons'])
/** See {@link punchChoiceModeSchema}. */
export type PunchChoiceMode = z.infer<typeof punchChoiceModeSchema>

/**
 * A punch waiting for the person's choice (buttons mode): a one-time `token` bound to the
 * recognised employee, valid for `expiresInMs`; the type the automatic rule would pick and the
 * types that make sense after the person's last punch.
 */
export const punchOfferSchema = z.object({
  token: z.string(),
  expiresInMs: z.number().int(),
  suggested: punchTypeSchema,
  allowed: z.array(punchTypeSchema)
})
/** See {@link punchOfferSchema}. */
export type PunchOffer = z.infer<typeof punchOfferSchema>

/** A punch as the kiosk reports it: `repeated` when it is an earlier punch returned within the cooldown. */
export const punchSchema = attendanceEventSchema.extend({ repeated: z.boolean() })
/** See {@link punchSchema}. */
export type Punch = z.infer<typeof punchSchema>

/**
 * A face in a kiosk frame: identification plus the punch it caused or repeated.
 * `confirmed` is true once recent frames of this kiosk agree on `match` (multi-frame
 * confirmation); only confirmed faces are named and punched. `punch` is the punch this face
 * caused, or the earlier one it repeated within the cooldown; null when the face is unknown or
 * not yet confirmed, and in buttons mode until the person chooses (see `offer`).
 */
export const kioskFaceSchema = identifiedFaceSchema.extend({
  confirmed: z.boolean(),
  punch: punchSchema.nullable(),
  /** Buttons mode: the choice offered instead of a punch (null or absent otherwise). */
  offer: punchOfferSchema.nullable().optional(),
  /** The presentation-attack check of a confirmed face (absent when the kiosk's policy is off); a face that failed it has no punch. */
  liveness: livenessVerdictSchema.optional(),
  /** The engine's track of this face: the same id while the face stays in view (absent when the engine does not track). */
  trackId: z.string().optional()
})
/** See {@link kioskFaceSchema}. */
export type KioskFace = z.infer<typeof kioskFaceSchema>

/**
 * Result of 1:1 verification, shaped like the usual face-verification web services (e.g.
 * deepface's verify): `verified` when `distance` (Euclidean between L2-normalised descriptors, deepface's
 * `euclidean_l2`, equal to √(2 − 2·cosine similarity); probe to the employee's nearest
 * template) is strictly under `threshold`; the recognition `model`, the `metric`, the face
 * `detector` run on the probe and the probe `face` in the pixels of the image sent.
 */
export const verificationSchema = z.object({
  verified: z.boolean(),
  distance: z.number(),
  threshold: z.number(),
  model: z.string(),
  metric: z.literal('euclidean_l2'),
  detector: z.string(),
  face: detectedFaceSchema
})
/** See {@link verificationSchema}. */
export type Verification = z.infer<typeof verificationSchema>

/**
 * What the recognition engine is doing. `loading` also covers a restart after the engine
 * thread crashed (progress back to 0, `error` saying why); `error` is final (missing or
 * damaged model files, repeated crashes, engine closed). `progress` 0..1 while loading;
 * `backend` the TensorFlow.js backend in use (`tensorflow` or `wasm`); `restarts` how many
 * times the engine thread has been restarted after a crash (absent until the first crash).
 */
export const engineStatusSchema = z.object({
  state: z.enum(['loading', 'ready', 'error']),
  progress: z.number(),
  backend: z.string().nullable(),
  models: z.array(z.string()),
  error: z.string().nullable(),
  restarts: z.number().int().optional()
})
/** See {@link engineStatusSchema}. */
export type EngineStatus = z.infer<typeof engineStatusSchema>

/**
 * Result of processing one kiosk frame: the frame size in pixels (the coordinate space of
 * the faces), the faces, and the engine time for this frame in ms.
 */
export const frameResultSchema = z.object({
  width: z.number(),
  height: z.number(),
  faces: z.array(kioskFaceSchema),
  inferenceMs: z.number()
})
/** See {@link frameResultSchema}. */
export type FrameResult = z.infer<typeof frameResultSchema>

/**
 * Where a request came in: `app` the Electron window (IPC), `browser` the browser-mode
 * HTTP server, `cli` the command line, `api` the integration REST API (`/api/v1`).
 */
export const auditChannelSchema = z.enum(['app', 'browser', 'cli', 'api'])
/** See {@link auditChannelSchema}. */
export type AuditChannel = z.infer<typeof auditChannelSchema>

/**
 * Role of an admin account. `owner`: everything, including accounts, settings, enrolment
 * overrides and data repair; `manager`: employees, enrolment, attendance, exports, audit log.
 */
export const adminRoleSchema = z.enum(['owner', 'manager'])
/** See {@link adminRoleSchema}. */
export type AdminRole = z.infer<typeof adminRoleSchema>

/**
 * Who is acting as admin: a signed-in account (`account`), or the local operator of the
 * command line (`local`: whoever can read the data folder and its key, acting as owner;
 * `username` is `local:<OS user>`, `accountId` null).
 */
export const adminPrincipalSchema = z.object({
  kind: z.enum(['account', 'local']),
  accountId: z.string().nullable(),
  username: z.string(),
  role: adminRoleSchema
})
/** See {@link adminPrincipalSchema}. */
export type AdminPrincipal = z.infer<typeof adminPrincipalSchema>

/**
 * What an integration API key may do: `read` employees, templates and visitors; `enrol`
 * (create, edit, delete employees and faces); `identify` (1:N, 1:1, face login, analysis);
 * `punch`; `export` attendance; `admin` everything an admin may do except owner settings.
 */
export const apiScopeSchema = z.enum(['read', 'enrol', 'identify', 'punch', 'export', 'admin'])
/** See {@link apiScopeSchema}. */
export type ApiScope = z.infer<typeof apiScopeSchema>

/** The API key a REST call came with. */
export const apiKeyPrincipalSchema = z.object({ keyId: z.string(), name: z.string(), scopes: z.array(apiScopeSchema) })
/** See {@link apiKeyPrincipalSchema}. */
export type ApiKeyPrincipal = z.infer<typeof apiKeyPrincipalSchema>

/** An API key as listed: never the secret; `prefix` is its public first part, shown to tell keys apart. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(apiScopeSchema),
  createdBy: z.string(),
  createdAt: isoTime,
  lastUsedAt: isoTime.optional(),
  revokedAt: isoTime.optional()
})
/** See {@link apiKeySchema}. */
export type ApiKey = z.infer<typeof apiKeySchema>

/** A registered kiosk (a screen allowed to send camera frames and punch); `kioskId` is recorded with its punches. */
export const kioskPrincipalSchema = z.object({ kioskId: z.string() })
/** See {@link kioskPrincipalSchema}. */
export type KioskPrincipal = z.infer<typeof kioskPrincipalSchema>

/** An admin account as listed (never its password hash); `lockedUntil` is set while sign-in is locked. */
export const adminAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: adminRoleSchema,
  createdAt: isoTime,
  lastLoginAt: isoTime.optional(),
  lockedUntil: isoTime.optional()
})
/** See {@link adminAccountSchema}. */
export type AdminAccount = z.infer<typeof adminAccountSchema>

/**
 * What the caller's sessions allow, for the renderer to pick its screen: `setupRequired`
 * while no owner account exists (first run), the signed-in admin, the kiosk this caller is
 * registered as, the idle minutes after which an admin session ends, and the language of the
 * screens (an owner setting), so even the sign-in screen speaks it.
 */
export const sessionStateSchema = z.object({
  setupRequired: z.boolean(),
  admin: adminPrincipalSchema.nullable(),
  kiosk: kioskPrincipalSchema.nullable(),
  idleMinutes: z.number(),
  language: z.enum(['en', 'es'])
})
/** See {@link sessionStateSchema}. */
export type SessionState = z.infer<typeof sessionStateSchema>

/** A registered kiosk as listed for admins. */
export const kioskRegistrationSchema = z.object({
  id: z.string(),
  kioskId: z.string(),
  /** IANA time zone of the kiosk (default: the server's); decides the local day of its punches. */
  timeZone: z.string(),
  punchChoice: punchChoiceModeSchema,
  /** Verify mode: employee code first, then a 1:1 face check against that person. */
  verifyMode: z.boolean(),
  /** Presentation-attack policy (liveness-policy.ts). */
  liveness: livenessPolicySchema,
  createdAt: isoTime,
  createdBy: z.string(),
  lastSeenAt: isoTime.optional(),
  revokedAt: isoTime.optional(),
  /** A syncing kiosk's last sync: when (UTC), punches still in its outbox then, its Clockface version. */
  sync: z.object({ lastSyncAt: isoTime, outbox: z.number().int().min(0), version: z.string() }).optional()
})
/** See {@link kioskRegistrationSchema}. */
export type KioskRegistration = z.infer<typeof kioskRegistrationSchema>

/**
 * One entry of the audit log: an admin action (or a refused attempt at one) and how it ended.
 * `actor` is who acted: the admin's username (`local:<OS user>` for the CLI), `kiosk:<id>`, or
 * `anonymous` for a caller with no session. Holds no image, descriptor, thumbnail, password or
 * gender value. `action` is a string so old entries outlive renamed operations.
 */
export const auditEntrySchema = z.object({
  id: z.string(),
  time: isoTime,
  action: z.string(),
  channel: auditChannelSchema,
  actor: z.string(),
  requestId: z.string().optional(),
  remoteAddress: z.string().optional(),
  employeeCode: z.string().optional(),
  templateId: z.string().optional(),
  outcome: z.union([z.literal('ok'), z.enum(errorCodes)]),
  summary: z.string()
})
/** See {@link auditEntrySchema}. */
export type AuditEntry = z.infer<typeof auditEntrySchema>

/**
 * Settings an owner changes in the admin view (privacy, sessions, integration API). Days are
 * calendar days of 24 hours counted back from now; minutes are wall-clock minutes.
 * - `punchRetentionDays`: punches older than this are removed by the daily retention run;
 *   0 keeps them for ever (the default: payroll and working-time law usually asks for years).
 * - `auditRetentionDays`: audit entries older than this are removed (default 730).
 * - `idleMinutes`: an admin session ends after this long without a request (default 10).
 * - `punchPhotoRetentionDays`: how long punch snapshots are kept (default 30).
 * - `visitorRetentionDays`: visitors (unknown faces registered through the API) not seen for
 *   this long are removed by the daily retention run; 0 keeps them. Default 30.
 * - `analyseEnabled`: whether `analyseFaces` (age, gender, expression estimates) answers at
 *   all; off by default.
 * - `apiEnabled`, `apiHost`, `apiPort`, `apiRatePerMinute`: whether the integration REST API
 *   (`/api/v1`) listens, on which address and TCP port (default 127.0.0.1:5781), and how many
 *   requests per minute one API key may make (default 120).
 * - `apiTlsCert`, `apiTlsKey`: absolute paths of the PEM certificate and private key the REST
 *   API serves HTTPS with, or null (plain HTTP, loopback only). A host other than a loopback
 *   address needs both.
 * - `autoCloseHours`: a check-in with no check-out this long after it is closed by the system
 *   and flagged for review (default 16).
 * - `punchPhotos`: keep a small snapshot with each face punch (off by default), removed after
 *   `punchPhotoRetentionDays`.
 * - `language`: language of the kiosk and admin screens and of exports (`en` or `es`).
 */
export const settingsSchema = z.object({
  punchRetentionDays: z.number().int(),
  auditRetentionDays: z.number().int(),
  idleMinutes: z.number().int(),
  punchPhotoRetentionDays: z.number().int(),
  visitorRetentionDays: z.number().int(),
  analyseEnabled: z.boolean(),
  apiEnabled: z.boolean(),
  apiHost: z.string(),
  apiPort: z.number().int(),
  apiTlsCert: z.string().nullable(),
  apiTlsKey: z.string().nullable(),
  apiRatePerMinute: z.number().int(),
  autoCloseHours: z.number().int(),
  punchPhotos: z.boolean(),
  language: z.enum(['en', 'es']),
  /** 1:1 match threshold, Euclidean distance between unit-length descriptors; null: the recognition model's calibrated default. */
  matchThreshold: z.number().nullable(),
  /** Largest false-positive identification rate (0..1) 1:N may run at; the threshold tightens as the gallery grows to keep it. */
  targetFpir: z.number(),
  /** A 1:N match is refused when the next person is closer than this (Euclidean distance) to the best. */
  ambiguityMargin: z.number()
})
/** See {@link settingsSchema}. */
export type Settings = z.infer<typeof settingsSchema>

/** A setting's value: a number, a switch, a text, or null (a path not set). */
const settingValueSchema = z.union([z.number(), z.boolean(), z.string(), z.null()])

/** One setting an update changed: its name, the value before and the value after. */
export const settingChangeSchema = z.object({ name: z.string(), from: settingValueSchema, to: settingValueSchema })
/** See {@link settingChangeSchema}. */
export type SettingChange = z.infer<typeof settingChangeSchema>

/**
 * One face template with everything stored about it, for an access request (the one place a
 * descriptor leaves main): the `descriptor` (unit-free floats), the id of the recognition
 * `model` that made it, the JPEG thumbnail and the stored aligned face as data: URLs.
 */
export const exportedTemplateSchema = faceTemplateSchema.extend({ descriptor: z.array(z.number()), model: z.string(), alignedFace: z.string().optional() })
/** See {@link exportedTemplateSchema}. */
export type ExportedTemplate = z.infer<typeof exportedTemplateSchema>

/**
 * Everything Clockface stores about one person, for an access request (GDPR art. 15): when and
 * by whom it was exported, the employee record (null when the employee was deleted but punches
 * or audit entries with the code remain; never a PIN hash, only `hasPin`), the recorded
 * consent, every face template with descriptor and thumbnail, every punch (oldest first) and
 * every audit entry naming the code (newest first).
 */
export const personDataSchema = z.object({
  code: z.string(),
  exportedAt: isoTime,
  exportedBy: z.string(),
  employee: employeeSchema.nullable(),
  consent: consentSchema.nullable(),
  templates: z.array(exportedTemplateSchema),
  attendance: z.array(attendanceEventSchema),
  auditEntries: z.array(auditEntrySchema)
})
/** See {@link personDataSchema}. */
export type PersonData = z.infer<typeof personDataSchema>

/**
 * Health of a Clockface service for monitoring: `ok` when the engine is ready and the data
 * writable, `starting` while models load, `degraded` otherwise; app version, TensorFlow.js
 * backend, model names, and counts.
 */
export const healthSchema = z.object({
  status: z.enum(['ok', 'starting', 'degraded']),
  version: z.string(),
  backend: z.string().nullable(),
  models: z.array(z.string()),
  readOnly: z.boolean(),
  counts: z.object({ employees: z.number().int(), templates: z.number().int(), visitors: z.number().int() })
})
/** See {@link healthSchema}. */
export type Health = z.infer<typeof healthSchema>

/**
 * Face login for integrators: who the face is, how close (Euclidean distance under the
 * threshold) and a short-lived signed token (JWT, ES256) the integrator's system verifies with
 * the key published at `/api/v1/.well-known/jwks.json`; `expiresAt` UTC.
 */
export const faceLoginSchema = z.object({
  employee: z.object({ code: z.string(), name: z.string(), department: z.string() }),
  distance: z.number(),
  threshold: z.number(),
  token: z.string(),
  tokenType: z.literal('Bearer'),
  expiresAt: isoTime
})
/** See {@link faceLoginSchema}. */
export type FaceLogin = z.infer<typeof faceLoginSchema>

/** The public keys that verify face-login tokens, as a JSON Web Key Set (RFC 7517). */
export const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.unknown())) })
/** See {@link jwksSchema}. */
export type Jwks = z.infer<typeof jwksSchema>

/** A visitor (an unknown face registered through the API) as listed; no descriptor. */
export const visitorSchema = z.object({ visitorId: z.string(), createdAt: isoTime, lastSeenAt: isoTime, seenCount: z.number().int() })
/** See {@link visitorSchema}. */
export type Visitor = z.infer<typeof visitorSchema>

/**
 * Age, gender and expression of one face from face-api's own models: `age` in years,
 * `gender` with its probability (0..1), the most likely `expression` and every expression's
 * probability. Estimates, not identity; their published accuracy is quoted in
 * services/api/analyse-faces.ts (mean age error 4.54 years, gender accuracy 95 %).
 */
export const faceAnalysisSchema = detectedFaceSchema.extend({
  age: z.number(),
  gender: z.enum(['female', 'male']),
  genderProbability: z.number(),
  expression: z.string(),
  expressions: z.record(z.string(), z.number())
})
/** See {@link faceAnalysisSchema}. */
export type FaceAnalysis = z.infer<typeof faceAnalysisSchema>
