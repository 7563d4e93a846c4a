/**
 * Generates a deterministic open-set 1:N protocol from LFW: enrolled people each get one
 * gallery image and one mated probe (another image of them); non-mated probes are one image
 * each of people who are not enrolled. People named in the excluded pairs (View 1's test set)
 * are left out entirely, so the 1:N figures do not reuse the 1:1 test people.
 */
import { lfwImagePath, type LfwPair } from './lfw-pairs'
import type { ProtocolEntry } from './identify-protocol'

/** Sizes and seed of a generated protocol. */
export interface IdentifyProtocolOptions {
  /** People enrolled, each with one gallery image and one mated probe (needs people with ≥ 2 images). */
  enrolled: number
  /** Non-mated probes, one image each of distinct people who are not enrolled. */
  nonMated: number
  /** Seed of the pseudo-random choice; the same seed and inputs give the same files. */
  seed: number
}

/** The generated gallery and probe lists (probes: mated first, then non-mated). */
export interface IdentifyProtocol {
  gallery: ProtocolEntry[]
  probes: ProtocolEntry[]
}

/** Mulberry32: a small seeded generator of uniform numbers in [0, 1) (public-domain, T. Ettinger). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fisher–Yates shuffle of a copy of `items` driven by `random`. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

/** Parses `lfw-names.txt`: one `name<TAB>image count` per line. */
export function parseLfwNames(text: string): { name: string; images: number }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => {
      const [name = '', count] = l.split(/\s+/)
      return { name, images: Number(count) }
    })
}

/** Person name of an LFW image path `<name>/<name>_<iiii>.jpg`. */
export const personOf = (path: string): string => path.split('/')[0] ?? ''

/**
 * Builds the protocol. Throws when there are too few eligible people for the sizes asked.
 * Sorting names before shuffling makes the result independent of the names file's order.
 */
export function makeIdentifyProtocol(
  people: readonly { name: string; images: number }[],
  excludedPairs: readonly LfwPair[],
  options: IdentifyProtocolOptions
): IdentifyProtocol {
  const excluded = new Set(excludedPairs.flatMap((p) => [personOf(p.a), personOf(p.b)]))
  const random = mulberry32(options.seed)
  const eligible = [...people].filter((p) => !excluded.has(p.name) && p.images >= 1).sort((a, b) => (a.name < b.name ? -1 : 1))
  const withTwo = shuffled(
    eligible.filter((p) => p.images >= 2),
    random
  )
  if (withTwo.length < options.enrolled) throw new Error(`only ${withTwo.length} eligible people have 2+ images; asked to enrol ${options.enrolled}`)
  const enrolled = withTwo.slice(0, options.enrolled)
  const enrolledNames = new Set(enrolled.map((p) => p.name))
  const others = shuffled(
    eligible.filter((p) => !enrolledNames.has(p.name)),
    random
  )
  if (others.length < options.nonMated) throw new Error(`only ${others.length} eligible people are left for ${options.nonMated} non-mated probes`)

  const gallery: ProtocolEntry[] = []
  const mated: ProtocolEntry[] = []
  for (const person of enrolled) {
    const [g, m] = shuffled(
      Array.from({ length: person.images }, (_, i) => i + 1),
      random
    ) as [number, number]
    gallery.push({ path: lfwImagePath(person.name, g), identity: person.name })
    mated.push({ path: lfwImagePath(person.name, m), identity: person.name })
  }
  const nonMated = others.slice(0, options.nonMated).map((person): ProtocolEntry => {
    const index = 1 + Math.floor(random() * person.images)
    return { path: lfwImagePath(person.name, index), identity: null }
  })
  return { gallery, probes: [...mated, ...nonMated] }
}
