/**
 * Face login for integrators: a photo of one face in, the employee and a short-lived signed
 * token (JWT, RFC 7519) out, which the integrator's own system verifies with the published
 * public key (getJwks) instead of calling back.
 */
import { randomUUID } from 'node:crypto'
import { SignJWT } from 'jose'
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { FaceLogin } from '../../../shared/models'
import type { FaceEngine } from '../../engine/engine-types'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import { describeSingleFace } from '../describe-face'
import { findEmployeeByCode } from '../find-employee'
import type { Gallery } from '../gallery'
import type { Identifier } from '../identification'
import type { ServiceConfig } from '../service-config'
import { SIGNING_ALG, type SigningKeys } from './signing-key'

/** `iss` of face-login tokens: who issued them. */
export const FACE_LOGIN_ISSUER = 'clockface'

/** `aud` of face-login tokens: what they are for, so a token is not accepted elsewhere. */
export const FACE_LOGIN_AUDIENCE = 'clockface-face-login'

/**
 * Lifetime of a face-login token, in seconds (5 minutes): long enough to hand the token to the
 * integrator's back end and exchange it for its own session, short enough that a token copied
 * from a log is useless soon after.
 */
export const FACE_LOGIN_TOKEN_SECONDS = 5 * 60

/** What {@link faceLogin} needs. */
export interface FaceLoginDeps {
  engine: FaceEngine
  employees: EmployeeRepository
  gallery: Pick<Gallery, 'distanceTo'>
  identifier: Identifier
  keys: Pick<SigningKeys, 'current'>
  config: Pick<ServiceConfig, 'threshold' | 'now'>
}

const notRecognised = (): ClockfaceError => new ClockfaceError('unauthorized', 'The face was not recognised.')

/**
 * faceLogin: finds the single face of the image with the photo detector (as verifyFace does),
 * then identifies it 1:N among all employees, or, when `code` is given, verifies it 1:1
 * against that employee's nearest template; either way the Euclidean distance must be under
 * the threshold. Answers the employee and a JWT signed with ES256 (header `kid` of the
 * signing key) whose claims are `sub` (employee code), `name`, `iss` {@link FACE_LOGIN_ISSUER},
 * `aud` {@link FACE_LOGIN_AUDIENCE}, `iat`, `exp` ({@link FACE_LOGIN_TOKEN_SECONDS} later),
 * `jti` (random, for replay checks) and `amr` `["face"]` (RFC 8176: authenticated by face).
 *
 * Raises `unauthorized` ("not recognised", no distance) when no employee matches, or the
 * named one does not or has no face enrolled; `not-found` for an unknown `code`; `no-face`,
 * `multiple-faces`, `unreadable-image`, `unsupported-image`, `too-large`,
 * `engine-unavailable`, `store-error`.
 */
export async function faceLogin(deps: FaceLoginDeps, { image, code }: ValidatedRequest<'faceLogin'>): Promise<FaceLogin> {
  const named = code === undefined ? null : await findEmployeeByCode(deps.employees, code)
  const face = await describeSingleFace(deps.engine, image, false)
  let employee: { code: string; name: string; department: string }
  let distance: number
  if (named) {
    const nearest = await deps.gallery.distanceTo(named._id, face.descriptor)
    if (nearest === null || nearest >= deps.config.threshold) throw notRecognised()
    employee = named
    distance = nearest
  } else {
    const { match } = await deps.identifier.identify(face.descriptor)
    if (!match) throw notRecognised()
    employee = match
    distance = match.distance
  }
  const key = await deps.keys.current()
  const issuedAt = Math.floor(deps.config.now().getTime() / 1000)
  const expiresAt = issuedAt + FACE_LOGIN_TOKEN_SECONDS
  const token = await new SignJWT({ name: employee.name, amr: ['face'] })
    .setProtectedHeader({ alg: SIGNING_ALG, kid: key.kid, typ: 'JWT' })
    .setSubject(employee.code)
    .setIssuer(FACE_LOGIN_ISSUER)
    .setAudience(FACE_LOGIN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .setJti(randomUUID())
    .sign(key.privateKey)
  return {
    employee: { code: employee.code, name: employee.name, department: employee.department },
    distance,
    threshold: deps.config.threshold,
    token,
    tokenType: 'Bearer',
    expiresAt: new Date(expiresAt * 1000).toISOString()
  }
}
