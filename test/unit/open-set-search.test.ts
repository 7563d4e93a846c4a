import { describe, expect, it } from 'vitest'
import { searchProtocol } from '../../bench/accuracy/open-set-search'
import { ENGINE_STAGE_VERSION, type ImageRecord } from '../../bench/accuracy/pipelines'

/** A pipeline-g record whose descriptor is the unit vector at `angle` radians in a plane. */
const at = (path: string, angle: number | null): [string, ImageRecord] => [
  path,
  { path, engine: { version: ENGINE_STAGE_VERSION, faces: angle === null ? 0 : 1, descriptor: angle === null ? null : [Math.cos(angle), Math.sin(angle)], ms: 1 } }
]

describe('searchProtocol (open-set 1:N over bench records)', () => {
  const records = new Map<string, ImageRecord>([
    at('ann-1', 0),
    at('bob-1', Math.PI / 2),
    at('cid-1', null), // gallery image without a face: Cid is not enrolled
    at('ann-2', 0.1),
    at('bob-2', 0.6), // nearer Ann (0.6 rad) than Bob (0.97 rad): a rank-1 miss
    at('cid-2', Math.PI),
    at('dan-1', 1.2),
    at('eve-1', null)
  ])
  const gallery = [
    { path: 'ann-1', identity: 'ann' },
    { path: 'bob-1', identity: 'bob' },
    { path: 'cid-1', identity: 'cid' }
  ]
  const probes = [
    { path: 'ann-2', identity: 'ann' },
    { path: 'bob-2', identity: 'bob' },
    { path: 'cid-2', identity: 'cid' },
    { path: 'dan-1', identity: null },
    { path: 'eve-1', identity: null },
    { path: 'missing', identity: null }
  ]
  const result = searchProtocol(gallery, probes, records, 'g')

  it('finds the best gallery candidate for each probe by cosine similarity', () => {
    expect(result.enrolled).toBe(2)
    expect(result.searches[0]).toEqual({ mated: true, topIsMate: true, topScore: expect.closeTo(Math.cos(0.1), 9) })
    expect(result.searches[1]).toEqual({ mated: true, topIsMate: false, topScore: expect.closeTo(Math.cos(0.6), 9) })
  })

  it('keeps a probe of an identity whose gallery image had no face mated, and fails probes without a face or record', () => {
    expect(result.searches[2]).toMatchObject({ mated: true, topIsMate: false })
    expect(result.searches[4]).toEqual({ mated: false, topIsMate: false, topScore: null })
    expect(result.searches[5]).toEqual({ mated: false, topIsMate: false, topScore: null })
  })

  it('lists non-mated probes with a face, closest first', () => {
    expect(result.nonMatedTop).toEqual([{ score: expect.closeTo(Math.cos(Math.PI / 2 - 1.2), 9), probe: 'dan-1', candidate: 'bob' }])
  })
})
