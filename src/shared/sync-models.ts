/**
 * What a kiosk and the server exchange when they sync (operations `syncPush` and `syncPull`
 * in contract.ts): the kiosk's punches, made offline-first with client-made ids, go up; the
 * employees, face templates and settings the kiosk needs to recognise and punch come down,
 * by a server-side sequence cursor.
 */
import { z } from 'zod'
import { consentSchema, punchSourceSchema, punchTypeSchema, settingsSchema, templateSourceSchema } from './models'

const isoTime = z.iso.datetime({ offset: true })

/** Most punches one `syncPush` carries; a kiosk with more pending sends several batches. */
export const MAX_PUSH_BATCH = 500

/** Most changes one `syncPull` answer holds; `more` says another page waits. */
export const MAX_PULL_PAGE = 1000

/**
 * One punch a kiosk recorded, as it pushes it: `id` is the UUIDv7 the kiosk made when it
 * recorded the punch (time-ordered; the server accepts each id once), `time` UTC, `type` what
 * the kiosk decided, and `typeChosen` whether the person chose it (buttons mode) rather than
 * the kiosk's automatic rule, which the server may re-decide with what it knows.
 */
export const syncPunchSchema = z.object({
  id: z.uuid({ version: 'v7' }),
  employeeId: z.string().min(1).max(64),
  employeeCode: z.string().min(1).max(64),
  employeeName: z.string().max(200),
  department: z.string().max(200).optional(),
  type: punchTypeSchema,
  typeChosen: z.boolean(),
  time: isoTime,
  distance: z.number().nullable(),
  source: punchSourceSchema,
  timeZone: z.string().min(1).max(64)
})
/** See {@link syncPunchSchema}. */
export type SyncPunch = z.infer<typeof syncPunchSchema>

/**
 * The server's verdict on one pushed punch: `recorded` (kept, with the type the server
 * decided), `duplicate` (the same person punched within the cooldown at another kiosk or
 * before: kept voided, never counted), `known` (this id was pushed before: nothing changed,
 * the stored verdict is returned, so a retry never doubles a punch).
 */
export const syncVerdictSchema = z.object({
  id: z.string(),
  status: z.enum(['recorded', 'duplicate', 'known']),
  type: punchTypeSchema,
  voided: z.boolean()
})
/** See {@link syncVerdictSchema}. */
export type SyncVerdict = z.infer<typeof syncVerdictSchema>

/** Input of `syncPush`: a batch of punches oldest first, and the kiosk's state for the admin's kiosks list. */
export const syncPushInputSchema = z.object({
  punches: z.array(syncPunchSchema).max(MAX_PUSH_BATCH),
  /** Punches still waiting in the kiosk's outbox, this batch included. */
  outbox: z.number().int().min(0),
  /** The kiosk's Clockface version. */
  version: z.string().min(1).max(40)
})

/** An employee as a kiosk caches it (what it needs to punch them, PIN hash included). */
export const syncEmployeeSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  department: z.string(),
  gender: z.enum(['female', 'male', 'other']).optional(),
  pinHash: z.string().optional(),
  consent: consentSchema.optional(),
  createdAt: z.string(),
  updatedAt: z.string()
})
/** See {@link syncEmployeeSchema}. */
export type SyncEmployee = z.infer<typeof syncEmployeeSchema>

/** A face template as a kiosk caches it: the descriptor for 1:N search and the list thumbnail (no aligned face). */
export const syncTemplateSchema = z.object({
  id: z.string(),
  employeeId: z.string(),
  descriptor: z.array(z.number()),
  thumbnail: z.string(),
  model: z.string().optional(),
  source: templateSourceSchema,
  createdAt: z.string()
})
/** See {@link syncTemplateSchema}. */
export type SyncTemplate = z.infer<typeof syncTemplateSchema>

/** Input of `syncPull`: the cursor of the last page applied (0 at first). */
export const syncPullInputSchema = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE)
})

/**
 * One page of changes after the cursor: employees and templates to add or replace, the owner
 * settings when they changed (the server's integration-API fields left out: those belong to
 * each machine), ids to remove (deleted on the server: erasure reaches the kiosks), the
 * cursor to ask from next, and whether more changes wait.
 */
export const syncPullSchema = z.object({
  employees: z.array(syncEmployeeSchema),
  templates: z.array(syncTemplateSchema),
  settings: settingsSchema.partial().nullable(),
  removed: z.array(z.object({ collection: z.enum(['employees', 'templates']), id: z.string() })),
  cursor: z.number().int().min(0),
  more: z.boolean()
})
/** See {@link syncPullSchema}. */
export type SyncPull = z.infer<typeof syncPullSchema>
