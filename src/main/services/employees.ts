import type { OperationResponse, ValidatedRequest } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { Employee } from '../../shared/models'
import type { CallContext } from '../dispatch/call-context'
import type { Repositories } from '../store/repositories'
import type { EmployeeDoc, NewDoc, TemplateDoc } from '../store/store-types'
import { isUniqueViolation } from '../store/store-op'
import type { Enrolment } from './enrolment'
import { findEmployeeByCode } from './find-employee'
import { consentRecord, requireConsent } from './privacy/consent'
import { hashPin } from './privacy/pin-punch'
import type { Gallery } from './gallery'
import { toEmployee, toTemplate } from './mappers'
import type { ServiceConfig } from './service-config'

/**
 * Employee records: list, read, create (optionally with a first face), edit, delete. Every
 * method can also raise `store-error` when the data files cannot be read or written, and
 * `read-only` for a write while damaged data is loaded read-only.
 */
export interface EmployeeService {
  /**
   * Employees sorted by name then code; `search` matches code, name or department,
   * case-insensitively; `offset` and `limit` page through the sorted list.
   */
  list(request: ValidatedRequest<'listEmployees'>): Promise<Employee[]>
  /** One employee by code; raises `not-found`. */
  get(request: ValidatedRequest<'getEmployee'>): Promise<Employee>
  /**
   * Creates an employee; with a photo, enrols its single face too. A photo needs the
   * employee's consent (`invalid-input` without it, checked first), recorded on the employee
   * with the admin of `ctx` and the time. The photo is described and checked against the
   * gallery before anything is written (a face that already belongs to someone is refused),
   * and the employee is removed again when the template cannot be saved, so either both or
   * neither are stored. A `pin` is stored as a scrypt hash (about 0.3 s). Raises
   * `invalid-input`, `duplicate-code`, `duplicate-face`, `no-face`, `multiple-faces`,
   * `unreadable-image`, `engine-unavailable`, `store-error`.
   */
  create(request: ValidatedRequest<'createEmployee'>, ctx: CallContext): Promise<OperationResponse<'createEmployee'>>
  /** Changes name, department, gender or PIN (a string sets it, null removes it); raises `not-found`. */
  update(request: ValidatedRequest<'updateEmployee'>): Promise<Employee>
  /**
   * Deletes an employee and their templates (attendance stays), then compacts templates.db
   * and employees.db so the deleted lines (descriptors, thumbnails, consent, PIN hash) are no
   * longer in the files; `erasedFromFiles` is false when compaction failed (reported to
   * `config.warn`; the lines then go at the next compaction, at the latest when the store
   * closes). Raises `not-found`.
   */
  remove(request: ValidatedRequest<'deleteEmployee'>): Promise<OperationResponse<'deleteEmployee'>>
}

function duplicate(code: string): ClockfaceError {
  return new ClockfaceError('duplicate-code', `An employee with the code ${code} already exists.`, { code })
}

function matchesSearch(doc: EmployeeDoc, search: string): boolean {
  const needle = search.toLocaleLowerCase()
  return [doc.code, doc.name, doc.department].some((field) => field.toLocaleLowerCase().includes(needle))
}

/** Creates the employee service; deletions also update the in-memory gallery. */
export function createEmployeeService(deps: {
  repos: Pick<Repositories, 'employees' | 'templates'>
  gallery: Gallery
  enrolment: Enrolment
  config: Pick<ServiceConfig, 'now' | 'warn'>
}): EmployeeService {
  const { repos, gallery, enrolment, config } = deps

  return {
    async list({ search, offset, limit }) {
      const [docs, counts] = await Promise.all([repos.employees.all(), repos.templates.countsByEmployee()])
      return docs
        .filter((doc) => !search || matchesSearch(doc, search))
        .sort((a, b) => a.name.localeCompare(b.name) || a.code.localeCompare(b.code))
        .slice(offset, limit === undefined ? undefined : offset + limit)
        .map((doc) => toEmployee(doc, counts.get(doc._id) ?? 0))
    },

    async get({ code }) {
      const doc = await findEmployeeByCode(repos.employees, code)
      return toEmployee(doc, await repos.templates.countOfEmployee(doc._id))
    },

    async create({ code, name, department, gender, photo, source, consent, pin }, ctx) {
      if (photo) requireConsent(consent)
      // Checked before the slow face detection so the operator hears about it at once;
      // the unique index still decides when two creations race.
      if (await repos.employees.byCode(code)) throw duplicate(code)
      const face = photo ? await enrolment.describe(photo, source) : null
      if (face) await enrolment.assertNotSomeoneElse(face, null)
      const pinHash = pin === undefined ? undefined : await hashPin(pin)
      const at = config.now()
      const now = at.toISOString()
      const fields: NewDoc<EmployeeDoc> = {
        code,
        name,
        department,
        ...(gender === undefined ? {} : { gender }),
        ...(pinHash === undefined ? {} : { pinHash }),
        ...(face ? { consent: consentRecord(consent, ctx, at) } : {}),
        createdAt: now,
        updatedAt: now
      }
      let employee: EmployeeDoc
      try {
        employee = await repos.employees.insert(fields)
      } catch (error) {
        throw isUniqueViolation(error) ? duplicate(code) : error
      }
      if (!face) return { employee: toEmployee(employee, 0), template: null }
      let template: TemplateDoc
      try {
        template = await enrolment.save(employee._id, face, source)
      } catch (error) {
        await repos.employees.remove(employee._id).catch(() => undefined)
        throw error
      }
      return { employee: toEmployee(employee, 1), template: toTemplate(template, employee.code) }
    },

    async update({ code, changes }) {
      const doc = await findEmployeeByCode(repos.employees, code)
      const set: Partial<EmployeeDoc> = { updatedAt: config.now().toISOString() }
      if (changes.name !== undefined) set.name = changes.name
      if (changes.department !== undefined) set.department = changes.department
      if (changes.gender !== undefined) set.gender = changes.gender
      if (typeof changes.pin === 'string') set.pinHash = await hashPin(changes.pin)
      const updated = await repos.employees.update(doc._id, set, changes.pin === null ? ['pinHash'] : [])
      if (!updated) throw new ClockfaceError('not-found', `No employee has the code ${code}.`, { code })
      return toEmployee(updated, await repos.templates.countOfEmployee(doc._id))
    },

    async remove({ code }) {
      const doc = await findEmployeeByCode(repos.employees, code)
      // Templates first: an interrupted delete then leaves an employee without faces
      // (visible, fixable) rather than faces nobody can see.
      const deletedTemplates = await repos.templates.removeOfEmployee(doc._id)
      await gallery.removeEmployee(doc._id)
      await repos.employees.remove(doc._id)
      let erasedFromFiles = true
      try {
        await repos.templates.compact()
        await repos.employees.compact()
      } catch (error) {
        erasedFromFiles = false
        config.warn('the data files could not be compacted after deleting an employee; the deleted lines stay until the next compaction', {
          code,
          reason: error instanceof Error ? error.message : String(error)
        })
      }
      return { deletedTemplates, erasedFromFiles }
    }
  }
}
