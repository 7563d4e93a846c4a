/**
 * Access requests: everything Clockface stores about one person, gathered into one JSON
 * document an admin can hand over (GDPR art. 15, and art. 20 portability: JSON, images as
 * data: URLs, descriptors as numbers).
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { AuditEntry, PersonData } from '../../../shared/models'
import { actorOf, type CallContext } from '../../dispatch/call-context'
import type { Repositories } from '../../store/repositories'
import type { AuditDoc } from '../../store/store-types'
import { MAX_AUDIT_ENTRIES } from '../audit-log'
import { toAttendanceEvent, toEmployee, toTemplate } from '../mappers'
import type { ServiceConfig } from '../service-config'
import { modelOf } from '../decision/recognition-model'

/** Every stored time lies in this range (UTC ISO strings compare as times). */
const ALL_TIME = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' }
/** Bound on the punches read for a deleted employee's code: decades of punches of one person. */
const MAX_PUNCHES = 1_000_000

function toAuditEntry(doc: AuditDoc): AuditEntry {
  const { _id, actor, ...rest } = doc
  return { id: _id, actor: actor ?? 'unknown', ...rest }
}

/**
 * exportPersonData: the employee record (without the PIN hash: `hasPin` says whether one is
 * set), the consent recorded, every face template with its descriptor and its thumbnail as a
 * data: URL, every punch (oldest first) and every audit entry naming the code (newest first).
 *
 * For an employee who has been deleted, the punches and audit entries still stored under the
 * code are exported with `employee` null. Audit entries are matched by code, so a code that was
 * given to someone else earlier brings that person's entries too; the admin reviews the export
 * before handing it over. Raises `not-found` when nothing at all is stored under the code,
 * `store-error`.
 */
export async function exportPersonData(
  deps: { repos: Pick<Repositories, 'employees' | 'templates' | 'attendance' | 'audit'>; config: Pick<ServiceConfig, 'now'> },
  { code }: ValidatedRequest<'exportPersonData'>,
  ctx: CallContext
): Promise<PersonData> {
  const { repos } = deps
  const doc = await repos.employees.byCode(code)
  const templates = doc ? await repos.templates.fullOfEmployee(doc._id) : []
  const punches = doc ? await repos.attendance.ofEmployee(doc._id) : (await repos.attendance.between(ALL_TIME, { codes: [code] }, MAX_PUNCHES)).reverse()
  const audit = await repos.audit.between(undefined, undefined, MAX_AUDIT_ENTRIES, code)
  if (!doc && punches.length === 0 && audit.length === 0) {
    throw new ClockfaceError('not-found', `Nothing is stored under the employee code ${code}.`, { code })
  }
  return {
    code,
    exportedAt: deps.config.now().toISOString(),
    exportedBy: actorOf(ctx),
    employee: doc ? toEmployee(doc, templates.length) : null,
    consent: doc?.consent ?? null,
    templates: templates.map((t) => ({
      ...toTemplate(t, code),
      descriptor: [...t.descriptor],
      model: modelOf(t),
      ...(t.alignedFace ? { alignedFace: `data:image/jpeg;base64,${t.alignedFace}` } : {})
    })),
    attendance: punches.map(toAttendanceEvent),
    auditEntries: audit.map(toAuditEntry)
  }
}
