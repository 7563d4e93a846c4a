import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SessionBinding } from '../dispatch/call-context'

/** Cookie holding the admin session token: HTTP-only, SameSite=Strict, ends with the browser session. */
export const ADMIN_COOKIE = 'clockface_admin'
/** Cookie holding a registered kiosk's token: HTTP-only, SameSite=Strict, kept for a year. */
export const KIOSK_COOKIE = 'clockface_kiosk'
/** Lifetime of the kiosk cookie in seconds (a kiosk is registered once, then runs unattended). */
const KIOSK_COOKIE_SECONDS = 365 * 24 * 3600

/**
 * Cookie options: invisible to page scripts (HttpOnly), never sent by another site's request
 * (SameSite=Strict), for the whole app. Not `Secure`: browser mode is plain HTTP on the
 * loopback interface, where no one on the network can read it.
 */
const base = { httpOnly: true, sameSite: 'strict', path: '/' } as const

/** The admin and kiosk tokens a request carries in its cookies. */
export function requestTokens(request: FastifyRequest): { adminToken: string | undefined; kioskToken: string | undefined } {
  return { adminToken: request.cookies[ADMIN_COOKIE], kioskToken: request.cookies[KIOSK_COOKIE] }
}

/** A {@link SessionBinding} that sets and clears the session cookies on `reply`. */
export function cookieBinding(request: FastifyRequest, reply: FastifyReply): SessionBinding {
  return {
    adminToken: () => request.cookies[ADMIN_COOKIE],
    setAdminToken(token) {
      if (token === null) void reply.clearCookie(ADMIN_COOKIE, base)
      else void reply.setCookie(ADMIN_COOKIE, token, base)
    },
    setKioskToken(token) {
      if (token === null) void reply.clearCookie(KIOSK_COOKIE, base)
      else void reply.setCookie(KIOSK_COOKIE, token, { ...base, maxAge: KIOSK_COOKIE_SECONDS })
    }
  }
}
