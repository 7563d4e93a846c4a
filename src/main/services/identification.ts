import type { Candidate, DetectedFace, IdentifiedFace, Match } from '../../shared/models'
import type { EmployeeRepository } from '../store/repositories/employee-repository'
import { toDetectedFace } from './detected-face'
import type { Gallery, GalleryCandidate } from './gallery'
import { CALIBRATION } from './decision/calibration'
import { openSetThreshold } from './decision/threshold-policy'
import type { ServiceConfig } from './service-config'

/** 1:N decision for one probe descriptor. */
export interface Identification {
  /** The nearest employee when under the threshold, else null. */
  match: Match | null
  /** Distance to the nearest template of anyone (null: empty gallery). */
  nearestDistance: number | null
  /** The nearest employees, best first, when asked for (see {@link Identifier.identify}). */
  candidates?: Candidate[]
  /** True when the nearest was under the threshold but refused because the next person was too close to it. */
  ambiguous?: boolean
}

/** The decision settings in force (owner settings over the service config). */
export interface DecisionSettings {
  /** 1:1 threshold, the loosest 1:N may use (Euclidean distance, unit-length descriptors). */
  threshold: number
  /** Largest false-positive identification rate (0..1). */
  targetFpir: number
  /** Smallest distance between the best and the second person for a 1:N match. */
  ambiguityMargin: number
}

/** Options of one identification. */
export interface IdentifyOptions {
  /** How many of the nearest employees to list as candidates, matched or not (0, the default: none). */
  candidates?: number
}

/** Identifies probe descriptors against the gallery. */
export interface Identifier {
  /**
   * Open-set 1:N identification: the employee whose nearest template is closest to the probe,
   * accepted when that Euclidean distance is strictly under the open-set threshold (the 1:1
   * threshold tightened for the gallery's size so the false-positive identification rate
   * stays at `targetFpir`; decision/threshold-policy.ts) and the second-nearest employee is at
   * least `ambiguityMargin` farther (else nobody is named, `ambiguous` is set and `config.warn`
   * told). With `options.candidates`, also lists that many of the nearest employees (best
   * first, whether under the threshold or not) with distance and cosine similarity.
   * Raises `store-error`.
   */
  identify(descriptor: ArrayLike<number>, options?: IdentifyOptions): Promise<Identification>
}

/** Nearest employees fetched beyond the candidates asked for, in case some were deleted meanwhile. */
const CANDIDATE_SLACK = 2

/** Creates the identifier: distances from the gallery, names from the employees datastore. */
export function createIdentifier(
  employees: Pick<EmployeeRepository, 'byId'>,
  gallery: Gallery,
  config: Pick<ServiceConfig, 'warn'> & { decision(): DecisionSettings }
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

  async function decide(ranking: readonly GalleryCandidate[], persons: number): Promise<Identification> {
    const best = ranking[0]
    if (!best) return { match: null, nearestDistance: null }
    const settings = config.decision()
    const threshold = openSetThreshold(CALIBRATION, settings.threshold, settings.targetFpir, persons)
    if (best.distance >= threshold) return { match: null, nearestDistance: best.distance }
    const runnerUp = ranking[1]
    if (runnerUp && runnerUp.distance - best.distance < settings.ambiguityMargin) {
      config.warn('ambiguous identification refused: the two nearest employees are too close together', { best, runnerUp, threshold })
      return { match: null, nearestDistance: best.distance, ambiguous: true }
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
        threshold
      },
      nearestDistance: best.distance
    }
  }

  return {
    async identify(descriptor, options = {}) {
      const count = options.candidates ?? 0
      // The decision reads the two nearest; candidates skip employees deleted meanwhile, so a few more are fetched.
      const ranking = await gallery.rank(descriptor, Math.max(2, count + CANDIDATE_SLACK))
      const decision = await decide(ranking, await gallery.persons())
      return count > 0 ? { ...decision, candidates: await candidatesOf(ranking, count) } : decision
    }
  }
}

/** Shapes an engine face and its identification as an {@link IdentifiedFace} (descriptor and thumbnail dropped). */
export function toIdentifiedFace(face: DetectedFace, id: Identification): IdentifiedFace {
  return { ...toDetectedFace(face), match: id.match, nearestDistance: id.nearestDistance, ...(id.candidates ? { candidates: id.candidates } : {}) }
}
