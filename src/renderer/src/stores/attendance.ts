/**
 * Attendance punches: today's log for the admin screen (`listAttendance`, admins only) and the
 * latest punches for the kiosk's side list (`listRecentPunches`, which a registered kiosk may
 * call: names, types and times only). Both cover today, newest first.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationError } from '../../../shared/errors'
import type { AttendanceEvent, RecentPunch } from '../../../shared/models'

/** How many punches the kiosk's "Latest check-ins" list shows. */
export const LATEST_COUNT = 8

/**
 * Pinia store of punches: `today` (admin log, with `error` from its last load) and `latest`
 * (kiosk side list; a failed refresh keeps the previous list and shows no error on the kiosk).
 */
export const useAttendanceStore = defineStore('attendance', () => {
  const api = useApi()
  /** Today's punches, newest first. */
  const today = ref<AttendanceEvent[]>([])
  /** The latest {@link LATEST_COUNT} punches of today, newest first. */
  const latest = ref<RecentPunch[]>([])
  /** Why the last {@link loadToday} failed; null after a success. */
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

  /** Reloads the latest {@link LATEST_COUNT} punches of today at this kiosk. */
  async function loadLatest(): Promise<void> {
    const result = await api.listRecentPunches({ limit: LATEST_COUNT })
    if (result.ok) latest.value = result.value
  }

  /** Forgets the kiosk's list (the screen stopped being a kiosk). */
  function clearLatest(): void {
    latest.value = []
  }

  return { today, latest, error, loadToday, loadLatest, clearLatest }
})
