/**
 * The one contract of Clockface: every operation with its request schema, its response type
 * and the error codes it may return. Main validates every request against these schemas;
 * the preload exposes one method per operation on `window.clockface`; the HTTP transport of
 * browser mode serves each as `POST /api/<operation>`. Nothing else lists the operations.
 */
import { z } from 'zod'
import type { ErrorCode, Result } from './errors'
import type {
  AttendanceEvent,
  AuditEntry,
  DetectedFace,
  Employee,
  EngineStatus,
  FaceTemplate,
  FrameResult,
  IdentifiedFace,
  Verification
} from './models'

/** Largest encoded image accepted, in bytes (a 24-megapixel JPEG is about 12 MB). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024
/**
 * Largest side of a raw frame or decoded image, in pixels: a sanity bound well above any camera
 * frame or ordinary photo (24 megapixels is 6000 × 4000). A raw frame over it fails validation
 * (`invalid-input`); an encoded image that decodes larger is refused as `unreadable-image` by
 * the engine (engine/image-input.ts).
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
 * Employee codes, the organisation's own key (what payroll systems use): trimmed, 1–32
 * characters, letters, digits, dot, dash, underscore. The CLI import uses it on folder names.
 */
export const employeeCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/, 'may hold only letters, digits, ".", "_" and "-"')

const nameSchema = z.string().trim().min(1).max(120)
const departmentSchema = z.string().trim().max(120)
const genderSchema = z.enum(['female', 'male', 'other'])
const isoTime = z.iso.datetime({ offset: true })

/** Fields of an employee that can be edited: name (1–120 characters, trimmed), department (≤ 120, default ''), optional gender. */
export const employeeFieldsSchema = z.object({
  name: nameSchema,
  department: departmentSchema.default(''),
  gender: genderSchema.optional()
})

interface OperationSpec<I extends z.ZodType, O> {
  summary: string
  input: I
  errors: readonly ErrorCode[]
  /**
   * True for the admin operations that change who can be recognised: every request to them,
   * refused ones included, is written to the audit log (services/audit.ts).
   */
  audited?: true
  /** Type-only marker of the response; never read at run time. */
  output?: O
}

function operation<O>() {
  return <I extends z.ZodType, S extends { summary: string; input: I; errors: readonly ErrorCode[]; audited?: true }>(
    spec: S & { input: I }
  ): S & OperationSpec<I, O> => spec
}

/**
 * Every Clockface operation. Keys are the method names on `window.clockface`; `errors` lists
 * the codes an operation raises besides those any operation can (see errors.ts).
 */
export const contract = {
  getEngineStatus: operation<EngineStatus>()({
    summary: 'State of the recognition engine: loading progress, backend, models.',
    input: z.object({}),
    errors: []
  }),
  listEmployees: operation<Employee[]>()({
    summary: 'Employees, optionally filtered by a search over code, name and department.',
    input: z.object({ search: z.string().trim().max(100).optional() }),
    errors: []
  }),
  getEmployee: operation<Employee>()({
    summary: 'One employee by code.',
    input: z.object({ code: employeeCodeSchema }),
    errors: ['not-found']
  }),
  createEmployee: operation<{ employee: Employee; template: FaceTemplate | null }>()({
    summary: 'Adds an employee, and enrols their face when a photo is given (both or neither are stored).',
    input: employeeFieldsSchema.extend({
      code: employeeCodeSchema,
      photo: imageSchema.optional(),
      source: z.enum(['camera', 'file', 'import']).default('file')
    }),
    errors: ['duplicate-code', 'unreadable-image', 'no-face', 'multiple-faces'],
    audited: true
  }),
  updateEmployee: operation<Employee>()({
    summary: 'Changes name, department or gender of an employee.',
    input: z.object({
      code: employeeCodeSchema,
      // Not employeeFieldsSchema.partial(): zod would still apply department's default and
      // erase the department on every edit that leaves it out.
      changes: z.object({ name: nameSchema.optional(), department: departmentSchema.optional(), gender: genderSchema.optional() })
    }),
    errors: ['not-found'],
    audited: true
  }),
  deleteEmployee: operation<{ deletedTemplates: number }>()({
    summary: 'Removes an employee and all their face templates (attendance history is kept).',
    input: z.object({ code: employeeCodeSchema }),
    errors: ['not-found'],
    audited: true
  }),
  enrolFace: operation<FaceTemplate>()({
    summary: 'Adds a face template for an employee from an image with exactly one face.',
    input: z.object({
      code: employeeCodeSchema,
      image: imageSchema,
      source: z.enum(['camera', 'file', 'import']).default('file')
    }),
    errors: ['not-found', 'unreadable-image', 'no-face', 'multiple-faces'],
    audited: true
  }),
  listTemplates: operation<FaceTemplate[]>()({
    summary: 'Face templates of one employee, with thumbnails.',
    input: z.object({ code: employeeCodeSchema }),
    errors: ['not-found']
  }),
  deleteTemplate: operation<{ deleted: true }>()({
    summary: 'Removes one face template.',
    input: z.object({ id: z.string().min(1).max(64) }),
    errors: ['not-found'],
    audited: true
  }),
  detectFaces: operation<DetectedFace[]>()({
    summary: 'Finds faces and their 68 landmarks in an image (the accurate detector; for previews).',
    input: z.object({ image: imageSchema }),
    errors: ['unreadable-image']
  }),
  identifyFaces: operation<IdentifiedFace[]>()({
    summary: '1:N identification of every face in an image against the gallery.',
    input: z.object({ image: imageSchema }),
    errors: ['unreadable-image']
  }),
  verifyFace: operation<Verification>()({
    summary: '1:1 verification of the single face in an image against one employee.',
    input: z.object({ code: employeeCodeSchema, image: imageSchema }),
    errors: ['not-found', 'unreadable-image', 'no-face', 'multiple-faces']
  }),
  recogniseFrame: operation<FrameResult>()({
    summary: 'Kiosk: detects, identifies and punches the faces in one raw camera frame.',
    input: z.object({ frame: pixelImageSchema, kioskId: z.string().trim().min(1).max(64).optional() }),
    errors: []
  }),
  listAttendance: operation<AttendanceEvent[]>()({
    summary: 'Attendance events between two times (default: today), newest first.',
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      code: employeeCodeSchema.optional(),
      limit: z.number().int().min(1).max(10000).default(500)
    }),
    errors: []
  }),
  listAuditLog: operation<AuditEntry[]>()({
    summary: 'Audit log of admin actions (employee and face-template changes, refusals included) between two times, newest first.',
    input: z.object({
      from: isoTime.optional(),
      to: isoTime.optional(),
      limit: z.number().int().min(1).max(10000).default(200)
    }),
    errors: []
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
export type OperationResponse<K extends OperationName> = NonNullable<Contract[K]['output']>

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

/** Handlers the services provide: validated request in, value out, {@link ClockfaceError} on failure. */
export type OperationHandlers = {
  [K in OperationName]: (request: ValidatedRequest<K>) => Promise<OperationResponse<K>>
}

/** IPC channel of an operation, `clockface:<name>`; the preload and ipc-handlers.ts both derive it here. */
export const ipcChannel = (name: OperationName): string => `clockface:${name}`
