/**
 * The attendance log of the admin screens: punches found by filters, one page at a time
 * (`searchAttendance`, newest first), a punch's details (`getPunch`) and the corrections an
 * admin makes (`addPunch`, `editPunch`, `voidPunch`). A correction reloads the page so the
 * corrected row shows at once.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api/use-api'
import { localDatesToRange, presetPeriod } from '../format/zoned-time'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError } from '../../../shared/errors'
import type { AttendanceEvent, PunchSource, PunchType } from '../../../shared/models'

/** Punches on one page of the log. */
export const PUNCH_PAGE_SIZE = 50

/**
 * What the log is filtered by: local dates `from`..`to` (the browser's zone; empty: no bound),
 * employee code, department, punch type and source (empty: any), only punches flagged for
 * review, and whether voided punches are listed.
 */
export interface PunchFilters {
  from: string
  to: string
  code: string
  department: string
  type: PunchType | ''
  source: PunchSource | ''
  flagged: boolean
  includeVoided: boolean
}

/** The filters a fresh log starts with: today, everything else open. */
export function defaultPunchFilters(): PunchFilters {
  const today = presetPeriod('today')
  return { ...today, code: '', department: '', type: '', source: '', flagged: false, includeVoided: true }
}

/** The searchAttendance request of `filters` and page `page` (0-based). */
export function searchRequest(filters: PunchFilters, page: number): OperationRequest<'searchAttendance'> {
  const range = filters.from && filters.to ? localDatesToRange(filters.from, filters.to) : null
  return {
    ...(range ? { from: range.from, to: range.to } : {}),
    ...(filters.code.trim() ? { code: filters.code.trim() } : {}),
    ...(filters.department.trim() ? { department: filters.department.trim() } : {}),
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.source ? { source: filters.source } : {}),
    ...(filters.flagged ? { flagged: true } : {}),
    includeVoided: filters.includeVoided,
    offset: page * PUNCH_PAGE_SIZE,
    limit: PUNCH_PAGE_SIZE
  }
}

/** Pinia store of the attendance log: filters, the current page, its total and the corrections. */
export const usePunchesStore = defineStore('punches', () => {
  const api = useApi()
  const filters = ref<PunchFilters>(defaultPunchFilters())
  /** The page shown, 0-based. */
  const page = ref(0)
  const items = ref<AttendanceEvent[]>([])
  /** How many punches match the filters in all. */
  const total = ref(0)
  const loading = ref(false)
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)
  const pageCount = computed(() => Math.max(1, Math.ceil(total.value / PUNCH_PAGE_SIZE)))
  let requestSeq = 0

  /** Reloads the current page; an answer arriving after a newer request is dropped. */
  async function load(): Promise<void> {
    const seq = ++requestSeq
    loading.value = true
    const result = await api.searchAttendance(searchRequest(filters.value, page.value))
    if (seq !== requestSeq) return
    loading.value = false
    if (result.ok) {
      items.value = result.value.items
      total.value = result.value.total
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Applies new filters and shows their first page. */
  async function search(next: PunchFilters): Promise<void> {
    filters.value = { ...next }
    page.value = 0
    await load()
  }

  /** Shows page `index` (0-based, clamped to the pages there are). */
  async function goToPage(index: number): Promise<void> {
    page.value = Math.min(Math.max(0, index), pageCount.value - 1)
    await load()
  }

  /** One punch with its snapshot and correction history. */
  function details(punchId: string) {
    return api.getPunch({ punchId })
  }

  async function reloadAfter<T>(result: T & { ok: boolean }): Promise<T> {
    if (result.ok) await load()
    return result
  }

  /** Adds a missing punch (a correction with its reason), then reloads the page. */
  async function add(request: OperationRequest<'addPunch'>) {
    return reloadAfter(await api.addPunch(request))
  }

  /** Changes a punch's type or time (a correction with its reason), then reloads the page. */
  async function edit(request: OperationRequest<'editPunch'>) {
    return reloadAfter(await api.editPunch(request))
  }

  /** Voids a punch (kept, never counted) with its reason, then reloads the page. */
  async function voidPunch(punchId: string, reason: string) {
    return reloadAfter(await api.voidPunch({ punchId, reason }))
  }

  return { filters, page, items, total, loading, error, pageCount, load, search, goToPage, details, add, edit, voidPunch }
})
