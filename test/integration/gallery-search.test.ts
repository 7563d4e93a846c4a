/**
 * The gallery's 1:N search (int8 SIMD scan with error bounds, partial selection, exact
 * re-ranking; services/gallery-search/) against the plain ranking it replaced (every template
 * compared in float64, every person sorted), on real MobileFaceNet descriptors of the
 * deepface-unit photos mixed into a gallery of random unit vectors: the same people, in the
 * same order, with bit-identical distances and similarities, also after removals and
 * replacements.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { cosineSimilarity } from '../../src/main/services/cosine-similarity'
import { euclideanDistance } from '../../src/main/services/euclidean'
import { createDescriptorGallery, type GalleryEntry, type RankedOwner } from '../../src/main/services/gallery'
import { createTemplateMatrix } from '../../src/main/services/gallery-search/template-matrix'
import { createDotProductKernel } from '../../src/main/services/gallery-search/dot-product-kernel'
import { datasetsDir, deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, workerPath } from './engine-harness'
import { join } from 'node:path'

/** The ranking the search replaced: every template in float64, best per person, everyone sorted. */
function referenceRank(entries: readonly GalleryEntry[], probe: ArrayLike<number>): RankedOwner[] {
  const best = new Map<string, { distance: number; descriptor: Float32Array }>()
  for (const { ownerId, descriptor } of entries) {
    const d32 = Float32Array.from(descriptor)
    const distance = euclideanDistance(probe, d32)
    const previous = best.get(ownerId)
    if (previous === undefined || distance < previous.distance) best.set(ownerId, { distance, descriptor: d32 })
  }
  return [...best].map(([ownerId, { distance, descriptor }]) => ({ ownerId, distance, similarity: cosineSimilarity(probe, descriptor) })).sort((a, b) => a.distance - b.distance)
}

/** Seeded unit vectors (uniform on the sphere) of length `dim`. */
function randomUnits(count: number, dim: number, seed: number): Float32Array[] {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dim }, () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()))
    const norm = Math.hypot(...v)
    return v.map((x) => x / norm)
  })
}

describe('dot product kernel', () => {
  it('gives the exact integer dot products, SIMD or not', () => {
    const kernel = createDotProductKernel()
    expect(kernel.simd).toBe(true)
    const dim = 16
    const rows = 3
    kernel.reserve(1024)
    const probe = new Int16Array(kernel.bytes(), 512, dim)
    for (let i = 0; i < dim; i++) probe[i] = (i % 2 ? -1 : 1) * (1000 + i * 997)
    const matrix = new Int8Array(kernel.bytes(), 0, rows * dim)
    for (let i = 0; i < rows * dim; i++) matrix[i] = ((i * 37) % 255) - 127
    kernel.dots(512, 0, rows, dim, 768)
    const out = new Int32Array(kernel.bytes(), 768, rows)
    for (let r = 0; r < rows; r++) {
      let sum = 0
      for (let k = 0; k < dim; k++) sum += (probe[k] as number) * (matrix[r * dim + k] as number)
      expect(out[r]).toBe(sum)
    }
  })
})

describe.skipIf(!hasDeepfaceUnit)(`gallery search on real descriptors${hasDeepfaceUnit ? '' : ` (skipped: ${missingDatasetsReason})`}`, () => {
  let engine: FaceEngine
  const real: Float32Array[] = []

  beforeAll(async () => {
    ensureEngineBuilt()
    engine = createEngine({ workerPath, modelsDir, backend: 'wasm' })
    await engine.ready()
    // Forty photos of about twenty people are enough real structure; more only slows the test.
    const photos = readdirSync(join(datasetsDir, 'deepface-unit')).filter((f) => f.endsWith('.jpg')).sort().slice(0, 40)
    for (const file of photos) {
      const detection = await engine.detect({ kind: 'encoded', data: new Uint8Array(readFileSync(deepfaceUnit(file))) }, { detector: 'ssd-mobilenetv1', withDescriptors: true })
      for (const face of detection.faces) if (face.descriptor) real.push(Float32Array.from(face.descriptor))
    }
  }, 600_000)
  afterAll(() => engine?.close())

  it('ranks exactly like comparing every template, for every real probe, after removals and replacements', async () => {
    expect(real.length).toBeGreaterThanOrEqual(40)
    // Real descriptors, up to three per person (as enrolment keeps several), among random people of five templates.
    const entries: GalleryEntry[] = real.map((descriptor, i) => ({ id: `real-${i}`, ownerId: `person-${Math.floor(i / 3)}`, descriptor }))
    randomUnits(3000, 192, 7).forEach((descriptor, i) => entries.push({ id: `random-${i}`, ownerId: `random-${Math.floor(i / 5)}`, descriptor }))
    const gallery = createDescriptorGallery(async () => entries)
    const check = async (current: readonly GalleryEntry[]): Promise<void> => {
      for (const probe of real) {
        const expected = referenceRank(current, probe)
        expect(await gallery.rank(probe)).toEqual(expected)
        for (const limit of [1, 2, 5]) expect(await gallery.rank(probe, limit)).toEqual(expected.slice(0, limit))
        expect(await gallery.persons()).toBe(new Set(current.map((e) => e.ownerId)).size)
      }
    }
    await check(entries)

    // Remove a template, a whole person, and replace one template with another person's face.
    await gallery.remove('real-4')
    await gallery.removeOwner('person-7')
    const replaced = { id: 'real-10', ownerId: 'person-3', descriptor: real[40] as Float32Array }
    await gallery.add(replaced)
    const current = entries.filter((e) => e.id !== 'real-4' && e.ownerId !== 'person-7' && e.id !== 'real-10').concat(replaced)
    await check(current)
    expect(await gallery.distanceTo('person-3', real[40] as Float32Array)).toBe(0)
  }, 120_000)

  it('keeps the exact distances of near-duplicates apart (ties in int8 are broken by float32)', () => {
    const matrix = createTemplateMatrix()
    const base = real[0] as Float32Array
    const nudged = base.map((v, i) => (i === 0 ? v + 1e-6 : v))
    matrix.set('a', 'first', base)
    matrix.set('b', 'second', nudged)
    for (const [i, d] of randomUnits(500, 192, 3).entries()) matrix.set(`r${i}`, `r${i}`, d)
    const nearest = matrix.nearest(base, 2)
    expect(nearest.map((n) => n.ownerId)).toEqual(['first', 'second'])
    expect(nearest[0]?.distance).toBe(0)
    expect(nearest[1]?.distance).toBe(euclideanDistance(base, Float32Array.from(nudged)))
  })
})
