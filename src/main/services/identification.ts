import type { Candidate, DetectedFace, IdentifiedFace, Match } from '../../shared/models'
import type { EmployeeRepository } from '../store/repositories/employee-repository'
import { toDetectedFace } from './detected-face'
import type { Gallery, GalleryCandidate } from './gallery'
import { AMBIGUITY_MARGIN, type ServiceConfig } from './service-config'

/** 1:N decision for one probe descriptor. */
export interface Identification {
  /** The nearest employee when under the threshold, else null. */
  match: Match | null
  /** Distance to the nearest template of anyone (null: empty gallery). */
  nearestDistance: number | null
  /** The nearest employees, best first, when asked for (see {@link Identifier.identify}). */
  candidates?: Candidate[]
}

/** Options of one identification. */
export interface IdentifyOptions {
  /** How many of the nearest employees to list as candidates, matched or not (0, the default: none). */
  candidates?: number
}

/** Identifies probe descriptors against the gallery. */
export interface Identifier {
  /**
   * 1:N identification: the employee whose nearest template is closest to the probe, accepted
   * when that Euclidean distance is strictly under the threshold. When the runner-up (a
   * different employee) is also under the threshold and within {@link AMBIGUITY_MARGIN} of the
   * best, the best is still returned and `config.warn` is told. With `options.candidates`,
   * also lists that many of the nearest employees (best first, whether under the threshold or
   * not) with distance and cosine similarity. Raises `store-error`.
   */
  identify(descriptor: ArrayLike<number>, options?: IdentifyOptions): Promise<Identification>
}

/** Creates the identifier: distances from the gallery, names from the employees datastore. */
export function createIdentifier(
  employees: Pick<EmployeeRepository, 'byId'>,
  gallery: Gallery,
  config: Pick<ServiceConfig, 'threshold' | 'warn'>
): Identifier {
  async function candidatesOf(ranking: readonly GalleryCandidate[], count: number): Promise<Candidate[]> {
    const candidates: Candidate[] = []
    for (const { employeeId, distance, similarity } of ranking) {
      if (candidates.length >= count) break
      const employee = await employees.byId(employeeId)
      // A template whose employee is gone (deleted concurrently) names nobody.
      if (employee) candidates.push({ code: employee.code, name: employee.name, distance, similarity })
    }
    return candidates
  }

  async function decide(ranking: readonly GalleryCandidate[]): Promise<Identification> {
    const best = ranking[0]
    if (!best) return { match: null, nearestDistance: null }
    if (best.distance >= config.threshold) return { match: null, nearestDistance: best.distance }
    const runnerUp = ranking[1]
    if (runnerUp && runnerUp.distance < config.threshold && runnerUp.distance - best.distance < AMBIGUITY_MARGIN) {
      config.warn('ambiguous identification: two employees are under the threshold and close together', {
        best,
        runnerUp,
        threshold: config.threshold
      })
    }
    const employee = await employees.byId(best.employeeId)
    // A template whose employee is gone (deleted concurrently) identifies nobody.
    if (!employee) return { match: null, nearestDistance: best.distance }
    return {
      match: {
        employeeId: employee._id,
        code: employee.code,
        name: employee.name,
        department: employee.department,
        distance: best.distance,
        threshold: config.threshold
      },
      nearestDistance: best.distance
    }
  }

  return {
    async identify(descriptor, options = {}) {
      const ranking = await gallery.rank(descriptor)
      const decision = await decide(ranking)
      const count = options.candidates ?? 0
      return count > 0 ? { ...decision, candidates: await candidatesOf(ranking, count) } : decision
    }
  }
}

/** Shapes an engine face and its identification as an {@link IdentifiedFace} (descriptor and thumbnail dropped). */
export function toIdentifiedFace(face: DetectedFace, id: Identification): IdentifiedFace {
  return { ...toDetectedFace(face), match: id.match, nearestDistance: id.nearestDistance, ...(id.candidates ? { candidates: id.candidates } : {}) }
}
