import { describe, expect, it } from 'vitest'
import { createTrackIdentities, TRACK_IDENTITY_MAX_AGE_MS } from '../../src/main/services/track-identities'

const named = { match: null, nearestDistance: 0.4 }

describe('track identities', () => {
  it('lends a track its last identification only while it is recent', () => {
    const tracks = createTrackIdentities()
    tracks.set('k1', 't1', { id: named, confirmed: true, atMs: 10_000 })
    expect(tracks.get('k1', 't1', 10_000 + TRACK_IDENTITY_MAX_AGE_MS)).toMatchObject({ confirmed: true })
    // A track that outlived a pause (or a change of person in one frame) names nobody until described again.
    expect(tracks.get('k1', 't1', 10_001 + TRACK_IDENTITY_MAX_AGE_MS)).toBeUndefined()
    expect(tracks.get('k2', 't1', 10_000)).toBeUndefined()
  })

  it('forgets the tracks no longer on screen', () => {
    const tracks = createTrackIdentities()
    tracks.set('k1', 't1', { id: named, confirmed: false, atMs: 0 })
    tracks.set('k1', 't2', { id: named, confirmed: false, atMs: 0 })
    tracks.keepOnly('k1', ['t2'])
    expect(tracks.get('k1', 't1', 0)).toBeUndefined()
    expect(tracks.get('k1', 't2', 0)).toBeDefined()
  })
})
