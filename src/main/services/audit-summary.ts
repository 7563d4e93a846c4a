/**
 * The words of the audit log: which employee and template an admin request concerned, and a
 * short sentence saying what happened. Pure; only codes, ids, names and departments ever get
 * into an entry (never images, descriptors, thumbnails, PINs or the value of gender).
 */
import { employeeCodeSchema, type AuditedOperation, type OperationResponse } from '../../shared/contract'
import type { Result } from '../../shared/errors'
import type { LivenessPolicy } from '../../shared/liveness-policy'
import type { AttendanceEvent, Employee, PunchState } from '../../shared/models'

/** What the audit hook read from the store before the request ran (see audit.ts). */
export interface AuditBefore {
  /** The employee the request names, as stored before it ran (updateEmployee, deleteEmployee). */
  employee?: Pick<Employee, 'code' | 'name' | 'department' | 'gender'>
  /** Code of the owner of the template the request names (deleteTemplate). */
  templateOwner?: string
}

/** The parts of an audit entry that depend on the request. */
export interface AuditFacts {
  /** The employee concerned: the request's valid code, the created one, or a template's owner. */
  employeeCode?: string
  /** The template added (createEmployee with a photo, enrolFace) or asked to be deleted. */
  templateId?: string
  /** One short sentence; quoted values are cut to {@link MAX_QUOTED_CHARS}. */
  summary: string
}

/** Longest quoted value in a summary, in characters; keeps entries short whatever was typed. */
export const MAX_QUOTED_CHARS = 60

type Fields = Record<string, unknown>

function fieldsOf(request: unknown): Fields {
  return typeof request === 'object' && request !== null && !Array.isArray(request) ? (request as Fields) : {}
}

/** The request's employee code when it is a valid one (trimmed, as the schema gives it). */
function codeOf(fields: Fields): string | undefined {
  const parsed = employeeCodeSchema.safeParse(fields['code'])
  return parsed.success ? parsed.data : undefined
}

