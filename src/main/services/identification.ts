import type { DetectedFace, IdentifiedFace, Match } from '../../shared/models'
import type { EmployeeRepository } from '../store/repositories/employee-repository'
import { toDetectedFace } from './detected-face'
import type { Gallery } from './gallery'
import { AMBIGUITY_MARGIN, type ServiceConfig } from './service-config'

/** 1:N decision for one probe descriptor. */
export interface Identification {
  /** The nearest employee when under the threshold, else null. */
  match: Match | null
  /** Distance to the nearest template of anyone (null: empty gallery). */
  nearestDistance: number | null
}

/** Identifies probe descriptors against the gallery. */
export interface Identifier {
  /**
   * 1:N identification: the employee whose nearest template is closest to the probe, accepted
   * when that Euclidean distance is strictly under the threshold. When the runner-up (a
   * different employee) is also under the threshold and within {@link AMBIGUITY_MARGIN} of the
   * best, the best is still returned and `config.warn` is told. Raises `store-error`.
   */
  identify(descriptor: ArrayLike<number>): Promise<Identification>
}

/** Creates the identifier: distances from the gallery, names from the employees datastore. */
export function createIdentifier(
  employees: Pick<EmployeeRepository, 'byId'>,
  gallery: Gallery,
  config: Pick<ServiceConfig, 'threshold' | 'warn'>
): Identifier {
  return {
    async identify(descriptor) {
      const ranking = await gallery.rank(descriptor)
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
  }
}

/** Shapes an engine face and its identification as an {@link IdentifiedFace} (descriptor and thumbnail dropped). */
export function toIdentifiedFace(face: DetectedFace, id: Identification): IdentifiedFace {
  return { ...toDetectedFace(face), match: id.match, nearestDistance: id.nearestDistance }
}
