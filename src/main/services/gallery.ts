import type { TemplateRepository } from '../store/repositories/template-repository'
import { euclideanDistance } from './euclidean'

/** One employee's distance to a probe: the minimum over their templates (nearest-template rule). */
export interface GalleryCandidate {
  employeeId: string
  /** Euclidean distance from the probe descriptor to this employee's nearest template. */
  distance: number
}

/**
 * The enrolled descriptors held in memory, so 1:N identification of a kiosk frame compares
 * against RAM instead of reading templates.db for every frame. Loaded from the store once, on
 * first use; the services update it after every enrolment and deletion has reached the store.
 * Every method waits for that load first, and entries are keyed by template id, so a change
 * racing the load is neither counted twice nor revived.
 */
export interface Gallery {
  /**
   * Loads the descriptors once; later calls share the same load, and a failed load is retried
   * by the next call. Raises `store-error`, as does every method below through it.
   */
  ready(): Promise<void>
  /** Adds (or replaces) one template's descriptor. */
  add(template: { id: string; employeeId: string; descriptor: ArrayLike<number> }): Promise<void>
  /** Forgets one template. */
  removeTemplate(templateId: string): Promise<void>
  /** Forgets every template of an employee. */
  removeEmployee(employeeId: string): Promise<void>
  /** Every employee with at least one template, by ascending Euclidean distance (one entry per employee). */
  rank(probe: ArrayLike<number>): Promise<GalleryCandidate[]>
  /** Euclidean distance from the probe to one employee's nearest template; null when they have none. */
  distanceTo(employeeId: string, probe: ArrayLike<number>): Promise<number | null>
}

interface Entry {
  employeeId: string
  descriptor: Float32Array
}

/** Creates the gallery over the store's templates (nothing is read until first use). */
export function createGallery(templates: Pick<TemplateRepository, 'allDescriptors'>): Gallery {
  const entries = new Map<string, Entry>()
  let loading: Promise<void> | undefined

  function ready(): Promise<void> {
    loading ??= (async () => {
      const docs = await templates.allDescriptors()
      for (const doc of docs) {
        if (!entries.has(doc._id)) {
          entries.set(doc._id, { employeeId: doc.employeeId, descriptor: Float32Array.from(doc.descriptor) })
        }
      }
    })().catch((error: unknown) => {
      loading = undefined // a later call retries
      throw error
    })
    return loading
  }

  return {
    ready,
    async add({ id, employeeId, descriptor }) {
      await ready()
      entries.set(id, { employeeId, descriptor: Float32Array.from(descriptor) })
    },
    async removeTemplate(id) {
      await ready()
      entries.delete(id)
    },
    async removeEmployee(employeeId) {
      await ready()
      for (const [id, entry] of entries) if (entry.employeeId === employeeId) entries.delete(id)
    },
    async rank(probe) {
      await ready()
      const best = new Map<string, number>()
      for (const { employeeId, descriptor } of entries.values()) {
        const d = euclideanDistance(probe, descriptor)
        const previous = best.get(employeeId)
        if (previous === undefined || d < previous) best.set(employeeId, d)
      }
      return [...best].map(([employeeId, distance]) => ({ employeeId, distance })).sort((a, b) => a.distance - b.distance)
    },
    async distanceTo(employeeId, probe) {
      await ready()
      let min: number | null = null
      for (const entry of entries.values()) {
        if (entry.employeeId !== employeeId) continue
        const d = euclideanDistance(probe, entry.descriptor)
        if (min === null || d < min) min = d
      }
      return min
    }
  }
}
