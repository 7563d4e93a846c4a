/**
 * The server sessions of admins signed in at a syncing kiosk, each kept beside the admin's
 * local session (by its local token) and used for the staff operations the kiosk forwards.
 * Only tokens are kept, never a password: when the server session is missing or has ended,
 * the admin signs in again at the kiosk.
 */

/** Local sessions remembered at most; the oldest go first (idle local sessions end on their own). */
const MAX_SESSIONS = 200

/** The table of server sessions. */
export interface ServerSessions {
  /** Remembers `serverToken` for the local session `localToken`. */
  set(localToken: string, serverToken: string): void
  /** The server token of the local session, if it has one. */
  get(localToken: string | undefined): string | undefined
  /** Forgets the local session's server token and returns it. */
  take(localToken: string | undefined): string | undefined
}

/** Creates an empty table. */
export function createServerSessions(): ServerSessions {
  const tokens = new Map<string, string>()
  return {
    set(localToken, serverToken) {
      tokens.delete(localToken)
      tokens.set(localToken, serverToken)
      if (tokens.size > MAX_SESSIONS) tokens.delete(tokens.keys().next().value as string)
    },
    get: (localToken) => (localToken === undefined ? undefined : tokens.get(localToken)),
    take(localToken) {
      if (localToken === undefined) return undefined
      const token = tokens.get(localToken)
      tokens.delete(localToken)
      return token
    }
  }
}
