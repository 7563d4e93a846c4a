/**
 * The call context: who is asking, over which channel, for which request. Every transport
 * builds one per request and passes it explicitly through dispatch to the middleware
 * (audit, authorisation) and to the handler; nothing reads "the current user" from a global.
 */
import { randomUUID } from 'node:crypto'
import type { AdminPrincipal, ApiKeyPrincipal, AuditChannel, KioskPrincipal } from '../../shared/models'

/**
 * Lets a handler change the sessions of the caller on the transport it came in by: the HTTP
 * transport sets or clears HTTP-only cookies, the IPC transport remembers the token for the
 * window that asked. The token itself never reaches renderer JavaScript.
 */
export interface SessionBinding {
  /** The admin session token the caller presented, if any (so sign-out can end it). */
  adminToken(): string | undefined
  /** Binds an admin session token to the caller (sign-in); null clears it (sign-out). */
  setAdminToken(token: string | null): void
  /** Binds a kiosk token to the caller (kiosk registration); null clears it. */
  setKioskToken(token: string | null): void
}

/** Context of one operation call. */
export interface CallContext {
  /** Transport the request came in by: `app` (Electron IPC), `browser` (HTTP), `cli`. */
  channel: AuditChannel
  /** Random id of this request, logged with failures and audit entries. */
  requestId: string
  /** The signed-in admin, or the local operator of the CLI; null for anyone else. */
  admin: AdminPrincipal | null
  /** The registered kiosk the request comes from; null when it is not one. */
  kiosk: KioskPrincipal | null
  /** The integration API key the request came with (REST API); null otherwise. */
  apiKey: ApiKeyPrincipal | null
  /** Address of the caller where the transport knows it (HTTP), for the audit log and lock-out. */
  remoteAddress?: string
  /** Session changes for this caller; absent where there are no sessions (CLI). */
  session?: SessionBinding
}

/** Builds a context with a fresh request id; fields not given are null. */
export function createCallContext(fields: Pick<CallContext, 'channel'> & Partial<Omit<CallContext, 'channel' | 'requestId'>>): CallContext {
  return { admin: null, kiosk: null, apiKey: null, ...fields, requestId: randomUUID() }
}

/** Who acted, as the audit log names them: admin username, `kiosk:<id>`, `key:<API key name>`, or `anonymous`. */
export function actorOf(ctx: CallContext): string {
  if (ctx.admin) return ctx.admin.username
  if (ctx.kiosk) return `kiosk:${ctx.kiosk.kioskId}`
  if (ctx.apiKey) return `key:${ctx.apiKey.name}`
  return 'anonymous'
}
