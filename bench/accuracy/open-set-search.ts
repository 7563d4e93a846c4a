/**
 * Runs one open-set 1:N protocol through one pipeline's records: every probe is searched
 * against the gallery templates (exhaustive, best score wins), giving the search outcomes the
 * metrics take and the closest non-mated scores the report lists.
 */
import type { ProtocolEntry } from './identify-protocol'
import type { SearchOutcome } from './metrics'
import { similarity, templateOf, type ImageRecord, type PipelineId } from './pipelines'

/** A non-mated probe's best gallery candidate (score in the pipeline's units: −distance or cosine). */
export interface NonMatedMatch {
  score: number
  probe: string
  candidate: string
}

/** What {@link searchProtocol} returns. */
export interface ProtocolSearch {
  /** One outcome per probe, in the probes' order. */
  searches: SearchOutcome[]
  /** Every non-mated probe with a face, closest (highest score) first. */
  nonMatedTop: NonMatedMatch[]
  /** Gallery identities whose image gave a template (an image with no face enrols nobody). */
  enrolled: number
}

/**
 * Searches each probe of `probes` against the templates of `gallery` (records keyed by image
 * path). A probe is mated when its identity is enrolled in `gallery`; a probe or gallery image
 * without a record or a face gets no template, so such a probe fails its search (topScore null).
 */
export function searchProtocol(
  gallery: readonly ProtocolEntry[],
  probes: readonly ProtocolEntry[],
  records: ReadonlyMap<string, ImageRecord>,
  pipeline: PipelineId
): ProtocolSearch {
  const enrolledIds = new Set(gallery.map((g) => g.identity))
  const templates = gallery.flatMap((g) => {
    const t = templateOf(records.get(g.path), pipeline)
    return t && g.identity !== null ? [{ identity: g.identity, template: t }] : []
  })
  const nonMatedTop: NonMatedMatch[] = []
  const searches = probes.map((probe): SearchOutcome => {
    const mated = probe.identity !== null && enrolledIds.has(probe.identity)
    const t = templateOf(records.get(probe.path), pipeline)
    if (!t || templates.length === 0) return { mated, topIsMate: false, topScore: null }
    let best = -Infinity
    let bestIdentity = ''
    for (const g of templates) {
      const s = similarity(pipeline, t, g.template)
      if (s > best) {
        best = s
        bestIdentity = g.identity
      }
    }
    if (!mated) nonMatedTop.push({ score: best, probe: probe.path, candidate: bestIdentity })
    return { mated, topIsMate: mated && bestIdentity === probe.identity, topScore: best }
  })
  nonMatedTop.sort((a, b) => b.score - a.score)
  return { searches, nonMatedTop, enrolled: templates.length }
}
