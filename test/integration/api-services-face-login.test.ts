/**
 * Face login through dispatch with the real engine and real photos: the token is a JWT signed
 * with ES256 that verifies against the published JWKS with jose, with the right issuer and
 * audience; a tampered token does not; a face nobody matches gets no token.
 */
import { performance } from 'node:perf_hooks'
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { FACE_LOGIN_AUDIENCE, FACE_LOGIN_ISSUER, FACE_LOGIN_TOKEN_SECONDS } from '../../src/main/services/api/face-login'
import { hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`api-services-face-login: skipped, ${missingDatasetsReason}`)

describe.skipIf(!hasDeepfaceUnit)('face login', () => {
  let t: TestCore
  const api = createCallContext({ channel: 'api', apiKey: { keyId: 'k', name: 'hr', scopes: ['identify', 'punch', 'read', 'enrol'] } })
  const anonymous = createCallContext({ channel: 'api' })
  const consent = { textVersion: CONSENT_TEXT_VERSION }
  let ada: string[] = []
  let bob: string[] = []
  let stranger: string[] = []

  const jwks = async () => createLocalJWKSet(value(await t.callAs(anonymous, 'getJwks', {})) as Parameters<typeof createLocalJWKSet>[0])
  const verify = async (token: string, options = { issuer: FACE_LOGIN_ISSUER, audience: FACE_LOGIN_AUDIENCE }) => jwtVerify(token, await jwks(), options)

  beforeAll(async () => {
    t = await startTestCore()
    const clusters = identityClusters()
    ada = clusters[0]!
    bob = clusters[1]!
    stranger = clusters[2]!
    value(await t.call('createEmployee', { code: 'ADA', name: 'Ada Lovelace', department: 'R&D', photo: photo(ada[0]!), consent }))
    value(await t.call('createEmployee', { code: 'BOB', name: 'Bob Page', photo: photo(bob[0]!), consent }))
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('publishes one ES256 public key, with no private part', async () => {
    const set = value(await t.callAs(anonymous, 'getJwks', {}))
    expect(set.keys).toHaveLength(1)
    expect(set.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) })
    expect(set.keys[0]).not.toHaveProperty('d')
  })

  it('identifies the single face 1:N and signs a token that verifies against the JWKS', async () => {
    const started = performance.now()
    const login = value(await t.callAs(api, 'faceLogin', { image: photo(ada[1]!) }))
    const elapsed = performance.now() - started
    console.log(`face login (SSD detector, descriptor, 1:N, ES256 signature): ${elapsed.toFixed(0)} ms`)
    expect(login).toMatchObject({ employee: { code: 'ADA', name: 'Ada Lovelace', department: 'R&D' }, tokenType: 'Bearer', threshold: t.core.config.threshold })
    expect(login.distance).toBeLessThan(login.threshold)

    const { payload, protectedHeader } = await verify(login.token)
    const [key] = value(await t.callAs(anonymous, 'getJwks', {})).keys
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: key!['kid'], typ: 'JWT' })
    expect(payload).toMatchObject({ sub: 'ADA', name: 'Ada Lovelace', iss: 'clockface', aud: 'clockface-face-login', amr: ['face'] })
    expect(payload.exp! - payload.iat!).toBe(FACE_LOGIN_TOKEN_SECONDS)
    expect(Math.abs(payload.iat! * 1000 - Date.now())).toBeLessThan(60_000)
    expect(new Date(login.expiresAt).getTime()).toBe(payload.exp! * 1000)
    expect(payload.jti).toEqual(expect.any(String))

    const [entry] = value(await t.call('listAuditLog', { limit: 1 }))
    expect(entry).toMatchObject({ action: 'faceLogin', actor: 'key:hr', outcome: 'ok', employeeCode: 'ADA' })
  })

  it('refuses a tampered token, another audience and another issuer', async () => {
    const { token } = value(await t.callAs(api, 'faceLogin', { image: photo(ada[2]!) }))
    const [header, body, signature] = token.split('.') as [string, string, string]
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'BOB', name: 'Bob Page' })).toString('base64url')
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`
    await expect(verify(`${header}.${body}.${flipped}`)).rejects.toMatchObject({ code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' })
    await expect(verify(token, { issuer: FACE_LOGIN_ISSUER, audience: 'another-app' })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' })
    await expect(verify(token, { issuer: 'someone-else', audience: FACE_LOGIN_AUDIENCE })).rejects.toMatchObject({ code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' })
    expect(decodeProtectedHeader(token).alg).toBe('ES256')
  })

  it('verifies 1:1 when a code is given', async () => {
    expect(value(await t.callAs(api, 'faceLogin', { image: photo(ada[1]!), code: 'ADA' })).employee.code).toBe('ADA')
    const wrong = await t.callAs(api, 'faceLogin', { image: photo(ada[1]!), code: 'BOB' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The face was not recognised.' } })
    expect(await t.callAs(api, 'faceLogin', { image: photo(ada[1]!), code: 'NOBODY' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('answers unauthorized, with no distance, for a face nobody matches', async () => {
    const refused = await t.callAs(api, 'faceLogin', { image: photo(stranger[0]!) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized', message: 'The face was not recognised.' } })
    if (!refused.ok) expect(refused.error.details).toBeUndefined()
    expect(await t.callAs(api, 'faceLogin', { image: photo('couple.jpg') })).toMatchObject({ ok: false, error: { code: 'multiple-faces' } })
    expect(value(await t.call('listAuditLog', { limit: 2 }))[1]).toMatchObject({ action: 'faceLogin', outcome: 'unauthorized', summary: 'refused face login: unauthorized' })
    // A caller without an API key or a session gets nothing.
    expect(await t.callAs(anonymous, 'faceLogin', { image: photo(ada[1]!) })).toMatchObject({ ok: false, error: { code: 'unauthorized' } })
  })

  it('keeps the signing key across a restart, so earlier tokens still verify', async () => {
    const { token } = value(await t.callAs(api, 'faceLogin', { image: photo(bob[1]!) }))
    const kid = value(await t.callAs(anonymous, 'getJwks', {})).keys[0]!['kid']
    await t.restart()
    expect(value(await t.callAs(anonymous, 'getJwks', {})).keys[0]!['kid']).toBe(kid)
    expect((await verify(token)).payload.sub).toBe('BOB')
  })
})
