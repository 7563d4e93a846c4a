/**
 * Kiosk registrations for the admin screen: every screen registered as a kiosk, revoked ones
 * included (`listKiosks`), and revoking one. Registering this screen is the session store's
 * job, since it changes what this screen is.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationError } from '../../../shared/errors'
import type { KioskRegistration } from '../../../shared/models'

/** Pinia store of the kiosk registrations, with `error` from the last load. */
export const useKiosksStore = defineStore('kiosks', () => {
  const api = useApi()
  /** Registrations, active ones first, newest first within each group. */
  const kiosks = ref<KioskRegistration[]>([])
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)

  /** Reloads the list. */
  async function load(): Promise<void> {
    const result = await api.listKiosks({})
    if (!result.ok) {
      error.value = result.error
      return
    }
    error.value = null
    kiosks.value = [...result.value].sort(
      (a, b) => Number(a.revokedAt !== undefined) - Number(b.revokedAt !== undefined) || b.createdAt.localeCompare(a.createdAt)
    )
  }

  /** Revokes one registration (that screen can no longer punch), then reloads the list. */
  async function revoke(id: string) {
    const result = await api.revokeKiosk({ id })
    await load()
    return result
  }

  /** Issues a key for a kiosk that syncs from another computer (the key is in this result only), then reloads the list. */
  async function issueKey(kioskId: string) {
    const result = await api.issueKioskKey({ kioskId })
    await load()
    return result
  }

  return { kiosks, error, load, revoke, issueKey }
})
