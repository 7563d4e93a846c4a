/**
 * The audit trail of admin actions ("admin actions audited" in the security standard). Every
 * request to an operation the contract marks `audited` (the employee and face-template
 * changes) leaves one entry in audit.db, whether it succeeded or was refused, validation
 * refusals (`invalid-input`) included. Reads and kiosk punches leave none: punches are the
 * attendance log already.
 *
 * It is one dispatch hook rather than code in each service: shared/dispatch.ts runs the hook
 * around validation and handler for every transport (IPC, HTTP, CLI), so no transport and no
 * service has to remember to audit, and the list of audited operations lives in the contract.
 */
import { isAuditedOperation, type AuditedOperation, type OperationHandlers } from '../../shared/contract'
import { DISPATCH_HOOK, type DispatchHook, type HookedHandlers } from '../../shared/dispatch'
import type { AuditChannel } from '../../shared/models'
import type { ClockfaceStore } from '../store/store-types'
import type { AuditLog } from './audit-log'
import { describeAdminRequest, type AuditBefore } from './audit-summary'
import type { ServiceConfig } from './service-config'

/** What {@link withAudit} needs besides the handlers and the log. */
export interface AuditContext {
  /** Read before a request runs, so the entry can say what changed and whose template went. */
  store: Pick<ClockfaceStore, 'employees' | 'templates'>
  /** Told when an entry cannot be written (see {@link withAudit}). */
  warn: ServiceConfig['warn']
}

async function readBefore(name: AuditedOperation, request: unknown, store: AuditContext['store']): Promise<AuditBefore> {
  const fields = typeof request === 'object' && request !== null ? (request as Record<string, unknown>) : {}
  try {
    if ((name === 'updateEmployee' || name === 'deleteEmployee') && typeof fields['code'] === 'string') {
      const doc = await store.employees.findOne({ code: fields['code'].trim() })
      if (!doc) return {}
      return { employee: { code: doc.code, name: doc.name, department: doc.department, ...(doc.gender ? { gender: doc.gender } : {}) } }
    }
    if (name === 'deleteTemplate' && typeof fields['id'] === 'string') {
      const template = await store.templates.findOne({ _id: fields['id'] }, { employeeId: 1 })
      const owner = template ? await store.employees.findOne({ _id: template.employeeId }) : null
      return owner ? { templateOwner: owner.code } : {}
    }
  } catch {
    // Only the wording of the entry depends on this read; the request itself reports store trouble.
  }
  return {}
}

/**
 * Returns `handlers` carrying a dispatch hook (shared/dispatch.ts) that writes one audit entry,
 * stamped with `channel`, for every request to an audited operation that goes through
 * `dispatch`, after it has run: action, outcome (`ok` or the error code), employee code,
 * template id and a summary (see audit-summary.ts). Calling a handler directly, without
 * dispatch, is not audited; every transport dispatches.
 *
 * The entry is written before the response goes back, so a client that reloads the log after
 * an action sees it. When it cannot be written (disk full, store error) the response is still
 * the action's own result: the change has already been stored, and reporting it as failed
 * would make the admin repeat it. The failure goes to `context.warn` with the entry, so the
 * operator's log keeps what the audit file could not. A hook already on `handlers` keeps
 * running inside this one. Raises nothing.
 */
export function withAudit(handlers: OperationHandlers, auditLog: AuditLog, channel: AuditChannel, context: AuditContext): OperationHandlers {
  const inner = (handlers as HookedHandlers)[DISPATCH_HOOK]
  const hook: DispatchHook = async (name, request, next) => {
    const run = inner ? () => inner(name, request, next) : next
    if (!isAuditedOperation(name)) return run()
    const before = await readBefore(name, request, context.store)
    const result = await run()
    let entry: Parameters<AuditLog['record']>[0] | undefined
    try {
      entry = { action: name, channel, outcome: result.ok ? 'ok' : result.error.code, ...describeAdminRequest(name, request, result, before) }
      await auditLog.record(entry)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      try {
        context.warn('audit log entry could not be written; the action itself was carried out', { reason, ...(entry ?? { action: name, channel }) })
      } catch {
        // A broken logger must not turn a completed action into a failure either.
      }
    }
    return result
  }
  const audited: HookedHandlers = { ...handlers, [DISPATCH_HOOK]: hook }
  return audited
}
