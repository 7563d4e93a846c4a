/**
 * Integration API keys: made by an owner, shown once, stored as a SHA-256 of their secret
 * (a 32-byte random secret needs no slow hash: it cannot be guessed, only stolen), compared in
 * constant time, each with scopes (see ApiScope in shared/models.ts), revocable at once.
 * Key format: `cfk_<prefix>_<secret>`: the prefix (8 characters) finds the record and is
 * safe to show in lists and logs; the secret (43 characters, base64url) is the credential.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { OperationResponse, ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { ApiKey, ApiKeyPrincipal } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { ApiKeyRepository } from '../../store/repositories/api-key-repository'
import type { ApiKeyDoc } from '../../store/store-types'
import type { ServiceConfig } from '../service-config'

/** Shape of a key: `cfk_`, an 8-character prefix, `_`, a 43-character secret. */
const KEY_PATTERN = /^cfk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/

/** Last-used times are written at most this often per key, in ms (a busy integration calls many times a second). */
const LAST_USED_EVERY_MS = 60_000

/** The API key service. */
export interface ApiKeyService {
  /** Creates a key; the answer holds the key itself, the only time it is shown. */
  create(request: ValidatedRequest<'createApiKey'>, ctx: CallContext): Promise<OperationResponse<'createApiKey'>>
  list(): Promise<ApiKey[]>
  /** Raises `not-found`. */
  revoke(request: ValidatedRequest<'revokeApiKey'>): Promise<ApiKey>
  /**
   * The principal behind a presented key, or null for a malformed, unknown, revoked or wrong
   * key (one answer for all, so a caller learns nothing about which part was wrong).
   */
  authenticate(presented: string | undefined): Promise<ApiKeyPrincipal | null>
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest()

function toApiKey(doc: ApiKeyDoc): ApiKey {
  return {
    id: doc._id,
    name: doc.name,
    prefix: doc.prefix,
    scopes: doc.scopes,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    ...(doc.lastUsedAt === undefined ? {} : { lastUsedAt: doc.lastUsedAt }),
    ...(doc.revokedAt === undefined ? {} : { revokedAt: doc.revokedAt })
  }
}

/** A random alphanumeric prefix of 8 characters. */
function newPrefix(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'
  return Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join('')
}

/** Creates the API key service over its repository. */
export function createApiKeyService(keys: ApiKeyRepository, config: Pick<ServiceConfig, 'now'>): ApiKeyService {
  const lastUsedWritten = new Map<string, number>()
  return {
    async create({ name, scopes }, ctx) {
      const prefix = newPrefix()
      const secret = randomBytes(32).toString('base64url')
      const doc = await keys.insert({
        name,
        prefix,
        secretHash: sha256(secret).toString('hex'),
        scopes: [...new Set(scopes)],
        createdBy: actorOf(ctx),
        createdAt: config.now().toISOString()
      })
      return { key: `cfk_${prefix}_${secret}`, apiKey: toApiKey(doc) }
    },
    list: async () => (await keys.all()).map(toApiKey),
    async revoke({ id }) {
      const doc = await keys.byId(id)
      if (!doc) throw new ClockfaceError('not-found', `No API key has the id ${id}.`, { id })
      if (doc.revokedAt !== undefined) return toApiKey(doc)
      return toApiKey((await keys.update(id, { revokedAt: config.now().toISOString() })) ?? doc)
    },
    async authenticate(presented) {
      const parts = KEY_PATTERN.exec(presented ?? '')
      if (!parts) return null
      const doc = await keys.byPrefix(parts[1]!)
      if (!doc || doc.revokedAt !== undefined) return null
      const expected = Buffer.from(doc.secretHash, 'hex')
      const actual = sha256(parts[2]!)
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null
      const now = config.now().getTime()
      if (now - (lastUsedWritten.get(doc._id) ?? 0) > LAST_USED_EVERY_MS) {
        lastUsedWritten.set(doc._id, now)
        // Bookkeeping only: a read-only store must not refuse an authenticated call.
        await keys.update(doc._id, { lastUsedAt: new Date(now).toISOString() }).catch(() => undefined)
      }
      return { keyId: doc._id, name: doc.name, scopes: doc.scopes }
    }
  }
}
