/**
 * Admin sessions, in memory only: a restart signs everyone out, and no session token is ever
 * written to disk. The token is 32 random bytes; the map is keyed by its SHA-256, so a heap
 * dump does not hand out live tokens directly.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { AdminPrincipal } from '../../../shared/models'

/** Default idle time after which an admin session ends, in minutes. */
export const DEFAULT_IDLE_MINUTES = 10

/** Most admin sessions kept at once; the least recently used goes first beyond it. */
const MAX_SESSIONS = 1000

/** The admin session table. */
export interface AdminSessions {
  /** Starts a session for `principal`; resolves to the token to hand to the transport. */
  create(principal: AdminPrincipal): string
  /**
   * The principal of a live session; null for an unknown, ended or idle-expired token (an
   * expired one is removed). `touch` (default true) counts the call as admin activity and
   * restarts the idle timer; kiosk frames and other non-admin calls pass false, so a session
   * left open at the kiosk still ends.
   */
  resolve(token: string | undefined, touch?: boolean): AdminPrincipal | null
  /** Ends one session (sign-out). */
  end(token: string | undefined): void
  /** Ends every session of an account (deleted account, changed password). */
  endForAccount(accountId: string): void
}

/** SHA-256 of a token, hex: how tokens are looked up and (for kiosks) stored. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A new random session token: 32 bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** Creates the session table; `idleMinutes()` is read on every resolve, so a settings change applies at once. */
export function createAdminSessions(options: { idleMinutes: () => number; now: () => Date }): AdminSessions {
  const sessions = new Map<string, { principal: AdminPrincipal; lastSeen: number }>()
  return {
    create(principal) {
      const token = newToken()
      if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value as string)
      sessions.set(tokenHash(token), { principal, lastSeen: options.now().getTime() })
      return token
    },
    resolve(token, touch = true) {
      if (!token) return null
      const key = tokenHash(token)
      const session = sessions.get(key)
      if (!session) return null
      const now = options.now().getTime()
      if (now - session.lastSeen > options.idleMinutes() * 60_000) {
        sessions.delete(key)
        return null
      }
      if (!touch) return session.principal
      session.lastSeen = now
      // Re-insert so iteration order is least recently used first.
      sessions.delete(key)
      sessions.set(key, session)
      return session.principal
    },
    end(token) {
      if (token) sessions.delete(tokenHash(token))
    },
    endForAccount(accountId) {
      for (const [key, session] of sessions) if (session.principal.accountId === accountId) sessions.delete(key)
    }
  }
}
