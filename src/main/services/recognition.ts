import type { ValidatedRequest } from '../../shared/contract'
import type { DetectedFace, FrameResult, IdentifiedFace, KioskFace } from '../../shared/models'
import type { CallContext } from '../dispatch/call-context'
import type { DetectorName, EngineFace, FaceEngine } from '../engine/engine-types'
import type { PixelImage } from '../../shared/contract'
import { DEFAULT_LIVENESS_POLICY } from '../../shared/liveness-policy'
import type { AttendanceService } from './attendance/attendance-service'
import type { KioskSettings } from './attendance/kiosk-settings'
import type { PunchOffers } from './attendance/punch-offers'
import type { LivenessGate } from './liveness/liveness-gate'
import type { MatchConfirmation } from './match-confirmation'
import { framePixels } from './decode-frame'
import { PHOTO_DETECTOR } from './describe-face'
import { toDetectedFace } from './detected-face'
import { toIdentifiedFace, type Identifier } from './identification'
import type { ServiceConfig } from './service-config'
import type { TrackIdentities } from './track-identities'

/**
 * Detector for live kiosk frames: fast enough to run on every frame on a small CPU (measured
 * times in DetectOptions.detector, engine-types.ts), at the cost of missing some small or
 * turned faces that {@link PHOTO_DETECTOR} finds.
 */
export const FRAME_DETECTOR: DetectorName = 'tiny-face-detector'

/** Dependencies of the recognition operations. */
export interface RecognitionDeps {
  engine: FaceEngine
  identifier: Identifier
  attendance: AttendanceService
  confirmation: MatchConfirmation
  /** The caller's kiosk: where punches are recorded, its zone and punch modes. */
  kiosks: Pick<KioskSettings, 'station'>
  /** Open In / Out / Break offers of buttons mode. */
  offers: PunchOffers
  /** Verify mode: the 1:1 match of a descriptor against the employee with `code`, or null. */
  verify(code: string, descriptor: ArrayLike<number>): Promise<IdentifiedFace['match']>
  /** Punch snapshots: whether the owner turned them on, and keeping one (never fails the punch). */
  photos: { enabled(): boolean; keep(punchId: string, time: string, frame: PixelImage, face: DetectedFace): Promise<void> }
  config: Pick<ServiceConfig, 'kioskId' | 'now' | 'liveTracking'>
  /** The presentation-attack gate (liveness/liveness-gate.ts) under the kiosk's policy. */
  liveness: LivenessGate
  /** The last identification of each tracked face, for frames on which the engine did not describe it. */
  tracks: TrackIdentities
}

/** 1:N identification of each engine face, one after another; a face without a descriptor identifies nobody. */
async function identifyEach(identifier: Identifier, faces: readonly EngineFace[]): Promise<IdentifiedFace[]> {
  const identified: IdentifiedFace[] = []
  for (const face of faces) {
    const id = face.descriptor ? await identifier.identify(face.descriptor) : { match: null, nearestDistance: null }
    identified.push(toIdentifiedFace(face, id))
  }
  return identified
}

/**
 * A tracked face the engine did not describe this frame: the identification its track last
 * got (and whether it was confirmed), or nobody when its track has none yet.
 */
function fromTrack(deps: RecognitionDeps, kioskId: string, face: EngineFace, nowMs: number): { face: IdentifiedFace; confirmed: boolean; fresh: false } {
  const known = face.trackId === undefined ? undefined : deps.tracks.get(kioskId, face.trackId, nowMs)
  return { face: toIdentifiedFace(face, known?.id ?? { match: null, nearestDistance: null }), confirmed: known?.confirmed ?? false, fresh: false }
}

/** detectFaces: faces and landmarks with the photo detector; raises `unreadable-image`, `engine-unavailable`. */
export async function detectFaces(deps: Pick<RecognitionDeps, 'engine'>, { image }: ValidatedRequest<'detectFaces'>): Promise<DetectedFace[]> {
  const detection = await deps.engine.detect(image, { detector: PHOTO_DETECTOR, withDescriptors: false })
  return detection.faces.map(toDetectedFace)
}

