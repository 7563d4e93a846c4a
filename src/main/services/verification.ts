import type { ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { Verification } from '../../shared/models'
import { RECOGNITION_MODEL, type FaceEngine } from '../engine/engine-types'
import type { EmployeeRepository } from '../store/repositories/employee-repository'
import { describeSingleFace, PHOTO_DETECTOR } from './describe-face'
import { toDetectedFace } from './detected-face'
import { findEmployeeByCode } from './find-employee'
import type { Gallery } from './gallery'
import type { ServiceConfig } from './service-config'

/**
 * 1:1 verification: is the single face of the image this employee? Compares the probe with
 * the employee's nearest template (Euclidean distance) and accepts strictly under the
 * threshold. Raises `not-found` (unknown code, or the employee has no templates), `no-face`,
 * `multiple-faces`, `unreadable-image`, `engine-unavailable`, `store-error`.
 */
export async function verifyFace(
  deps: { employees: EmployeeRepository; engine: FaceEngine; gallery: Gallery; config: Pick<ServiceConfig, 'threshold'> },
  { code, image }: ValidatedRequest<'verifyFace'>
): Promise<Verification> {
  const employee = await findEmployeeByCode(deps.employees, code)
  const face = await describeSingleFace(deps.engine, image, false)
  const distance = await deps.gallery.distanceTo(employee._id, face.descriptor)
  if (distance === null) {
    throw new ClockfaceError('not-found', `Employee ${code} has no enrolled face to verify against.`, { code })
  }
  return {
    verified: distance < deps.config.threshold,
    distance,
    threshold: deps.config.threshold,
    model: RECOGNITION_MODEL,
    metric: 'euclidean_l2',
    detector: PHOTO_DETECTOR,
    face: toDetectedFace(face)
  }
}
