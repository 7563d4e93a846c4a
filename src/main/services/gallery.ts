import type { TemplateRepository } from '../store/repositories/template-repository'
import { modelOf, RECOGNITION_MODEL_ID } from './decision/recognition-model'
import { createTemplateMatrix } from './gallery-search/template-matrix'

/** One descriptor a gallery holds: its own id, the person it belongs to, its descriptor (MobileFaceNet: 192 numbers, unit length). */
export interface GalleryEntry {
  id: string
  ownerId: string
  descriptor: ArrayLike<number>
}

/** One person's nearness to a probe, over their nearest descriptor (nearest-template rule). */
export interface RankedOwner {
  ownerId: string
  /** Euclidean distance from the probe to this person's nearest descriptor (lower is more alike). */
  distance: number
  /** Cosine similarity (-1..1, higher is more alike) of the probe and that same nearest descriptor. */
  similarity: number
}

/**
 * Descriptors held in memory, so 1:N identification compares against RAM instead of reading a
 * data file for every probe. Loaded from the store once, on first use; the services update it
 * after every change has reached the store. Every method waits for that load first, and
 * entries are keyed by their own id, so a change racing the load is neither counted twice nor
 * revived. Used for the employees' templates ({@link createGallery}) and the visitor gallery.
 */
export interface DescriptorGallery {
  /**
   * Loads the descriptors once; later calls share the same load, and a failed load is retried
   * by the next call. Raises `store-error`, as does every method below through it.
   */
  ready(): Promise<void>
  /** Adds (or replaces) one descriptor. */
  add(entry: GalleryEntry): Promise<void>
  /** Forgets one descriptor by its id. */
  remove(id: string): Promise<void>
  /** Forgets every descriptor of one person. */
  removeOwner(ownerId: string): Promise<void>
  /** Forgets everything and reads the store again (after the store removed many entries at once). */
  reload(): Promise<void>
  /**
   * The `limit` people (default: everyone) nearest to the probe, by ascending Euclidean
   * distance of their nearest descriptor (one entry per person). A small limit selects
   * without sorting the whole gallery (gallery-search/template-matrix.ts). Throws a
   * RangeError for a probe of another length than the descriptors.
   */
  rank(probe: ArrayLike<number>, limit?: number): Promise<RankedOwner[]>
  /** Euclidean distance from the probe to one person's nearest descriptor; null when they have none. */
  distanceTo(ownerId: string, probe: ArrayLike<number>): Promise<number | null>
  /** Number of distinct people with at least one descriptor (the N of 1:N identification). */
  persons(): Promise<number>
}

/** Creates a gallery over `load`, which reads every entry from the store (nothing is read until first use). */
export function createDescriptorGallery(load: () => Promise<GalleryEntry[]>): DescriptorGallery {
  const entries = createTemplateMatrix()
  let loading: Promise<void> | undefined

  function ready(): Promise<void> {
    loading ??= (async () => {
      for (const entry of await load()) {
        if (!entries.has(entry.id)) entries.set(entry.id, entry.ownerId, entry.descriptor)
      }
    })().catch((error: unknown) => {
      loading = undefined // a later call retries
      throw error
    })
    return loading
  }

  return {
    ready,
    async add({ id, ownerId, descriptor }) {
      await ready()
      entries.set(id, ownerId, descriptor)
    },
    async remove(id) {
      await ready()
      entries.delete(id)
    },
    async removeOwner(ownerId) {
      await ready()
      entries.deleteOwner(ownerId)
    },
    async reload() {
      // A load still running would otherwise refill the map after it was cleared.
      await loading?.catch(() => undefined)
      entries.clear()
      loading = undefined
      await ready()
    },
    async rank(probe, limit = Infinity) {
      await ready()
      return entries.nearest(probe, limit)
    },
    async persons() {
      await ready()
      return entries.owners
    },
    async distanceTo(ownerId, probe) {
      await ready()
      return entries.distanceTo(ownerId, probe)
    }
  }
}

/** One employee's nearness to a probe: over their nearest template (nearest-template rule). */
export interface GalleryCandidate {
  employeeId: string
  /** Euclidean distance from the probe descriptor to this employee's nearest template. */
  distance: number
  /** Cosine similarity (-1..1) of the probe and that same nearest template. */
  similarity: number
}

/**
 * The employees' enrolled descriptors held in memory (a {@link DescriptorGallery} keyed by
 * template id, owned by employee id), so 1:N identification of a kiosk frame compares against
 * RAM instead of reading templates.db for every frame. The services update it after every
 * enrolment and deletion has reached the store.
 */
export interface Gallery {
  /** See {@link DescriptorGallery.ready}. Raises `store-error`, as does every method below through it. */
  ready(): Promise<void>
  /** Adds (or replaces) one template's descriptor. */
  add(template: { id: string; employeeId: string; descriptor: ArrayLike<number> }): Promise<void>
  /** Forgets one template. */
  removeTemplate(templateId: string): Promise<void>
  /** Forgets every template of an employee. */
  removeEmployee(employeeId: string): Promise<void>
  /** The `limit` employees (default: all) nearest to the probe, by ascending Euclidean distance (one entry per employee); see {@link DescriptorGallery.rank}. */
  rank(probe: ArrayLike<number>, limit?: number): Promise<GalleryCandidate[]>
  /** Euclidean distance from the probe to one employee's nearest template; null when they have none. */
  distanceTo(employeeId: string, probe: ArrayLike<number>): Promise<number | null>
  /** Number of employees with at least one template. */
  persons(): Promise<number>
}

/**
 * Creates the employees' gallery over the store's templates (nothing is read until first use).
 * Only templates of the current recognition model are loaded: descriptors of two models are
 * not comparable, and older templates join once template-migration.ts has recomputed them.
 */
export function createGallery(templates: Pick<TemplateRepository, 'allDescriptors'>): Gallery {
  const gallery = createDescriptorGallery(async () =>
    (await templates.allDescriptors())
      .filter((doc) => modelOf(doc) === RECOGNITION_MODEL_ID)
      .map((doc) => ({ id: doc._id, ownerId: doc.employeeId, descriptor: doc.descriptor }))
  )
  return {
    ready: gallery.ready,
    add: ({ id, employeeId, descriptor }) => gallery.add({ id, ownerId: employeeId, descriptor }),
    removeTemplate: gallery.remove,
    removeEmployee: gallery.removeOwner,
    rank: async (probe, limit) => (await gallery.rank(probe, limit)).map(({ ownerId, distance, similarity }) => ({ employeeId: ownerId, distance, similarity })),
    distanceTo: gallery.distanceTo,
    persons: gallery.persons
  }
}
