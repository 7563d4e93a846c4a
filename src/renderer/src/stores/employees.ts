/**
 * Employees and their face templates for the admin screen. Mutations return the operation's
 * Result so forms can show the error code's friendly text; successful mutations reload the list.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError, Result } from '../../../shared/errors'
import type { Employee, FaceTemplate } from '../../../shared/models'

/** Input of createEmployee as a form writes it. */
export type NewEmployee = OperationRequest<'createEmployee'>
/** An image as the form sends it (raw camera pixels or encoded file bytes). */
export type PhotoInput = OperationRequest<'enrolFace'>['image']
/** The consent the operator confirms with a face photo (the version of the text shown). */
export type Consent = NonNullable<OperationRequest<'enrolFace'>['consent']>

/** Pinia store of the admin screen's employee list (filtered by `search`) and the templates of expanded rows. */
export const useEmployeesStore = defineStore('employees', () => {
  const api = useApi()
  /** The list as last loaded (sorted by name, then code, by the service). */
  const employees = ref<Employee[]>([])
  /** Search text over code, name and department; empty lists everyone. */
  const search = ref('')
  const loading = ref(false)
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)
  /** Templates of expanded rows, by employee code. */
  const templates = ref<Record<string, FaceTemplate[]>>({})
  /**
   * Admin changes attempted since the page opened, refused ones included; bumped when each
   * answer arrives. Every one of them leaves an audit entry, so the audit log watches this.
   */
  const changes = ref(0)
  let requestSeq = 0

  /** Reloads the list with the current search text; older answers arriving late are dropped. */
  async function load(): Promise<void> {
    const seq = ++requestSeq
    loading.value = true
    const text = search.value.trim()
    const result = await api.listEmployees(text ? { search: text } : {})
    if (seq !== requestSeq) return
    loading.value = false
    if (result.ok) {
      employees.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Sets the search text and reloads. */
  async function setSearch(text: string): Promise<void> {
    search.value = text
    await load()
  }

  async function afterChange<T>(result: Result<T>): Promise<Result<T>> {
    changes.value++
    if (result.ok) await load()
    return result
  }

  /** Adds an employee, enrolling the photo's face when one is given. */
  async function create(input: NewEmployee) {
    return afterChange(await api.createEmployee(input))
  }

  /** Changes name, department or gender. */
  async function update(code: string, changes: OperationRequest<'updateEmployee'>['changes']) {
    return afterChange(await api.updateEmployee({ code, changes }))
  }

  /** Deletes an employee with all their templates (attendance history stays). */
  async function remove(code: string) {
    const result = await api.deleteEmployee({ code })
    if (result.ok) delete templates.value[code]
    return afterChange(result)
  }

  /**
   * Adds one more face template for an existing employee, with the consent the operator
   * confirmed; `override` (owners only) adds a face that does not match the enrolled ones.
   */
  async function enrol(code: string, image: PhotoInput, source: 'camera' | 'file', consent: Consent, override = false) {
    const result = await api.enrolFace({ code, image, source, consent, ...(override ? { override } : {}) })
    if (result.ok && templates.value[code]) await loadTemplates(code)
    return afterChange(result)
  }

  /** Loads the templates (with thumbnails) of one employee. */
  async function loadTemplates(code: string) {
    const result = await api.listTemplates({ code })
    if (result.ok) templates.value[code] = result.value
    return result
  }

  /** Deletes one template, then reloads that employee's templates and the list's counts. */
  async function removeTemplate(code: string, id: string) {
    const result = await api.deleteTemplate({ id })
    if (result.ok) await loadTemplates(code)
    return afterChange(result)
  }

  /** Everything stored about one employee (an access request); audited, so it counts as a change. */
  async function exportData(code: string) {
    const result = await api.exportPersonData({ code })
    changes.value++
    return result
  }

  return { employees, search, loading, error, templates, changes, load, setSearch, create, update, remove, enrol, loadTemplates, removeTemplate, exportData }
})
