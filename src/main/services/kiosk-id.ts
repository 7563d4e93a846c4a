import type { CallContext } from '../dispatch/call-context'
import type { ServiceConfig } from './service-config'

/**
 * The kiosk id a punch records for the caller: the registered kiosk it comes from (never a
 * name the request chooses), else `api:<key name>` for a REST call with an API key (so the
 * attendance log tells which integration punched), else `config.kioskId` (an admin or the
 * command line without a kiosk session).
 */
export function punchKioskId(ctx: Pick<CallContext, 'kiosk' | 'apiKey'>, config: Pick<ServiceConfig, 'kioskId'>): string {
  if (ctx.kiosk) return ctx.kiosk.kioskId
  if (ctx.apiKey) return `api:${ctx.apiKey.name}`
  return config.kioskId
}
