/**
 * identifyFaces as the admin view, the command line and integrators call it: 1:N
 * identification of every face of a photo, with the nearest employees as candidates, and, on
 * request, unknown faces registered in the visitor gallery.
 */
import { ClockfaceError } from '../../../shared/errors'
import type { ValidatedRequest } from '../../../shared/contract'
import type { IdentifiedFace } from '../../../shared/models'
import type { CallContext } from '../../dispatch/call-context'
import type { FaceEngine } from '../../engine/engine-types'
import { PHOTO_DETECTOR } from '../describe-face'
import { toIdentifiedFace, type Identifier } from '../identification'
import { forCaller } from '../recognition'
import type { VisitorService } from './visitors'

/**
 * Candidates listed per face: the three nearest employees, enough for an integrator to see
 * whether the best match stood out or had a close runner-up (a look-alike colleague).
 */
export const CANDIDATE_COUNT = 3

/** What {@link identifyFaces} needs. */
export interface IdentifyFacesDeps {
  engine: FaceEngine
  identifier: Identifier
  visitors: Pick<VisitorService, 'sight'>
}

/**
 * identifyFaces: finds every face of the image with the photo detector and identifies each
 * against the employees (Euclidean distance under the threshold; identification.ts).
 *
 * - Admins and API callers (not kiosks) get `candidates`: the {@link CANDIDATE_COUNT} nearest
 *   employees with Euclidean distance and cosine similarity, whether they matched or not.
 * - With `enrolUnknown`, each face that matched no employee gets a `visitorId` from the
 *   visitor gallery (an existing visitor's when the face matches one under the threshold, else
 *   a new one); faces that matched an employee get `visitorId` null and never become visitors.
 * - `nearestDistance` of a non-match stays an admin's alone (see forCaller).
 *
 * Raises `unreadable-image`, `unsupported-image`, `too-large`, `engine-unavailable`, `busy`,
 * `timeout`, `store-error`, and `read-only` when a visitor must be stored while damaged data
 * is loaded read-only.
 */
export async function identifyFaces(deps: IdentifyFacesDeps, { image, enrolUnknown }: ValidatedRequest<'identifyFaces'>, ctx: CallContext): Promise<IdentifiedFace[]> {
  // Registering visitors stores new biometric data: an API key needs the enrol scope for it too.
  const scopes = ctx.apiKey?.scopes ?? []
  if (enrolUnknown && ctx.apiKey && !ctx.admin && !scopes.includes('enrol') && !scopes.includes('admin')) {
    throw new ClockfaceError('forbidden', 'Registering unknown faces as visitors needs an API key with the "enrol" scope.', { scope: 'enrol' })
  }
  const candidates = ctx.admin !== null || ctx.apiKey !== null ? CANDIDATE_COUNT : 0
  const detection = await deps.engine.detect(image, { detector: PHOTO_DETECTOR, withDescriptors: true })
  const faces: IdentifiedFace[] = []
  for (const face of detection.faces) {
    if (!face.descriptor) {
      faces.push(toIdentifiedFace(face, { match: null, nearestDistance: null }))
      continue
    }
    const identified = toIdentifiedFace(face, await deps.identifier.identify(face.descriptor, { candidates }))
    if (enrolUnknown) identified.visitorId = identified.match ? null : await deps.visitors.sight(face.descriptor)
    faces.push(identified)
  }
  return forCaller(faces, ctx)
}