/**
 * What a caller outside the admin learns about a face nobody matched: nothing about how close
 * it came. The nearest distance of a non-match tells an attacker how to tune a forged probe,
 * so only admins get it.
 */
export function forCaller<F extends IdentifiedFace>(faces: F[], ctx: CallContext): F[] {
  if (ctx.admin) return faces
  return faces.map((face) => (face.match ? face : { ...face, nearestDistance: null }))
}

/**
 * recogniseFrame: the kiosk loop's step. Detects faces in a raw camera frame with the fast
 * detector and identifies each: 1:N against the gallery, or in verify mode (the kiosk's
 * setting) 1:1 against the employee whose `code` the person typed; without a code a verify-mode
 * kiosk names nobody. An employee whose identification is confirmed by recent frames of the
 * same kiosk (see match-confirmation.ts) is punched (AttendanceService.punch: cooldown, next
 * punch type), or in buttons mode gets an In / Out / Break `offer` to choose from
 * (choosePunch). Punches carry the registered kiosk that sent the frame (never a name the
 * request chooses) and its time zone; an admin calling without a kiosk session punches as
 * config.kioskId. Under the kiosk's presentation-attack policy a confirmed face punches only
 * after the liveness gate passes it; otherwise it gets the gate's verdict instead of a punch.
 * With config.liveTracking, faces are tracked between frames (DetectOptions.track): a face the engine did not describe
 * this frame keeps its track's last identification and confirmation for display
 * (track-identities.ts, for at most TRACK_IDENTITY_MAX_AGE_MS), and only freshly described
 * faces count towards confirmation and punch.
 * Raises `engine-unavailable`, `store-error`, `read-only`.
 */
