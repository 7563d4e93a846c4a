/**
 * The audit trail of admin actions ("admin actions audited" in the security standard). Every
 * request to an operation the contract marks `audited` (employee and face-template changes,
 * sign-in and sign-out, accounts, kiosks, settings) leaves one entry in audit.db with who made
 * it, whether it succeeded or was refused — validation and authorisation refusals included.
 * Reads and kiosk punches leave none: punches are the attendance log already.
 *
 * It is one dispatch middleware rather than code in each service, so no transport and no
 * service has to remember to audit, and the list of audited operations lives in the contract.
 * It runs outermost, so it also records calls that authorisation refuses.
 */
import { isAuditedOperation, type AuditedOperation } from '../../shared/contract'
import { actorOf } from '../dispatch/call-context'
import type { Middleware } from '../dispatch/dispatch'
import type { Repositories } from '../store/repositories'
import type { AuditLog, NewAuditEntry } from './audit-log'
import { describeAdminRequest, type AuditBefore } from './audit-summary'
import type { ServiceConfig } from './service-config'

/** What {@link createAuditMiddleware} needs besides the log. */
export interface AuditContext {
  /** Read before a request runs, so the entry can say what changed and whose template went. */
  repos: Pick<Repositories, 'employees' | 'templates'>
  /** Told when an entry cannot be written (see {@link createAuditMiddleware}). */
  warn: ServiceConfig['warn']
  /** This installation's own kiosk id: an admin acting from it is not "at" another kiosk. */
  kioskId: ServiceConfig['kioskId']
}


async function readBefore(name: AuditedOperation, request: unknown, repos: AuditContext['repos']): Promise<AuditBefore> {
  const fields = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {}
  try {
    if ((name === 'updateEmployee' || name === 'deleteEmployee') && typeof fields['code'] === 'string') {
      const doc = await repos.employees.byCode(fields['code'].trim())
      if (!doc) return {}
      return { employee: { code: doc.code, name: doc.name, department: doc.department, ...(doc.gender ? { gender: doc.gender } : {}) } }
    }
    if (name === 'deleteTemplate' && typeof fields['id'] === 'string') {
      const template = await repos.templates.byId(fields['id'])
      const owner = template ? await repos.employees.byId(template.employeeId) : null
      return owner ? { templateOwner: owner.code } : {}
    }
  } catch {
    // Only the wording of the entry depends on this read; the request itself reports store trouble.
  }
  return {}
}

/**
 * Creates the audit middleware: one entry per call to an audited operation, written after it
 * has run: action, channel, actor (who acted after the call: a sign-in is recorded under the
 * name it signed in as), request id, caller address, outcome (`ok` or the error code),
 * employee code, template id and a summary (see audit-summary.ts). Refused calls go through
 * `auditLog.recordRefusal`, which bounds how many are written so the log cannot be flooded.
 *
 * The entry is written before the response goes back, so a client that reloads the log after
 * an action sees it. When it cannot be written (disk full, store error) the response is still
 * the action's own result: the change has already been stored, and reporting it as failed
 * would make the admin repeat it. The failure goes to `context.warn` with the entry, so the
 * operator's log keeps what the audit file could not. Raises nothing.
 */
export function createAuditMiddleware(auditLog: AuditLog, context: AuditContext): Middleware {
  return async ({ name, request, ctx }, next) => {
    if (!isAuditedOperation(name)) return next()
    const before = await readBefore(name, request, context.repos)
    const result = await next()
    let entry: NewAuditEntry | undefined
    try {
      entry = {
        action: name,
        channel: ctx.channel,
        actor: actorOf(ctx),
        requestId: ctx.requestId,
        ...(ctx.remoteAddress === undefined ? {} : { remoteAddress: ctx.remoteAddress }),
        outcome: result.ok ? 'ok' : result.error.code,
        ...describeAdminRequest(name, request, result, before)
      }
      // An admin acting through another kiosk (a syncing kiosk forwards staff changes with its
      // key): say which. The installation's own station (the desktop window) goes unsaid.
      if (ctx.admin && ctx.kiosk && ctx.kiosk.kioskId !== context.kioskId) entry.summary = `${entry.summary} (at kiosk "${ctx.kiosk.kioskId}")`
      await (result.ok ? auditLog.record(entry) : auditLog.recordRefusal(entry))
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      try {
        context.warn('audit log entry could not be written; the action itself was carried out', { reason, ...(entry ?? { action: name, channel: ctx.channel }) })
      } catch {
        // A broken logger must not turn a completed action into a failure either.
      }
    }
    return result
  }
}
