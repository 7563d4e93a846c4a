/**
 * One operation called on the sync server as a signed-in admin at a kiosk: `POST /api/<name>`
 * (transport/http-server.ts) in MessagePack, so images travel as bytes, with the kiosk key and
 * the admin's server session in the cookies a browser on the server would send. The server
 * authorises, validates, runs and audits the call as it would any admin's.
 */
import { decode, encode } from '@msgpack/msgpack'
import type { OperationName } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import { MSGPACK_TYPES } from '../transport/http-codec'
import { ADMIN_COOKIE, KIOSK_COOKIE } from '../transport/http-session'

/** The server did not answer with a Clockface result (network down, server stopped, time-out, a proxy's error page). */
export class ServerUnreachable extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ServerUnreachable'
  }
}

/** What a call needs to reach the server and who it is made for. */
export interface ServerCallTarget {
  /** The server's address, as the sync loop uses it. */
  serverUrl: string
  /** This kiosk's key (the server names the kiosk in its audit entry from it). */
  kioskKey: string
  /** Time-out of one call in ms (an enrolment runs the server's engine on the photo). */
  timeoutMs?: number
}

/** The server's answer: its Result, and the admin session token it set or cleared (undefined: untouched, null: cleared). */
export interface ServerAnswer {
  result: Result<unknown>
  adminToken: string | null | undefined
}

/** The admin cookie a response sets: its value, null when it clears it, undefined when it says nothing of it. */
function adminCookieOf(response: Response): string | null | undefined {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ''] = header.split(';')
    const at = pair.indexOf('=')
    if (at < 0 || pair.slice(0, at).trim() !== ADMIN_COOKIE) continue
    const value = decodeURIComponent(pair.slice(at + 1).trim())
    // Clearing a cookie sends it empty with an expiry in the past.
    return value === '' || /expires=Thu, 01 Jan 1970/i.test(header) ? null : value
  }
  return undefined
}

/** Calls `name` on the server with `request` (sent as given: the server validates it) and the admin session `adminToken`. Rejects with {@link ServerUnreachable} only. */
export async function callServer(target: ServerCallTarget, name: OperationName, request: unknown, adminToken?: string): Promise<ServerAnswer> {
  const base = target.serverUrl.replace(/\/+$/, '')
  const cookies = [`${KIOSK_COOKIE}=${target.kioskKey}`, ...(adminToken ? [`${ADMIN_COOKIE}=${adminToken}`] : [])]
  let response: Response
  try {
    response = await fetch(`${base}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': MSGPACK_TYPES[0], cookie: cookies.join('; ') },
      body: encode(request ?? {}, { ignoreUndefined: true }),
      signal: AbortSignal.timeout(target.timeoutMs ?? 60_000)
    })
  } catch (error) {
    throw new ServerUnreachable(`${base} did not answer: ${(error as Error).message}`)
  }
  let result: Result<unknown>
  try {
    result = decode(new Uint8Array(await response.arrayBuffer())) as Result<unknown>
  } catch (error) {
    throw new ServerUnreachable(`${base} answered ${response.status} without a Clockface result: ${(error as Error).message}`)
  }
  if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
    throw new ServerUnreachable(`${base} answered ${response.status} without a Clockface result`)
  }
  return { result, adminToken: adminCookieOf(response) }
}
