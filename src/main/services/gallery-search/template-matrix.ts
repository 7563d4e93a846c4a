/**
 * Face templates held for 1:N search as one contiguous block: the descriptors as float32 rows
 * (exact, for the distances reported) and as int8 rows in WebAssembly memory (for the scan),
 * with per-row norms and quantisation error. A search scans the int8 rows with SIMD
 * (dot-product-kernel.ts), keeps each person's best template, selects the nearest people by
 * partial selection with error bounds instead of sorting everyone, and recomputes the exact
 * Euclidean distance and cosine similarity of those few from float32: the same numbers, in
 * the same order, as comparing the probe with every template in float64 (euclidean.ts).
 */
import { cosineSimilarity } from '../cosine-similarity'
import { euclideanDistance } from '../euclidean'
import { createDotProductKernel, KERNEL_STEP } from './dot-product-kernel'

/** One person's nearness to a probe, over their nearest template. */
export interface NearestOwner {
  ownerId: string
  /** Euclidean distance from the probe to this person's nearest template (lower is more alike). */
  distance: number
  /** Cosine similarity (-1..1) of the probe and that same template. */
  similarity: number
}

/** Largest int8 magnitude a template component is scaled to. */
const INT8_MAX = 127
/** Largest int16 magnitude a probe component is scaled to (192 × 32767 × 127 stays inside int32). */
const INT16_MAX = 32767
/** Rows allocated at first use; doubled when full. */
const FIRST_CAPACITY = 256
/** Slack added to every bound, far above float64 rounding of these sums, so rounding never drops a true candidate. */
const BOUND_SLACK = 1e-9

const align16 = (n: number): number => Math.ceil(n / 16) * 16

/** The templates of a gallery; see the module comment. Not safe to use from two threads. */
export interface TemplateMatrix {
  /** Number of templates. */
  readonly size: number
  /** Number of distinct owners with at least one template. */
  readonly owners: number
  has(id: string): boolean
  /** Adds a template, or replaces the one with this id. Throws a RangeError for a descriptor of another length than the first one's. */
  set(id: string, ownerId: string, descriptor: ArrayLike<number>): void
  delete(id: string): void
  deleteOwner(ownerId: string): void
  clear(): void
  /**
   * The `limit` owners nearest to the probe, by ascending Euclidean distance of their nearest
   * template (all owners when `limit` is Infinity). Throws a RangeError for a probe of another
   * length than the templates.
   */
  nearest(probe: ArrayLike<number>, limit: number): NearestOwner[]
  /** Euclidean distance from the probe to one owner's nearest template; null when they have none. */
  distanceTo(ownerId: string, probe: ArrayLike<number>): number | null
}

