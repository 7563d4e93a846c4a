/**
 * 1:N search time and memory for large galleries: random unit vectors (192-D, the
 * MobileFaceNet descriptor's size; five templates per synthetic person, as guided enrolment
 * keeps three to five) plus the real descriptors, searched with real probes.
 */
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createDescriptorGallery, type GalleryEntry } from '../../src/main/services/gallery'
import { percentile } from './stats'

/** Templates per synthetic person. */
const TEMPLATES_PER_PERSON = 5
/** Descriptor length (MobileFaceNet). */
const DIMENSIONS = 192

/** One gallery size's figures: search time (ms, p50 and p95 over the probes) and memory the gallery took (bytes). */
export interface SearchFigures {
  templates: number
  p50Ms: number
  p95Ms: number
  bytes: number
}

/** A unit vector with normally distributed components (uniform on the sphere), from a seeded generator. */
function randomUnit(next: () => number): Float32Array {
  const v = new Float32Array(DIMENSIONS)
  let norm = 0
  for (let i = 0; i < DIMENSIONS; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - next()))
    const t = 2 * Math.PI * next()
    v[i] = r * Math.cos(t)
    v[i + 1] = r * Math.sin(t)
    norm += (v[i] as number) ** 2 + (v[i + 1] as number) ** 2
  }
  const s = 1 / Math.sqrt(norm)
  for (let i = 0; i < DIMENSIONS; i++) v[i] = (v[i] as number) * s
  return v
}

/** Mulberry32, so every run searches the same galleries. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

const usedBytes = (): number => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/** Measures the gallery at each size with `probes` (real descriptors, also added as templates). */
export async function measureSearch(sizes: readonly number[], real: readonly Float32Array[], probes: readonly Float32Array[]): Promise<SearchFigures[]> {
  const figures: SearchFigures[] = []
  for (const size of sizes) {
    const next = seeded(size)
    const entries: GalleryEntry[] = real.map((descriptor, i) => ({ id: `real-${i}`, ownerId: `real-${i}`, descriptor }))
    for (let i = entries.length; i < size; i++) entries.push({ id: `t${i}`, ownerId: `p${Math.floor(i / TEMPLATES_PER_PERSON)}`, descriptor: randomUnit(next) })
    collectGarbage()
    const before = usedBytes()
    const gallery = createDescriptorGallery(async () => entries)
    await gallery.ready()
    collectGarbage()
    const bytes = usedBytes() - before
    const times: number[] = []
    for (let round = 0; round < 3; round++) {
      for (const probe of probes) {
        const started = performance.now()
        await gallery.rank(probe, 2)
        times.push(performance.now() - started)
      }
    }
    figures.push({ templates: size, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), bytes })
  }
  return figures
}
