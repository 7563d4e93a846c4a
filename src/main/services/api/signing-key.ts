/**
 * The key pair that signs face-login tokens: ES256 (ECDSA on P-256 with SHA-256, RFC 7518
 * §3.4), made on first use and kept in settings.db through the settings repository, so the
 * private key is encrypted at rest with the rest of the data folder, never in a plain file.
 * Integrators verify tokens with the public half, published as a JWKS (getJwks).
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose'
import type { Jwks } from '../../../shared/models'
import type { SettingsRepository } from '../../store/repositories/settings-repository'
import type { SigningKeyDoc } from '../../store/store-types'
import type { ServiceConfig } from '../service-config'

/** JWS algorithm of face-login tokens: ES256, short signatures and keys, supported by every JOSE library. */
export const SIGNING_ALG = 'ES256'

/** The signing key ready to sign: its key id and the private key. */
export interface SigningKey {
  /** RFC 7638 thumbprint of the public key (base64url SHA-256), the JWT header's `kid`. */
  kid: string
  privateKey: CryptoKey
}

/** The face-login signing key. */
export interface SigningKeys {
  /**
   * The key pair, read from settings.db the first time (or made and stored there when there is
   * none yet); later calls share the first one's answer, and a failed one is retried by the
   * next call. Raises `store-error`, and `read-only` when a key must be made while damaged data
   * is loaded read-only.
   */
  current(): Promise<SigningKey>
  /** getJwks: the public key as a JSON Web Key Set with `kid`, `alg` ES256 and `use` sig. Raises as {@link current}. */
  jwks(): Promise<Jwks>
}

/** Creates the signing key service over the settings repository (nothing is read until first use). */
export function createSigningKeys(deps: { settings: Pick<SettingsRepository, 'signingKey' | 'saveSigningKey'>; config: Pick<ServiceConfig, 'now'> }): SigningKeys {
  let loading: Promise<{ key: SigningKey; publicJwk: JWK }> | undefined

  async function makeKey(): Promise<Omit<SigningKeyDoc, '_id'>> {
    const pair = await generateKeyPair(SIGNING_ALG, { extractable: true })
    const publicJwk = await exportJWK(pair.publicKey)
    const privateJwk = await exportJWK(pair.privateKey)
    const kid = await calculateJwkThumbprint(publicJwk, 'sha256')
    return { kid, alg: SIGNING_ALG, privateJwk: { ...privateJwk }, publicJwk: { ...publicJwk }, createdAt: deps.config.now().toISOString() }
  }

  function load(): Promise<{ key: SigningKey; publicJwk: JWK }> {
    loading ??= (async () => {
      const doc = (await deps.settings.signingKey()) ?? (await deps.settings.saveSigningKey(await makeKey()))
      const privateKey = (await importJWK(doc.privateJwk as JWK, SIGNING_ALG)) as CryptoKey
      return { key: { kid: doc.kid, privateKey }, publicJwk: doc.publicJwk as JWK }
    })().catch((error: unknown) => {
      loading = undefined
      throw error
    })
    return loading
  }

  return {
    current: async () => (await load()).key,
    async jwks() {
      const { key, publicJwk } = await load()
      return { keys: [{ ...publicJwk, kid: key.kid, alg: SIGNING_ALG, use: 'sig' }] }
    }
  }
}