export async function recogniseFrame(deps: RecognitionDeps, { frame: sent, code }: ValidatedRequest<'recogniseFrame'>, ctx: CallContext): Promise<FrameResult> {
  const station = await deps.kiosks.station(ctx)
  const frame = await framePixels(sent)
  // The engine takes over the frame's buffer, so a snapshot needs its own copy, made first.
  const policy = station.liveness ?? DEFAULT_LIVENESS_POLICY
  const kept: PixelImage | null = deps.photos.enabled() || deps.liveness.wantsFrame(policy) ? { ...frame, data: frame.data.slice() } : null
  // Faces are tracked per kiosk; a 1:1 check against a typed code describes every frame. A
  // kiosk scoring presentation attacks is not tracked: its detectors were fitted on faces found
  // by the full-frame detector in every frame, and its score averages over those frames.
  const attackOptions = deps.liveness.detectOptions(policy)
  const nowMs = deps.config.now().getTime()
  const restart = deps.tracks.frameAfterPause(station.kioskId, nowMs)
  const tracked = deps.config.liveTracking && !attackOptions.presentationAttack?.length
  const track = tracked ? { track: { stream: station.kioskId, describeEveryFrame: station.verifyMode, restart } } : {}
  const detection = await deps.engine.detect(frame, { detector: FRAME_DETECTOR, withDescriptors: true, ...track, ...attackOptions })
  const described = detection.faces.filter((face) => face.descriptor)
  const fresh = station.verifyMode ? await verifyEach(deps, code, described) : await identifyEach(deps.identifier, described)
  const matched = fresh.flatMap((face) => (face.match ? [face.match.employeeId] : []))
  const confirmed = deps.confirmation.observe(station.kioskId, matched, nowMs)
  // Every face of the frame, in the engine's order: freshly identified, or as its track last was.
  let next = 0
  const identified: { face: IdentifiedFace; confirmed: boolean; fresh: boolean }[] = []
  for (const engineFace of detection.faces) {
    if (!engineFace.descriptor) {
      identified.push(fromTrack(deps, station.kioskId, engineFace, nowMs))
      continue
    }
    const face = fresh[next++] as IdentifiedFace
    const known = engineFace.trackId === undefined ? undefined : deps.tracks.get(station.kioskId, engineFace.trackId, nowMs)
    // A confirmed face whose new descriptor names nobody under the 1:N rule (a blink, a turned
    // head) keeps its name on screen until its identification lapses, but is not punched on,
    // and only while that descriptor still verifies 1:1 as the confirmed person: a different
    // face that the tracker took for this one loses the name at its first descriptor.
    if (known?.confirmed === true && known.id.match && face.match === null && !station.verifyMode && (await deps.verify(known.id.match.code, engineFace.descriptor))) {
      identified.push({ face: { ...face, match: known.id.match, nearestDistance: known.id.nearestDistance }, confirmed: true, fresh: false })
      continue
    }
    // A track confirmed as this same person stays confirmed on a fresh descriptor naming them
    // again, even when refreshes come further apart than the confirmation window.
    const sameAsConfirmed = known?.confirmed === true && face.match !== null && known.id.match?.employeeId === face.match.employeeId
    const isConfirmed = face.match !== null && (sameAsConfirmed || confirmed.has(face.match.employeeId))
    if (engineFace.trackId !== undefined) deps.tracks.set(station.kioskId, engineFace.trackId, { id: face, confirmed: isConfirmed, atMs: nowMs })
    identified.push({ face, confirmed: isConfirmed, fresh: true })
  }
  deps.tracks.keepOnly(station.kioskId, detection.faces.flatMap((f) => (f.trackId === undefined ? [] : [f.trackId])))
  const gateFaces = identified.map(({ face }, i) => ({ engine: detection.faces[i] as EngineFace, employeeId: face.match?.employeeId ?? null }))
  deps.liveness.observe(station.kioskId, policy, gateFaces, nowMs)
  const faces: KioskFace[] = []
  for (const [i, identifiedFace] of identified.entries()) {
    const trackId = detection.faces[i]?.trackId
    const face = trackId === undefined ? identifiedFace.face : { ...identifiedFace.face, trackId }
    const isConfirmed = identifiedFace.confirmed
    // Only a face described in this very frame may punch (or get an offer): a track's carried
    // identification is shown, never acted on, so a tracker that kept a box across a change of
    // person cannot punch the one before.
    if (!face.match || !isConfirmed || !identifiedFace.fresh) {
      faces.push({ ...face, confirmed: isConfirmed, punch: null })
      continue
    }
    const liveness = await deps.liveness.check({ kioskId: station.kioskId, channel: ctx.channel, policy, frame: kept, nowMs }, { ...(gateFaces[i] as (typeof gateFaces)[number]), employeeCode: face.match.code })
    if (!liveness.passed) {
      faces.push({ ...face, confirmed: true, punch: null, liveness })
      continue
    }
    if (station.punchChoice === 'buttons') {
      const next = await deps.attendance.next(face.match.employeeId)
      faces.push({ ...face, confirmed: true, punch: null, offer: deps.offers.offer(face.match, station, next, nowMs), ...(policy.mode === 'off' ? {} : { liveness }) })
      continue
    }
    const punch = await deps.attendance.punch(face.match, station)
    if (!punch.repeated && kept && deps.photos.enabled()) await deps.photos.keep(punch.id, punch.time, kept, face)
    faces.push({ ...face, confirmed: true, punch, ...(policy.mode === 'off' ? {} : { liveness }) })
  }
  return { width: detection.width, height: detection.height, faces: forCaller(faces, ctx), inferenceMs: detection.elapsedMs }
}

/** Verify mode: each face checked 1:1 against the employee with `code` (no code: nobody is named). */
async function verifyEach(deps: RecognitionDeps, code: string | undefined, faces: readonly EngineFace[]): Promise<IdentifiedFace[]> {
  const identified: IdentifiedFace[] = []
  for (const face of faces) {
    const match = code !== undefined && face.descriptor ? await deps.verify(code, face.descriptor) : null
    identified.push(toIdentifiedFace(face, { match, nearestDistance: match?.distance ?? null }))
  }
  return identified
}
