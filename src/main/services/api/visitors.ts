/**
 * The visitor gallery: unknown faces that integrators asked to remember (identifyFaces with
 * `enrolUnknown`), kept in visitors.db and in their own in-memory gallery, apart from the
 * employees' templates, so a visitor is never punched and never identified as staff. Each
 * visitor is one descriptor with a public id; removal compacts the file so the descriptor
 * leaves the bytes on disk too.
 */
import { randomBytes } from 'node:crypto'
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { Visitor } from '../../../shared/models'
import type { VisitorRepository } from '../../store/repositories/visitor-repository'
import { modelOf, RECOGNITION_MODEL_ID } from '../decision/recognition-model'
import { createDescriptorGallery } from '../gallery'
import type { ServiceConfig } from '../service-config'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Characters of visitor ids: 32 letters and digits without the look-alikes 0/O and 1/I, so an
 * id read out or typed is not mistaken, and a random byte maps onto them without bias (256 is
 * a multiple of 32).
 */
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** Random characters after `V-` in a visitor id: 10 × 5 bits = 50 bits, no collision in practice. */
const ID_LENGTH = 10

/** A new visitor id: `V-` and {@link ID_LENGTH} random characters of {@link ID_ALPHABET}. */
export function newVisitorId(): string {
  return `V-${Array.from(randomBytes(ID_LENGTH), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`
}

/** The visitor service. Every method can also raise `store-error`, and writes `read-only`. */
export interface VisitorService {
  /**
   * Records a sighting of an unknown face (one that matched no employee) and resolves to its
   * visitor id: the nearest visitor's when its Euclidean distance is under the threshold (its
   * last-seen time and count are updated), else a new visitor's ({@link newVisitorId}).
   * Sightings run one at a time, so the same new face sent twice at once becomes one visitor.
   */
  sight(descriptor: ArrayLike<number>): Promise<string>
  /** listVisitors: visitors without descriptors, newest first. */
  list(request: ValidatedRequest<'listVisitors'>): Promise<Visitor[]>
  /**
   * deleteVisitor: removes one visitor from the store and the gallery, then compacts
   * visitors.db so the descriptor is gone from the file (a failed compaction goes to
   * `config.warn`; the store compacts again when it closes). Raises `not-found`.
   */
  remove(request: ValidatedRequest<'deleteVisitor'>): Promise<{ deleted: true }>
  /**
   * purgeVisitors and the retention job: removes every visitor, or those last seen more than
   * `olderThanDays` days (of 24 hours) before now, then compacts visitors.db as
   * {@link remove} does. Resolves to the number removed.
   */
  purge(request: ValidatedRequest<'purgeVisitors'>): Promise<{ deleted: number }>
}

/** Creates the visitor service over its repository (nothing is read until first use). */
export function createVisitorService(deps: { visitors: VisitorRepository; config: Pick<ServiceConfig, 'threshold' | 'now' | 'warn'> }): VisitorService {
  const { visitors, config } = deps
  const gallery = createDescriptorGallery(async () =>
    (await visitors.allDescriptors())
      // A visitor registered under an earlier recognition model keeps no face to recompute from: it is
      // left out of the search and expires with the visitor retention.
      .filter((doc) => modelOf(doc) === RECOGNITION_MODEL_ID)
      .map((doc) => ({ id: doc.visitorId, ownerId: doc.visitorId, descriptor: doc.descriptor }))
  )
  // Sightings and removals run one at a time, so memory and file never disagree.
  let queue: Promise<unknown> = Promise.resolve()
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work)
    queue = result.catch(() => undefined)
    return result
  }

  async function compact(what: string, details: Record<string, unknown>): Promise<void> {
    await visitors.compact().catch((error: unknown) =>
      config.warn(`visitors.db could not be compacted after ${what}; the removed lines stay until the next compaction`, {
        ...details,
        reason: error instanceof Error ? error.message : String(error)
      })
    )
  }

  return {
    sight: (descriptor) =>
      serial(async () => {
        const now = config.now().toISOString()
        const nearest = (await gallery.rank(descriptor, 1))[0]
        if (nearest && nearest.distance < config.threshold) {
          await visitors.seen(nearest.ownerId, now)
          return nearest.ownerId
        }
        const visitorId = newVisitorId()
        await visitors.insert({ visitorId, descriptor: Array.from(descriptor), model: RECOGNITION_MODEL_ID, createdAt: now, lastSeenAt: now, seenCount: 1 })
        await gallery.add({ id: visitorId, ownerId: visitorId, descriptor })
        return visitorId
      }),
    async list({ offset, limit }) {
      const docs = await visitors.page(offset, limit)
      return docs.map((doc) => ({ visitorId: doc.visitorId, createdAt: doc.createdAt, lastSeenAt: doc.lastSeenAt, seenCount: doc.seenCount }))
    },
    remove: ({ visitorId }) =>
      serial(async () => {
        if ((await visitors.remove(visitorId)) === 0) throw new ClockfaceError('not-found', `No visitor has the id ${visitorId}.`, { visitorId })
        await gallery.remove(visitorId)
        await compact('deleting a visitor', { visitorId })
        return { deleted: true as const }
      }),
    purge: ({ olderThanDays }) =>
      serial(async () => {
        const cutoff = olderThanDays === undefined ? undefined : new Date(config.now().getTime() - olderThanDays * DAY_MS).toISOString()
        const deleted = await visitors.removeSeenBefore(cutoff)
        if (deleted > 0) {
          await gallery.reload()
          await compact('purging visitors', { deleted })
        }
        return { deleted }
      })
  }
}