/** Creates an empty matrix. */
export function createTemplateMatrix(): TemplateMatrix {
  const kernel = createDotProductKernel()
  let dim = 0
  let rowBytes = 0
  let capacity = 0
  let size = 0
  let exact = new Float32Array(0)
  let ownerOf = new Int32Array(0)
  /** Per row: squared norm of the float32 template, norm of its int8 version (dequantised), norm of the difference, 1 / int8 scale. */
  let norm2 = new Float64Array(0)
  let qNorm = new Float64Array(0)
  let residual = new Float64Array(0)
  let invScale = new Float64Array(0)
  const ids: string[] = []
  const rowOf = new Map<string, number>()
  const ownerIndex = new Map<string, number>()
  const ownerIds: string[] = []
  let ownerRows: number[] = []
  const freeOwners: number[] = []

  const probeByte = (): number => align16(capacity * rowBytes)
  const outByte = (): number => probeByte() + align16(rowBytes * 2)

  function grow(): void {
    const next = Math.max(FIRST_CAPACITY, capacity * 2)
    const copy = <T extends Float32Array | Float64Array | Int32Array>(old: T, make: (n: number) => T, per = 1): T => {
      const fresh = make(next * per)
      fresh.set(old)
      return fresh
    }
    exact = copy(exact, (n) => new Float32Array(n), dim)
    ownerOf = copy(ownerOf, (n) => new Int32Array(n))
    norm2 = copy(norm2, (n) => new Float64Array(n))
    qNorm = copy(qNorm, (n) => new Float64Array(n))
    residual = copy(residual, (n) => new Float64Array(n))
    invScale = copy(invScale, (n) => new Float64Array(n))
    capacity = next
    kernel.reserve(outByte() + capacity * 4)
  }

  function ownerSlot(ownerId: string): number {
    let slot = ownerIndex.get(ownerId)
    if (slot === undefined) {
      slot = freeOwners.pop() ?? ownerIds.length
      ownerIndex.set(ownerId, slot)
      ownerIds[slot] = ownerId
      ownerRows[slot] = 0
    }
    ownerRows[slot] = (ownerRows[slot] as number) + 1
    return slot
  }

  function releaseOwner(slot: number): void {
    ownerRows[slot] = (ownerRows[slot] as number) - 1
    if (ownerRows[slot] === 0) {
      ownerIndex.delete(ownerIds[slot] as string)
      freeOwners.push(slot)
    }
  }

  function writeRow(row: number, descriptor: ArrayLike<number>): void {
    let maxAbs = 0
    let n2 = 0
    for (let k = 0; k < dim; k++) {
      const v = Math.fround(descriptor[k] as number)
      exact[row * dim + k] = v
      n2 += v * v
      maxAbs = Math.max(maxAbs, Math.abs(v))
    }
    const scale = maxAbs > 0 ? INT8_MAX / maxAbs : 1
    const q = new Int8Array(kernel.bytes(), row * rowBytes, rowBytes)
    let qn2 = 0
    let r2 = 0
    for (let k = 0; k < rowBytes; k++) {
      const v = k < dim ? (exact[row * dim + k] as number) : 0
      const qi = Math.round(v * scale)
      q[k] = qi
      qn2 += (qi / scale) ** 2
      r2 += (v - qi / scale) ** 2
    }
    norm2[row] = n2
    qNorm[row] = Math.sqrt(qn2)
    residual[row] = Math.sqrt(r2)
    invScale[row] = 1 / scale
  }

  function checkLength(v: ArrayLike<number>): void {
    if (v.length !== dim) throw new RangeError(`descriptor lengths differ: ${v.length} vs ${dim}`)
  }

  function removeRow(row: number): void {
    const last = size - 1
    releaseOwner(ownerOf[row] as number)
    rowOf.delete(ids[row] as string)
    if (row !== last) {
      exact.copyWithin(row * dim, last * dim, (last + 1) * dim)
      new Int8Array(kernel.bytes()).copyWithin(row * rowBytes, last * rowBytes, (last + 1) * rowBytes)
      ownerOf[row] = ownerOf[last] as number
      norm2[row] = norm2[last] as number
      qNorm[row] = qNorm[last] as number
      residual[row] = residual[last] as number
      invScale[row] = invScale[last] as number
      ids[row] = ids[last] as string
      rowOf.set(ids[row] as string, row)
    }
    ids.pop()
    size = last
  }

  const rowView = (row: number): Float32Array => exact.subarray(row * dim, (row + 1) * dim)

  /** Exact nearest template of each owner in `wanted` (by slot), as ranked owners. */
  function exactOwners(probe: ArrayLike<number>, wanted: (slot: number) => boolean): NearestOwner[] {
    const best = new Map<number, { distance: number; row: number }>()
    for (let row = 0; row < size; row++) {
      const slot = ownerOf[row] as number
      if (!wanted(slot)) continue
      const distance = euclideanDistance(probe, rowView(row))
      const previous = best.get(slot)
      if (previous === undefined || distance < previous.distance) best.set(slot, { distance, row })
    }
    return [...best]
      .map(([slot, { distance, row }]) => ({ ownerId: ownerIds[slot] as string, distance, similarity: cosineSimilarity(probe, rowView(row)) }))
      .sort((a, b) => a.distance - b.distance)
  }

  /** Lower and upper bounds of each owner's smallest squared distance, from the int8 scan. */
  function ownerBounds(probe: ArrayLike<number>): { low: Float64Array; high: Float64Array } {
    let maxAbs = 0
    let pn2 = 0
    for (let k = 0; k < dim; k++) {
      const v = probe[k] as number
      pn2 += v * v
      maxAbs = Math.max(maxAbs, Math.abs(v))
    }
    const scale = maxAbs > 0 ? INT16_MAX / maxAbs : 1
    const p16 = new Int16Array(kernel.bytes(), probeByte(), rowBytes)
    let pr2 = 0
    for (let k = 0; k < rowBytes; k++) {
      const v = k < dim ? (probe[k] as number) : 0
      const qi = Math.round(v * scale)
      p16[k] = qi
      pr2 += (v - qi / scale) ** 2
    }
    const probeNorm = Math.sqrt(pn2)
    const probeResidual = Math.sqrt(pr2)
    kernel.dots(probeByte(), 0, size, rowBytes, outByte())
    const dots = new Int32Array(kernel.bytes(), outByte(), size)
    const slots = ownerIds.length
    const low = new Float64Array(slots).fill(Infinity)
    const high = new Float64Array(slots).fill(Infinity)
    const invProbe = 1 / scale
    for (let row = 0; row < size; row++) {
      // p·t = p_q·t_q + (p − p_q)·t_q + p·(t − t_q); Cauchy–Schwarz bounds the last two terms.
      const approx = (dots[row] as number) * invProbe * (invScale[row] as number)
      const bound = probeResidual * (qNorm[row] as number) + probeNorm * (residual[row] as number) + BOUND_SLACK
      const base = pn2 + (norm2[row] as number)
      const slot = ownerOf[row] as number
      const lo = base - 2 * (approx + bound)
      const hi = base - 2 * (approx - bound)
      if (lo < (low[slot] as number)) low[slot] = lo
      if (hi < (high[slot] as number)) high[slot] = hi
    }
    return { low, high }
  }

  /** The `k`-th smallest finite value of `values` (partial selection: a sorted buffer of k). */
  function kthSmallest(values: Float64Array, k: number): number {
    const top: number[] = []
    for (const v of values) {
      if (!Number.isFinite(v)) continue
      if (top.length < k) {
        top.push(v)
        top.sort((a, b) => a - b)
      } else if (v < (top[k - 1] as number)) {
        let i = k - 1
        while (i > 0 && (top[i - 1] as number) > v) {
          top[i] = top[i - 1] as number
          i--
        }
        top[i] = v
      }
    }
    return top.length < k ? Infinity : (top[k - 1] as number)
  }

  return {
    get size() {
      return size
    },
    get owners() {
      return ownerIndex.size
    },
    has: (id) => rowOf.has(id),
    set(id, ownerId, descriptor) {
      if (dim === 0) {
        if (descriptor.length === 0) throw new RangeError('an empty descriptor cannot be searched')
        dim = descriptor.length
        rowBytes = Math.ceil(dim / KERNEL_STEP) * KERNEL_STEP
      }
      checkLength(descriptor)
      const existing = rowOf.get(id)
      if (existing !== undefined) removeRow(existing)
      if (size === capacity) grow()
      const row = size++
      ids[row] = id
      rowOf.set(id, row)
      ownerOf[row] = ownerSlot(ownerId)
      writeRow(row, descriptor)
    },
    delete(id) {
      const row = rowOf.get(id)
      if (row !== undefined) removeRow(row)
    },
    deleteOwner(ownerId) {
      const slot = ownerIndex.get(ownerId)
      if (slot === undefined) return
      for (let row = size - 1; row >= 0; row--) if (ownerOf[row] === slot) removeRow(row)
    },
    clear() {
      size = 0
      ids.length = 0
      rowOf.clear()
      ownerIndex.clear()
      ownerIds.length = 0
      ownerRows = []
      freeOwners.length = 0
    },
    nearest(probe, limit) {
      if (size === 0 || limit <= 0) return []
      checkLength(probe)
      if (!Number.isFinite(limit) || limit >= ownerIndex.size) return exactOwners(probe, () => true).slice(0, limit)
      const { low, high } = ownerBounds(probe)
      // Every owner that could be among the `limit` nearest: its lower bound is not above the
      // limit-th smallest upper bound. Usually exactly `limit` owners; their exact distances decide.
      const cut = kthSmallest(high, limit)
      return exactOwners(probe, (slot) => (low[slot] as number) <= cut).slice(0, limit)
    },
    distanceTo(ownerId, probe) {
      const slot = ownerIndex.get(ownerId)
      if (slot === undefined) return null
      checkLength(probe)
      let min: number | null = null
      for (let row = 0; row < size; row++) {
        if (ownerOf[row] !== slot) continue
        const d = euclideanDistance(probe, rowView(row))
        if (min === null || d < min) min = d
      }
      return min
    }
  }
}
