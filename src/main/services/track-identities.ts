/**
 * What the kiosk last concluded about each tracked face. With tracking (engine
 * run-live-frame.ts) a face is described only on some frames; on the others it carries its
 * track id, and the identification made from its last descriptor stands for it, so the screen
 * keeps naming (or not naming) the same face without running 1:N search again. Only frames
 * with a fresh descriptor count towards multi-frame confirmation (match-confirmation.ts).
 */
import type { Identification } from './identification'

/** The identification a track last got, and whether it was confirmed since. */
export interface TrackIdentity {
  id: Pick<Identification, 'match' | 'nearestDistance'>
  confirmed: boolean
  /** Service clock (ms since the epoch) of the fresh descriptor it came from. */
  atMs: number
}

/**
 * How long a track's identification stands for frames without a fresh descriptor, ms. The
 * engine describes a tracked face at least every 10 frames (about 0.4–1 s at kiosk rates);
 * past this the face is shown as not yet identified until it is described again, so a track
 * that outlived a change of person (a face replaced in one frame, or a long pause between
 * frames) never lends its name to someone else.
 */
export const TRACK_IDENTITY_MAX_AGE_MS = 1500

/** Per kiosk, per track id: the last identification. */
export interface TrackIdentities {
  /** The identification of `trackId` at `kioskId`, or undefined when it has none yet or it is older than {@link TRACK_IDENTITY_MAX_AGE_MS} at `nowMs`. */
  get(kioskId: string, trackId: string, nowMs: number): TrackIdentity | undefined
  /** Records the identification of a track (from a fresh descriptor), or that it is now confirmed. */
  set(kioskId: string, trackId: string, identity: TrackIdentity): void
  /**
   * Notes a frame of `kioskId` at `nowMs` and tells whether it follows a pause longer than
   * {@link TRACK_IDENTITY_MAX_AGE_MS} (or is the first): then the kiosk's tracks are forgotten
   * and the engine is asked to start its tracks afresh, so every face is described again.
   */
  frameAfterPause(kioskId: string, nowMs: number): boolean
  /** Forgets the tracks of `kioskId` not in `present` (faces gone from view), so memory stays bounded by faces on screen. */
  keepOnly(kioskId: string, present: readonly string[]): void
}

/** Creates an empty {@link TrackIdentities}. */
export function createTrackIdentities(): TrackIdentities {
  const kiosks = new Map<string, Map<string, TrackIdentity>>()
  const lastFrame = new Map<string, number>()
  return {
    frameAfterPause(kioskId, nowMs) {
      const previous = lastFrame.get(kioskId)
      lastFrame.set(kioskId, nowMs)
      const paused = previous === undefined || nowMs - previous > TRACK_IDENTITY_MAX_AGE_MS || nowMs < previous
      if (paused) kiosks.delete(kioskId)
      return paused
    },
    get(kioskId, trackId, nowMs) {
      const known = kiosks.get(kioskId)?.get(trackId)
      return known && nowMs - known.atMs <= TRACK_IDENTITY_MAX_AGE_MS ? known : undefined
    },
    set(kioskId, trackId, identity) {
      let tracks = kiosks.get(kioskId)
      if (!tracks) kiosks.set(kioskId, (tracks = new Map()))
      tracks.set(trackId, identity)
    },
    keepOnly(kioskId, present) {
      const tracks = kiosks.get(kioskId)
      if (!tracks) return
      const keep = new Set(present)
      for (const id of tracks.keys()) if (!keep.has(id)) tracks.delete(id)
      if (tracks.size === 0) kiosks.delete(kioskId)
    }
  }
}
