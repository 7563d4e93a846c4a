/**
 * Attendance punches: today's log for the admin screen and the latest punches for the kiosk's
 * side list. Both come from `listAttendance` (default range: today, newest first).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationError } from '../../../shared/errors'
import type { AttendanceEvent } from '../../../shared/models'

/** How many punches the kiosk's "Latest check-ins" list shows. */
export const LATEST_COUNT = 8

export const useAttendanceStore = defineStore('attendance', () => {
  const api = useApi()
  const today = ref<AttendanceEvent[]>([])
  const latest = ref<AttendanceEvent[]>([])
  const error = ref<OperationError | null>(null)

  /** Reloads today's full log. */
  async function loadToday(): Promise<void> {
    const result = await api.listAttendance({})
    if (result.ok) {
      today.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Reloads the latest {@link LATEST_COUNT} punches of today. */
  async function loadLatest(): Promise<void> {
    const result = await api.listAttendance({ limit: LATEST_COUNT })
    if (result.ok) latest.value = result.value
  }

  return { today, latest, error, loadToday, loadLatest }
})