/** `"text"`, cut to {@link MAX_QUOTED_CHARS} with an ellipsis; JSON quoting so newlines cannot forge lines. */
function quoted(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS - 1)}…` : text)
}

/** How a refusal names the employee: the valid code, else the raw code quoted, else nothing. */
function codeLabel(fields: Fields): string | undefined {
  const code = codeOf(fields)
  if (code !== undefined) return code
  return typeof fields['code'] === 'string' ? quoted(fields['code']) : undefined
}

/** A kiosk's presentation-attack policy in words: its mode and, when on, the threshold and movement. */
function livenessText(policy: LivenessPolicy): string {
  if (policy.mode === 'off') return 'off'
  return `${policy.mode} (threshold ${policy.attackThreshold}, blink under EAR ${policy.blinkEar} or ${policy.movementDegrees}° within ${policy.windowSeconds} s)`
}

/** `employee E001`, or `an employee` when the request named none. */
function employeeLabel(fields: Fields): string {
  const label = codeLabel(fields)
  return label === undefined ? 'an employee' : `employee ${label}`
}

function templateIdOf(fields: Fields): string | undefined {
  const id = fields['id']
  return typeof id === 'string' && id.length >= 1 && id.length <= 64 ? id : undefined
}

function plural(n: number, one: string): string {
  if (n === 1) return `1 ${one}`
  if (one.endsWith('ch')) return `${n} ${one}es`
  if (one.endsWith('ry')) return `${n} ${one.slice(0, -1)}ies`
  return `${n} ${one}s`
}

/** The request fields validation refused, from the zod issues dispatch puts in the details. */
function refusedFields(details: unknown): string {
  if (!Array.isArray(details)) return ''
  const paths = details.map((issue) => {
    const path = (issue as { path?: unknown }).path
    return Array.isArray(path) && path.length > 0 ? path.map(String).join('.') : 'request'
  })
  return paths.length > 0 ? ` (${[...new Set(paths)].join(', ')})` : ''
}

interface Writer<K extends AuditedOperation> {
  /** Start of the sentence for a refused request, e.g. `refused enrolment for E001`. */
  refused(fields: Fields, before: AuditBefore): string
  /** The facts of a request that succeeded. */
  done(value: OperationResponse<K>, fields: Fields, before: AuditBefore): AuditFacts
}

function describeChanges(before: AuditBefore['employee'], after: Employee, fields: Fields): string {
  if (!before) {
    // The employee was not readable beforehand (a race with a delete): say what was sent.
    const sent = Object.keys(fieldsOf(fields['changes'])).filter((k) => ['name', 'department', 'gender', 'pin'].includes(k))
    return `updated employee ${after.code} (fields sent: ${sent.join(', ') || 'none'})`
  }
  const changes: string[] = []
  if (before.name !== after.name) changes.push(`name ${quoted(before.name)} → ${quoted(after.name)}`)
  if (before.department !== after.department) changes.push(`department ${quoted(before.department)} → ${quoted(after.department)}`)
  // Gender is personal data the log has no need for: only the fact that it changed is kept.
  if (before.gender !== after.gender) changes.push('gender')
  const parts = changes.length > 0 ? [`changed ${changes.join(', ')}`] : []
  // Only that the PIN was set or removed, never its value.
  const pin = fieldsOf(fields['changes'])['pin']
  if (typeof pin === 'string') parts.push('set a new kiosk PIN')
  if (pin === null) parts.push('removed the kiosk PIN')
  return `updated employee ${after.code}: ${parts.length > 0 ? parts.join('; ') : 'nothing changed'}`
}

/** ` (consent recorded: text version "1")`, or nothing when the version is unknown. */
function consentNote(version: unknown): string {
  return typeof version === 'string' ? ` (consent recorded: text version ${quoted(version)})` : ''
}

/** A setting's value as a summary shows it: numbers and switches as they are, texts quoted, null as `none`. */
function settingText(value: number | boolean | string | null): string {
  if (value === null) return 'none'
  return typeof value === 'string' ? quoted(value) : String(value)
}

/** A punch state as a summary shows it: `check-in 2026-11-20T08:00:00.000Z`, `(voided)` when voided. */
function punchStateText(state: PunchState | null): string {
  if (state === null) return 'none'
  return `${state.type} ${state.time}${state.voided ? ' (voided)' : ''}`
}

/** Before → after and the reason of a punch's newest correction (what an auditor needs). */
function correctionText(punch: AttendanceEvent): string {
  const revision = punch.revisions?.at(-1)
  if (!revision) return `${punch.employeeCode} ${punch.type} ${punch.time}`
  // The reason in full (at most 500 single-line characters by the contract): it is what an auditor reads the entry for.
  return `${punch.employeeCode} ${punchStateText(revision.before)} → ${punchStateText(revision.after)}; reason ${JSON.stringify(revision.reason)}`
}

/** `default`, `department "Sales"` or `employee E001`, from a schedule or a saveSchedule request. */
function scheduleLabel(fields: Fields | { scope: string; target: string }): string {
  const scope = (fields as Fields)['scope']
  const target = (fields as Fields)['target']
  if (scope === 'department') return `department ${typeof target === 'string' ? quoted(target) : '?'}`
  if (scope === 'employee') return `employee ${typeof target === 'string' ? quoted(target) : '?'}`
  return 'default'
}

/** `"name"` of the request's `field` when it is a string, else `?`. */
function quotedField(fields: Fields, field: string): string {
  const value = fields[field]
  return typeof value === 'string' ? quoted(value.trim()) : '?'
}

const writers: { [K in AuditedOperation]: Writer<K> } = {
  setupOwner: {
    refused: (fields) => `refused first-run set-up of owner ${quotedField(fields, 'username')}`,
    done: (state) => ({ summary: `created the owner account ${quoted(state.admin?.username ?? '?')} at first run` })
  },
  login: {
    refused: (fields) => `failed sign-in as ${quotedField(fields, 'username')}`,
    done: (state) => ({ summary: `signed in as ${quoted(state.admin?.username ?? '?')} (${state.admin?.role ?? '?'})` })
  },
  logout: {
    refused: () => 'refused sign-out',
    done: () => ({ summary: 'signed out' })
  },
  createAccount: {
    refused: (fields) => `refused to add admin account ${quotedField(fields, 'username')}`,
    done: (account) => ({ summary: `added admin account ${quoted(account.username)} with role ${account.role}` })
  },
  deleteAccount: {
    refused: (fields) => `refused to delete admin account ${quotedField(fields, 'id')}`,
    done: (_value, fields) => ({ summary: `deleted admin account ${quotedField(fields, 'id')}` })
  },
  changePassword: {
    refused: () => 'refused to change own password',
    done: () => ({ summary: 'changed own password' })
  },
  resetPassword: {
    refused: (fields) => `refused to reset the password of ${quotedField(fields, 'username')}`,
    done: (_value, fields) => ({ summary: `reset the password of ${quotedField(fields, 'username')}` })
  },
  repairDataFile: {
    refused: (fields) => `refused to repair data file ${quotedField(fields, 'file')}`,
    done: (_health, fields) => ({ summary: `dropped the damaged lines of data file ${quotedField(fields, 'file')} (the damaged copy is kept)` })
  },
  createBackup: {
    refused: () => 'refused to make a backup',
    done: (backup) => ({ summary: `made a backup (${backup.bytes} bytes)` })
  },
  createApiKey: {
    refused: (fields) => `refused to create API key ${quotedField(fields, 'name')}`,
    done: ({ apiKey }) => ({ summary: `created API key ${quoted(apiKey.name)} (${apiKey.prefix}) with scopes ${apiKey.scopes.join(', ')}` })
  },
  revokeApiKey: {
    refused: (fields) => `refused to revoke API key ${quotedField(fields, 'id')}`,
    done: (apiKey) => ({ summary: `revoked API key ${quoted(apiKey.name)} (${apiKey.prefix})` })
  },
  faceLogin: {
    refused: (fields) => `refused face login${codeOf(fields) === undefined ? '' : ` as ${codeOf(fields)}`}`,
    done: (login) => ({ employeeCode: login.employee.code, summary: `face login of ${login.employee.code} (distance ${login.distance.toFixed(2)})` })
  },
  deleteVisitor: {
    refused: (fields) => `refused to delete visitor ${quotedField(fields, 'visitorId')}`,
    done: (_value, fields) => ({ summary: `deleted visitor ${quotedField(fields, 'visitorId')}` })
  },
  purgeVisitors: {
    refused: () => 'refused to purge visitors',
    done: ({ deleted }, fields) => ({
      summary: `purged ${plural(deleted, 'visitor')}${typeof fields['olderThanDays'] === 'number' ? ` not seen for ${fields['olderThanDays']} days` : ''}`
    })
  },
  updateKiosk: {
    refused: (fields) => `refused to change kiosk registration ${quotedField(fields, 'id')}`,
    done: (kiosk) => ({
      summary: `changed kiosk ${quoted(kiosk.kioskId)}: time zone ${quoted(kiosk.timeZone)}, punch choice ${kiosk.punchChoice}, verify mode ${kiosk.verifyMode ? 'on' : 'off'}, presentation-attack check ${livenessText(kiosk.liveness)}`
    })
  },
  addPunch: {
    refused: (fields) => `refused to add a punch for ${employeeLabel(fields)}`,
    done: (punch) => ({ employeeCode: punch.employeeCode, summary: `added punch ${punch.id}: ${correctionText(punch)}` })
  },
  editPunch: {
    refused: (fields) => `refused to edit punch ${quotedField(fields, 'punchId')}`,
    done: (punch) => ({ employeeCode: punch.employeeCode, summary: `edited punch ${punch.id}: ${correctionText(punch)}` })
  },
  voidPunch: {
    refused: (fields) => `refused to void punch ${quotedField(fields, 'punchId')}`,
    done: (punch) => ({ employeeCode: punch.employeeCode, summary: `voided punch ${punch.id}: ${correctionText(punch)}` })
  },
  importPunches: {
    refused: () => 'refused to import punches',
    done: ({ imported }) => ({ summary: `imported ${plural(imported, 'punch')}` })
  },
  saveSchedule: {
    refused: (fields) => `refused to save the ${scheduleLabel(fields)} schedule`,
    done: (schedule) => ({
      summary: `saved the ${scheduleLabel(schedule)} schedule: ${schedule.start}–${schedule.end} on ISO weekdays ${schedule.weekdays.join(',')}, grace ${schedule.graceMinutes} min, unpaid break ${schedule.unpaidBreakMinutes} min`
    })
  },
  deleteSchedule: {
    refused: (fields) => `refused to delete schedule ${quotedField(fields, 'scheduleId')}`,
    done: (_value, fields) => ({ summary: `deleted schedule ${quotedField(fields, 'scheduleId')}` })
  },
  exportAttendance: {
    refused: (fields) => `refused to export attendance ${quotedField(fields, 'from')}–${quotedField(fields, 'to')}`,
    done: (file, fields) => ({
      ...(typeof fields['code'] === 'string' ? { employeeCode: fields['code'] } : {}),
      summary: `exported ${file.rows} ${String(fields['kind'])} rows (${String(fields['format'])}) for ${String(fields['from'])}–${String(fields['to'])}${
        typeof fields['department'] === 'string' ? ` in department ${quoted(fields['department'])}` : ''
      }${fields['history'] === true ? ' with correction history' : ''}`
    })
  },
  registerKiosk: {
    refused: (fields) => `refused to register kiosk ${quotedField(fields, 'kioskId')}`,
    done: (kiosk) => ({ summary: `registered this screen as kiosk ${quoted(kiosk.kioskId)}` })
  },
  issueKioskKey: {
    refused: (fields) => `refused to issue a key for kiosk ${quotedField(fields, 'kioskId')}`,
    // The key itself never reaches the log: it is in the answer only.
    done: ({ kiosk }) => ({ summary: `issued a sync key for kiosk ${quoted(kiosk.kioskId)}` })
  },
  revokeKiosk: {
    refused: (fields) => `refused to revoke kiosk registration ${quotedField(fields, 'id')}`,
    done: (kiosk) => ({ summary: `revoked kiosk ${quoted(kiosk.kioskId)}` })
  },
  exitKiosk: {
    refused: () => 'refused to leave kiosk mode',
    done: () => ({ summary: 'left kiosk mode and closed the app' })
  },
  createEmployee: {
    refused: (fields) => {
      const name = typeof fields['name'] === 'string' && fields['name'].trim() ? ` ${quoted(fields['name'].trim())}` : ''
      return `refused to add ${employeeLabel(fields)}${name}`
    },
    done: ({ employee, template }) => ({
      employeeCode: employee.code,
      ...(template ? { templateId: template.id } : {}),
      summary: `added employee ${employee.code} ${quoted(employee.name)} ${
        template
          ? `with a face template${consentNote(employee.consent?.textVersion)}${employee.hasPin ? ' and a kiosk PIN' : ''}`
          : employee.hasPin
            ? 'with a kiosk PIN and no face template'
            : 'without a face template'
      }`
    })
  },
  updateEmployee: {
    refused: (fields) => `refused to update ${employeeLabel(fields)}`,
    done: (employee, fields, before) => ({ employeeCode: employee.code, summary: describeChanges(before.employee, employee, fields) })
  },
  deleteEmployee: {
    refused: (fields) => `refused to delete ${employeeLabel(fields)}`,
    done: ({ deletedTemplates, erasedFromFiles }, fields, before) => {
      const code = codeOf(fields) ?? before.employee?.code ?? '?'
      const name = before.employee ? ` ${quoted(before.employee.name)}` : ''
      const erased = erasedFromFiles
        ? '; their face data was erased from the data files'
        : '; the data files could not be compacted yet, so the deleted face data stays in them until the next compaction'
      return { employeeCode: code, summary: `deleted employee ${code}${name} and ${plural(deletedTemplates, 'face template')}${erased}` }
    }
  },
  enrolFace: {
    refused: (fields) => {
      const label = codeLabel(fields)
      return `refused enrolment${label === undefined ? '' : ` for ${label}`}`
    },
    done: (template, fields) => ({
      employeeCode: template.employeeCode,
      templateId: template.id,
      summary:
        `enrolled a face template for ${template.employeeCode} (source: ${template.source})` +
        consentNote(fieldsOf(fields['consent'])['textVersion']) +
        (fields['override'] === true ? ' with the owner override of the face-match check' : '')
    })
  },
  deleteTemplate: {
    refused: (fields, before) => {
      const id = templateIdOf(fields)
      return `refused to delete face template${id ? ` ${id}` : ''}${before.templateOwner ? ` of ${before.templateOwner}` : ''}`
    },
    done: (_value, fields, before) => {
      const id = templateIdOf(fields) ?? '?'
      return {
        ...(before.templateOwner ? { employeeCode: before.templateOwner } : {}),
        templateId: id,
        summary: `deleted face template ${id}${before.templateOwner ? ` of ${before.templateOwner}` : ''}`
      }
    }
  },
  updateSettings: {
    refused: () => 'refused to change settings',
    done: ({ changed }) => ({
      summary:
        changed.length > 0
          ? `changed settings: ${changed.map((c) => `${c.name} ${settingText(c.from)} → ${settingText(c.to)}`).join(', ')}`
          : 'saved settings: nothing changed'
    })
  },
  exportPersonData: {
    refused: (fields) => `refused to export the personal data of ${employeeLabel(fields)}`,
    done: (data) => ({
      employeeCode: data.code,
      summary:
        `exported the personal data of ${data.code}${data.employee ? '' : ' (employee deleted)'}: ` +
        `${plural(data.templates.length, 'face template')}, ${plural(data.attendance.length, 'punch')}, ` +
        `${plural(data.auditEntries.length, 'audit entry')}`
    })
  }
}

/**
 * The employee, template and sentence of an audit entry for one request to an audited
 * operation: `request` as the caller sent it (it may have failed validation), `result` what
 * dispatch answered, `before` what the hook read beforehand. A refusal names the error code,
 * and for `invalid-input` the request fields that failed, e.g.
 * `refused to add employee "not a code!" "X": invalid-input (code)`. Never throws.
 */
export function describeAdminRequest<K extends AuditedOperation>(
  name: K,
  request: unknown,
  result: Result<unknown>,
  before: AuditBefore
): AuditFacts {
  const fields = fieldsOf(request)
  const writer = writers[name] as unknown as Writer<K>
  if (result.ok) return writer.done(result.value as OperationResponse<K>, fields, before)
  const code = name === 'deleteTemplate' ? before.templateOwner : codeOf(fields)
  const id = name === 'deleteTemplate' ? templateIdOf(fields) : undefined
  const why = result.error.code === 'invalid-input' ? refusedFields(result.error.details) : ''
  return {
    ...(code === undefined ? {} : { employeeCode: code }),
    ...(id === undefined ? {} : { templateId: id }),
    summary: `${writer.refused(fields, before)}: ${result.error.code}${why}`
  }
}
