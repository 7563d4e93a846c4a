/**
 * Who may open which screen, as pure functions of the route and the session state the server
 * reported (`getSession`), so the router guard stays a one-liner and the rules are unit-tested
 * (test/unit/renderer-admin-access.test.ts). The server checks every operation again on its
 * own; these rules only pick the screen a person sees.
 */
import type { RouteLocationRaw } from 'vue-router'
import type { SessionState } from '../../../shared/models'

/** Route name of the sign-in screen. */
export const SIGN_IN_ROUTE = 'sign-in'
/** Route name of the first-run set-up screen (create the owner account). */
export const SETUP_ROUTE = 'setup'
/** Where a successful sign-in goes when no safe `redirect` was asked for. */
export const DEFAULT_ADMIN_PATH = '/admin'

/** Why the sign-in screen was opened, shown there as a note. */
export type SignInReason = 'expired' | 'idle'

/** The part of a route these rules read. */
export interface RouteLike {
  /** Path with query and hash, e.g. `/admin?tab=kiosks`. */
  fullPath: string
}

/**
 * The admin path to return to after signing in: `value` when it is an in-app path under
 * `/admin` (a query parameter anyone can craft, so nothing else is followed), otherwise
 * {@link DEFAULT_ADMIN_PATH}.
 */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string') return DEFAULT_ADMIN_PATH
  // Only `/admin` and `/admin/…` or `/admin?…`: never `//host`, `/admin.evil`, a backslash or a scheme.
  if (!/^\/admin(?:[/?#]|$)/.test(value) || value.includes('\\') || value.includes('//')) return DEFAULT_ADMIN_PATH
  return value
}

/**
 * True when the admin screens may be shown (an admin is signed in); otherwise where to send
 * the person: the set-up screen while no owner account exists, else the sign-in screen, both
 * with `redirect` back to `to`. A session that could not be read (null: service unreachable)
 * also goes to sign-in, which says so and retries.
 */
export function canEnterAdmin(to: RouteLike, session: SessionState | null, reason?: SignInReason): true | RouteLocationRaw {
  if (session?.admin) return true
  const query = { redirect: safeRedirect(to.fullPath), ...(reason ? { reason } : {}) }
  if (session?.setupRequired) return { name: SETUP_ROUTE, query }
  return { name: SIGN_IN_ROUTE, query }
}

/**
 * Keeps the sign-in and set-up screens consistent with the session: an admin already signed
 * in goes straight to `redirect`; sign-in during first run becomes set-up; set-up once an owner
 * exists becomes sign-in (keeping the query). Returns true to stay.
 */
export function authScreenRedirect(
  screen: typeof SIGN_IN_ROUTE | typeof SETUP_ROUTE,
  query: Record<string, unknown>,
  session: SessionState | null
): true | RouteLocationRaw {
  if (!session) return true
  if (session.admin) return safeRedirect(query.redirect)
  if (screen === SIGN_IN_ROUTE && session.setupRequired) return { name: SETUP_ROUTE, query: { redirect: safeRedirect(query.redirect) } }
  if (screen === SETUP_ROUTE && !session.setupRequired) return { name: SIGN_IN_ROUTE, query: { redirect: safeRedirect(query.redirect) } }
  return true
}
