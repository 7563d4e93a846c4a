/**
 * Work schedules of the admin screens (`listSchedules`, `saveSchedule`, `deleteSchedule`):
 * the default, per department and per employee. Changes return the operation's Result for the
 * form to show, and reload the list on success.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError } from '../../../shared/errors'
import type { Schedule } from '../../../shared/attendance-models'

/** A schedule as the form sends it. */
export type ScheduleInput = OperationRequest<'saveSchedule'>

const scopeOrder: Record<Schedule['scope'], number> = { default: 0, department: 1, employee: 2 }

/** Pinia store of the schedules list, the default first, then departments, then employees. */
export const useSchedulesStore = defineStore('schedules', () => {
  const api = useApi()
  const schedules = ref<Schedule[]>([])
  const loading = ref(false)
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)

  /** Reloads the list. */
  async function load(): Promise<void> {
    loading.value = true
    const result = await api.listSchedules({})
    loading.value = false
    if (result.ok) {
      schedules.value = [...result.value].sort((a, b) => scopeOrder[a.scope] - scopeOrder[b.scope] || a.target.localeCompare(b.target))
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Creates or replaces the schedule of its scope and target. */
  async function save(input: ScheduleInput) {
    const result = await api.saveSchedule(input)
    if (result.ok) await load()
    return result
  }

  /** Removes a department or employee schedule. */
  async function remove(scheduleId: string) {
    const result = await api.deleteSchedule({ scheduleId })
    if (result.ok) await load()
    return result
  }

  return { schedules, loading, error, load, save, remove }
})
