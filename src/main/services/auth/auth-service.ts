/**
 * Admin access: the owner account made at first run, more accounts with roles, sign-in with
 * lock-out, sign-out, idle expiry (admin-sessions.ts), and kiosk registrations. Sessions are
 * bound to the caller by the transport (HTTP-only cookies, or the Electron window) through
 * the call context's SessionBinding; handlers never return a token to renderer code.
 */
import { contract, type OperationName, type OperationResponse, type ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import { DEFAULT_LIVENESS_POLICY } from '../../../shared/liveness-policy'
import type { AdminAccount, AdminPrincipal, KioskPrincipal, KioskRegistration, SessionState } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { Repositories } from '../../store/repositories'
import type { AccountDoc, KioskDoc } from '../../store/store-types'
import { isUniqueViolation } from '../../store/store-op'
import type { ServiceConfig } from '../service-config'
import { createAdminSessions, newToken, tokenHash, type AdminSessions } from './admin-sessions'
import { hashSecret, verifySecret } from './password-hash'

/**
 * Failed sign-ins in a row that lock an account, and for how long (minutes). Five tries then
 * fifteen minutes keeps a six-digit PIN out of reach of online guessing (at most 480 guesses
 * a day) while a person who mistypes is back in soon; NIST SP 800-63B asks for a limit of no
 * more than 100 consecutive failures.
 */
export const LOCKOUT = { attempts: 5, minutes: 15 } as const

/** The auth service: handlers of the session operations plus what transports need. */
export interface AuthService {
  /**
   * The admin and kiosk principals behind the tokens a caller presented (either may be null).
   * The call counts as admin activity (restarting the idle timer) only for an operation whose
   * access is `admin` or `owner`: kiosk frames must not keep an admin session open.
   */
  resolve(
    tokens: { adminToken?: string | undefined; kioskToken?: string | undefined },
    operation?: string
  ): Promise<{ admin: AdminPrincipal | null; kiosk: KioskPrincipal | null }>
  /** True while no account exists (first run). */
  setupRequired(): Promise<boolean>
  getSession(request: ValidatedRequest<'getSession'>, ctx: CallContext): Promise<SessionState>
  /** Raises `forbidden` when an account exists already or the set-up code is wrong or missing (browser mode). */
  setupOwner(request: ValidatedRequest<'setupOwner'>, ctx: CallContext): Promise<SessionState>
  /** Raises `unauthorized` (wrong name or password, one message for both) and `locked-out` (details: `retryAfterMs`). */
  login(request: ValidatedRequest<'login'>, ctx: CallContext): Promise<SessionState>
  logout(request: ValidatedRequest<'logout'>, ctx: CallContext): Promise<SessionState>
  listAccounts(): Promise<AdminAccount[]>
  /** Raises `duplicate-code` for a taken username. */
  createAccount(request: ValidatedRequest<'createAccount'>): Promise<AdminAccount>
  /** Raises `not-found`, and `forbidden` for the last owner. */
  deleteAccount(request: ValidatedRequest<'deleteAccount'>): Promise<OperationResponse<'deleteAccount'>>
  /** Raises `unauthorized` for a wrong current password, `forbidden` for the local CLI operator (no account). */
  changePassword(request: ValidatedRequest<'changePassword'>, ctx: CallContext): Promise<OperationResponse<'changePassword'>>
  /** Raises `not-found`. */
  resetPassword(request: ValidatedRequest<'resetPassword'>): Promise<OperationResponse<'resetPassword'>>
  registerKiosk(request: ValidatedRequest<'registerKiosk'>, ctx: CallContext): Promise<KioskRegistration>
  /** Registers a kiosk that syncs from another machine and returns its key once (stored hashed). Raises `store-error`, `read-only`. */
  issueKioskKey(request: ValidatedRequest<'issueKioskKey'>, ctx: CallContext): Promise<{ key: string; kiosk: KioskRegistration }>
  listKiosks(): Promise<KioskRegistration[]>
  /** Raises `not-found`. */
  revokeKiosk(request: ValidatedRequest<'revokeKiosk'>): Promise<KioskRegistration>
}

/** Options of {@link createAuthService}. */
export interface AuthOptions {
  repos: Pick<Repositories, 'accounts' | 'kiosks'>
  config: Pick<ServiceConfig, 'now' | 'timeZone'>
  /** Idle minutes before an admin session ends (read on every call; default 10). */
  idleMinutes?: () => number
  /** Language of the screens (read on every call; default `en`). */
  language?: () => 'en' | 'es'
  /**
   * One-time code the browser-mode server prints at first run; `setupOwner` over HTTP must
   * present it, so whoever reaches the port first cannot claim the owner account. Absent:
   * no code needed (the Electron window and the CLI are local).
   */
  setupCode?: string
  /** Session table (default: a new one); exposed for tests of idle expiry. */
  sessions?: AdminSessions
}

function toAccount(doc: AccountDoc): AdminAccount {
  return {
    id: doc._id,
    username: doc.username,
    role: doc.role,
    createdAt: doc.createdAt,
    ...(doc.lastLoginAt === undefined ? {} : { lastLoginAt: doc.lastLoginAt }),
    ...(doc.lockedUntil === undefined ? {} : { lockedUntil: doc.lockedUntil })
  }
}

/** A kiosk registration as listed; `defaultZone` fills in a registration without a zone of its own. */
export function toKiosk(doc: KioskDoc, defaultZone: string): KioskRegistration {
  return {
    id: doc._id,
    kioskId: doc.kioskId,
    timeZone: doc.timeZone ?? defaultZone,
    punchChoice: doc.punchChoice ?? 'automatic',
    verifyMode: doc.verifyMode ?? false,
    liveness: { ...DEFAULT_LIVENESS_POLICY, ...doc.liveness },
    createdAt: doc.createdAt,
    createdBy: doc.createdBy,
    ...(doc.lastSeenAt === undefined ? {} : { lastSeenAt: doc.lastSeenAt }),
    ...(doc.revokedAt === undefined ? {} : { revokedAt: doc.revokedAt }),
    ...(doc.sync === undefined ? {} : { sync: doc.sync })
  }
}

/** True for a contract operation only admins may call (its call is admin activity). */
function isAdminOperation(operation: string | undefined): boolean {
  if (operation === undefined || !Object.hasOwn(contract, operation)) return false
  const access = contract[operation as OperationName].access
  return access === 'admin' || access === 'owner'
}

const principalOf = (doc: AccountDoc): AdminPrincipal => ({ kind: 'account', accountId: doc._id, username: doc.username, role: doc.role })

/** Creates the auth service. */
export function createAuthService(options: AuthOptions): AuthService {
  const { repos, config } = options
  const idleMinutes = options.idleMinutes ?? (() => 10)
  const sessions = options.sessions ?? createAdminSessions({ idleMinutes, now: config.now })
  /**
   * Failed sign-ins per name, in memory: the count that locks out, for names with and without
   * an account alike (probing names locks out like a real account), and the one that still
   * works while damaged data keeps the store read-only. Accounts also keep theirs in
   * accounts.db, so a lock-out outlives a restart.
   */
  const failures = new Map<string, { count: number; lockedUntil: number }>()
  const remember = (username: string, entry: { count: number; lockedUntil: number }) => {
    failures.delete(username)
    failures.set(username, entry)
    // Bounded: the oldest names go first, so a flood of made-up names cannot fill memory.
    if (failures.size > 10_000) failures.delete(failures.keys().next().value as string)
  }
  // A hash to verify against when the name is unknown, so the answer takes as long either way.
  let dummyHash: Promise<string> | undefined
  /** Kiosk last-seen times already written, to write at most one a minute per kiosk. */
  const lastSeenWritten = new Map<string, number>()

  async function state(ctx: CallContext): Promise<SessionState> {
    return { setupRequired: (await repos.accounts.count()) === 0, admin: ctx.admin, kiosk: ctx.kiosk, idleMinutes: idleMinutes(), language: (options.language ?? (() => 'en'))() }
  }

  function startSession(doc: AccountDoc, ctx: CallContext): void {
    const principal = principalOf(doc)
    if (!ctx.session) return // the command line has no sessions; its operator stays the actor
    ctx.session.setAdminToken(sessions.create(principal))
    // The audit entry of this call names who signed in.
    ctx.admin = principal
  }

  function lockedOut(untilMs: number): ClockfaceError {
    const minutes = Math.max(1, Math.ceil((untilMs - config.now().getTime()) / 60_000))
    return new ClockfaceError('locked-out', `Too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterMs: untilMs - config.now().getTime()
    })
  }

  /**
   * Runs a bookkeeping write (last sign-in, failure count) that must not block signing in:
   * with damaged data loaded read-only an owner still has to get in to repair it.
   */
  async function bestEffort(write: Promise<unknown>): Promise<void> {
    try {
      await write
    } catch (error) {
      if (!(error instanceof ClockfaceError && error.code === 'read-only')) throw error
    }
  }

  const wrongCredentials = () => new ClockfaceError('unauthorized', 'Wrong user name or password.')

  return {
    async resolve({ adminToken, kioskToken }, operation) {
      const admin = sessions.resolve(adminToken, isAdminOperation(operation))
      let kiosk: KioskPrincipal | null = null
      if (kioskToken) {
        const doc = await repos.kiosks.byTokenHash(tokenHash(kioskToken))
        if (doc && doc.revokedAt === undefined) {
          kiosk = { kioskId: doc.kioskId }
          const now = config.now().getTime()
          if (now - (lastSeenWritten.get(doc._id) ?? 0) > 60_000) {
            lastSeenWritten.set(doc._id, now)
            // Last-seen is a convenience for the kiosks list; a read-only store must not fail frames.
            await repos.kiosks.update(doc._id, { lastSeenAt: new Date(now).toISOString() }).catch(() => undefined)
          }
        }
      }
      return { admin, kiosk }
    },

    setupRequired: async () => (await repos.accounts.count()) === 0,

    getSession: (_request, ctx) => state(ctx),

    async setupOwner({ username, password, setupCode }, ctx) {
      if ((await repos.accounts.count()) > 0) {
        throw new ClockfaceError('forbidden', 'Clockface is already set up; sign in with an existing account.')
      }
      if (ctx.channel === 'browser' && options.setupCode !== undefined && setupCode !== options.setupCode) {
        throw new ClockfaceError('forbidden', 'The set-up code is missing or wrong; it is printed where the Clockface server was started.')
      }
      const now = config.now().toISOString()
      const doc = await repos.accounts.insert({ username, role: 'owner', passwordHash: await hashSecret(password), failedAttempts: 0, createdAt: now, lastLoginAt: now })
      startSession(doc, ctx)
      return state(ctx)
    },

    async login({ username, password }, ctx) {
      const now = config.now().getTime()
      const counted = failures.get(username)
      if (counted && counted.lockedUntil > now) throw lockedOut(counted.lockedUntil)
      const doc = await repos.accounts.byUsername(username)
      if (doc?.lockedUntil !== undefined && Date.parse(doc.lockedUntil) > now) throw lockedOut(Date.parse(doc.lockedUntil))
      // A name with no account is checked against a dummy hash: same answer, same time.
      dummyHash ??= hashSecret('clockface-dummy-password')
      const valid = doc ? await verifySecret(password, doc.passwordHash) : (await verifySecret(password, await dummyHash), false)
      if (!valid) {
        const count = Math.max(counted?.count ?? 0, doc?.failedAttempts ?? 0) + 1
        if (count >= LOCKOUT.attempts) {
          const until = now + LOCKOUT.minutes * 60_000
          remember(username, { count: 0, lockedUntil: until })
          if (doc) await bestEffort(repos.accounts.update(doc._id, { failedAttempts: 0, lockedUntil: new Date(until).toISOString() }))
          throw lockedOut(until)
        }
        remember(username, { count, lockedUntil: 0 })
        if (doc) await bestEffort(repos.accounts.update(doc._id, { failedAttempts: count }))
        throw wrongCredentials()
      }
      failures.delete(username)
      await bestEffort(repos.accounts.update(doc!._id, { failedAttempts: 0, lastLoginAt: new Date(now).toISOString() }, ['lockedUntil']))
      startSession(doc!, ctx)
      return state(ctx)
    },

    async logout(_request, ctx) {
      sessions.end(ctx.session?.adminToken())
      ctx.session?.setAdminToken(null)
      const after: CallContext = { ...ctx, admin: null }
      return state(after)
    },

    listAccounts: async () => (await repos.accounts.all()).map(toAccount),

    async createAccount({ username, password, role }) {
      try {
        const doc = await repos.accounts.insert({ username, role, passwordHash: await hashSecret(password), failedAttempts: 0, createdAt: config.now().toISOString() })
        return toAccount(doc)
      } catch (error) {
        if (isUniqueViolation(error)) throw new ClockfaceError('duplicate-code', `An admin account named ${username} already exists.`, { username })
        throw error
      }
    },

    async deleteAccount({ id }) {
      const doc = await repos.accounts.byId(id)
      if (!doc) throw new ClockfaceError('not-found', `No admin account has the id ${id}.`, { id })
      if (doc.role === 'owner' && (await repos.accounts.countOwners()) <= 1) {
        throw new ClockfaceError('forbidden', 'The last owner account cannot be removed; make another owner first.')
      }
      await repos.accounts.remove(id)
      sessions.endForAccount(id)
      return { deleted: true }
    },

    async changePassword({ currentPassword, newPassword }, ctx) {
      const accountId = ctx.admin?.accountId
      if (!accountId) throw new ClockfaceError('forbidden', 'The command-line operator has no password to change.')
      const doc = await repos.accounts.byId(accountId)
      if (!doc || !(await verifySecret(currentPassword, doc.passwordHash))) throw new ClockfaceError('unauthorized', 'The current password is wrong.')
      await repos.accounts.update(doc._id, { passwordHash: await hashSecret(newPassword) })
      // Other sessions of this account (another browser that may be someone else's) end.
      const current = ctx.session?.adminToken()
      sessions.endForAccount(doc._id)
      if (current !== undefined) ctx.session?.setAdminToken(sessions.create(principalOf(doc)))
      return { changed: true }
    },

    async resetPassword({ username, newPassword }) {
      const doc = await repos.accounts.byUsername(username)
      if (!doc) throw new ClockfaceError('not-found', `No admin account is named ${username}.`, { username })
      await repos.accounts.update(doc._id, { passwordHash: await hashSecret(newPassword), failedAttempts: 0 }, ['lockedUntil'])
      sessions.endForAccount(doc._id)
      return { changed: true }
    },

    async registerKiosk({ kioskId }, ctx) {
      const token = newToken()
      const doc = await repos.kiosks.insert({ kioskId, tokenHash: tokenHash(token), createdBy: actorOf(ctx), createdAt: config.now().toISOString() })
      ctx.session?.setKioskToken(token)
      ctx.kiosk = { kioskId }
      return toKiosk(doc, config.timeZone)
    },

    async issueKioskKey({ kioskId }, ctx) {
      // Like a browser kiosk's token (32 random bytes, stored as its SHA-256 only), but handed
      // to the admin to configure a kiosk on another machine instead of set as a cookie here.
      const key = newToken()
      const doc = await repos.kiosks.insert({ kioskId, tokenHash: tokenHash(key), createdBy: actorOf(ctx), createdAt: config.now().toISOString() })
      return { key, kiosk: toKiosk(doc, config.timeZone) }
    },

    listKiosks: async () => (await repos.kiosks.all()).map((doc) => toKiosk(doc, config.timeZone)),

    async revokeKiosk({ id }) {
      const doc = await repos.kiosks.byId(id)
      if (!doc) throw new ClockfaceError('not-found', `No kiosk registration has the id ${id}.`, { id })
      if (doc.revokedAt !== undefined) return toKiosk(doc, config.timeZone)
      const updated = await repos.kiosks.update(id, { revokedAt: config.now().toISOString() })
      return toKiosk(updated ?? doc, config.timeZone)
    }
  }
}
