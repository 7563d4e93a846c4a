/**
 * Timesheets of the admin screens: one period (local dates), optionally one department,
 * as `getTimesheet` computes it, and the payroll exports of that period (`exportAttendance`,
 * punches or timesheet, CSV or XLSX).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import { presetPeriod } from '../format/zoned-time'
import type { OperationError } from '../../../shared/errors'
import type { Language, Timesheet } from '../../../shared/attendance-models'

/** What an export holds. */
export type ExportKind = 'punches' | 'timesheet'
/** The file format of an export. */
export type ExportFormat = 'csv' | 'xlsx'

/** Pinia store of the timesheet screen: the period, the department filter and the computed timesheet. */
export const useTimesheetStore = defineStore('timesheet', () => {
  const api = useApi()
  /** Local dates `from`..`to`, inclusive. */
  const period = ref(presetPeriod('this-week'))
  /** Department to show; empty: everyone. */
  const department = ref('')
  const timesheet = ref<Timesheet | null>(null)
  const loading = ref(false)
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)
  let requestSeq = 0

  function scope() {
    const dept = department.value.trim()
    return { from: period.value.from, to: period.value.to, ...(dept ? { department: dept } : {}) }
  }

  /** Recomputes the timesheet of the current period and department; late answers of older requests are dropped. */
  async function load(): Promise<void> {
    const seq = ++requestSeq
    loading.value = true
    const result = await api.getTimesheet(scope())
    if (seq !== requestSeq) return
    loading.value = false
    if (result.ok) {
      timesheet.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Sets the period and department, then reloads. */
  async function show(from: string, to: string, dept: string): Promise<void> {
    period.value = { from, to }
    department.value = dept
    await load()
  }

  /** The export file of the current period and department, labelled in `language`. */
  function exportFile(kind: ExportKind, format: ExportFormat, language: Language) {
    return api.exportAttendance({ ...scope(), kind, format, language })
  }

  return { period, department, timesheet, loading, error, load, show, exportFile }
})
