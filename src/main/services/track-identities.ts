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
}

/** Per kiosk, per track id: the last identification. */
export interface TrackIdentities {
  /** The identification of `trackId` at `kioskId`, or undefined when it has none yet. */
  get(kioskId: string, trackId: string): TrackIdentity | undefined
  /** Records the identification of a track (from a fresh descriptor), or that it is now confirmed. */
  set(kioskId: string, trackId: string, identity: TrackIdentity): void
  /** Forgets the tracks of `kioskId` not in `present` (faces gone from view), so memory stays bounded by faces on screen. */
  keepOnly(kioskId: string, present: readonly string[]): void
}

/** Creates an empty {@link TrackIdentities}. */
export function createTrackIdentities(): TrackIdentities {
  const kiosks = new Map<string, Map<string, TrackIdentity>>()
  return {
    get: (kioskId, trackId) => kiosks.get(kioskId)?.get(trackId),
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
