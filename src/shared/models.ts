/**
 * Data shapes returned by Clockface operations. Times are ISO-8601 strings in UTC; boxes and
 * landmarks are in the pixels of the image or frame that was sent; distances are Euclidean
 * distances between 128-D face descriptors (lower is more alike).
 */
import type { ErrorCode } from './errors'

/** An axis-aligned rectangle in image pixels, origin top-left. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** A point in image pixels. */
export interface Point {
  x: number
  y: number
}

/** A detected face: detector box and score (0..1) and the 68 iBUG-300W landmarks. */
export interface DetectedFace {
  box: Box
  /** Detector confidence, 0..1 (not a recognition score). */
  score: number
  /** 68 points in iBUG 300-W order (jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67). */
  landmarks: Point[]
}

/** An enrolled person. `code` is the organisation's own employee code, unique. */
export interface Employee {
  /** Store id; internal, stable across edits. */
  id: string
  code: string
  name: string
  department: string
  gender?: 'female' | 'male' | 'other'
  /** Number of face templates enrolled for this person (0: not in the gallery, never identified). */
  templateCount: number
  createdAt: string
  updatedAt: string
}

/** Where a template's photo came from. */
export type TemplateSource = 'camera' | 'file' | 'import'

/** A face template (the face of one enrolment photo) without its descriptor, which never leaves main. */
export interface FaceTemplate {
  id: string
  /** {@link Employee.id} of the owner. */
  employeeId: string
  employeeCode: string
  source: TemplateSource
  /** JPEG thumbnail of the aligned face crop, as a data: URL. */
  thumbnail: string
  createdAt: string
}

/** Which way a punch goes. */
export type PunchType = 'check-in' | 'check-out'

/** One attendance punch as stored. */
export interface AttendanceEvent {
  id: string
  employeeId: string
  employeeCode: string
  employeeName: string
  type: PunchType
  /** UTC time of the punch. */
  time: string
  /** Euclidean distance of the probe to the nearest template of this employee. */
  distance: number
  /** Kiosk that recorded the punch (the request's `kioskId`, by default the host name). */
  kioskId: string
}

/** The nearest gallery entry for a probe face, when it is under the threshold. */
export interface Match {
  employeeId: string
  code: string
  name: string
  department: string
  /** Euclidean distance between probe and nearest template descriptor. */
  distance: number
  /** The threshold in force for this decision (Euclidean; `distance` is strictly under it). */
  threshold: number
}

/** A face found in a probe image with its 1:N identification result (null: not recognised). */
export interface IdentifiedFace extends DetectedFace {
  match: Match | null
  /** Distance to the nearest template of anyone, also when it is above the threshold. */
  nearestDistance: number | null
}

/** A face in a kiosk frame: identification plus the punch it caused or repeated. */
export interface KioskFace extends IdentifiedFace {
  /**
   * True once recent frames of this kiosk agree on `match` (multi-frame confirmation); only
   * confirmed faces are named and punched. A match that is not yet confirmed is "hold still".
   */
  confirmed: boolean
  /**
   * The punch this face caused, or the earlier one it repeated within the cooldown
   * (`repeated: true`); null when the face is unknown or not yet confirmed.
   */
  punch: (AttendanceEvent & { repeated: boolean }) | null
}

/** Result of 1:1 verification, shaped like the usual face-verification web services (e.g. deepface's verify). */
export interface Verification {
  /** True when `distance` is strictly under `threshold`. */
  verified: boolean
  /** Euclidean distance from the probe to the employee's nearest template. */
  distance: number
  /** The threshold in force (Euclidean distance). */
  threshold: number
  /** Recognition model that computed the descriptors. */
  model: string
  metric: 'euclidean'
  /** Face detector run on the probe image. */
  detector: string
  /** The probe face, in the pixels of the image sent. */
  face: DetectedFace
}

/**
 * What the recognition engine is doing. `loading` also covers a restart after the engine
 * thread crashed (progress back to 0, `error` saying why); `error` is final (missing or
 * damaged model files, repeated crashes, engine closed).
 */
export interface EngineStatus {
  state: 'loading' | 'ready' | 'error'
  /** 0..1 while loading. */
  progress: number
  /** TensorFlow.js backend in use: `tensorflow` (tfjs-node) or `wasm`. */
  backend: string | null
  models: string[]
  /**
   * Why the engine is down (`error`), or why it is loading again after a crash (`loading`
   * with `restarts` set); null otherwise.
   */
  error: string | null
  /**
   * How many times the engine thread has been restarted after a crash since the engine was
   * created, counting a restart under way. Absent until the first crash.
   */
  restarts?: number
}

/** Result of processing one kiosk frame. */
export interface FrameResult {
  /** Size of the frame sent, in pixels (the coordinate space of the faces). */
  width: number
  height: number
  faces: KioskFace[]
  /** Time spent in the engine for this frame, in ms. */
  inferenceMs: number
}

/**
 * Where an admin request came in: `app` the Electron window (IPC), `browser` the browser-mode
 * HTTP server, `cli` the command line.
 */
export type AuditChannel = 'app' | 'browser' | 'cli'

/**
 * One entry of the audit log: an admin request to change employees or face templates, and how
 * it ended. Holds no image, descriptor or thumbnail, and no gender value.
 */
export interface AuditEntry {
  id: string
  /** UTC time the request finished. */
  time: string
  /** Contract operation requested, e.g. `createEmployee` (a string: old entries outlive renamed operations). */
  action: string
  channel: AuditChannel
  /** Employee concerned, when the request named a valid code or the template's owner was known. */
  employeeCode?: string
  /** Face template concerned: the one added or the one asked to be deleted. */
  templateId?: string
  /** `ok`, or the error code the request was refused with. */
  outcome: 'ok' | ErrorCode
  /** Short sentence for people, e.g. `added employee E001 "Ada Lovelace" with a face template`. */
  summary: string
}
