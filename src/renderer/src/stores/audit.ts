/**
 * The audit log of admin actions for the admin screen: the latest entries from `listAuditLog`
 * (newest first), reloaded after every admin action and with the attendance log.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationError } from '../../../shared/errors'
import type { AuditEntry } from '../../../shared/models'

/** How many audit entries the admin screen shows; older ones stay in audit.db (`npm run cli -- audit`). */
export const AUDIT_COUNT = 50

/** Pinia store of the latest {@link AUDIT_COUNT} audit entries, with `error` from its last load. */
export const useAuditStore = defineStore('audit', () => {
  const api = useApi()
  /** The latest entries, newest first. */
  const entries = ref<AuditEntry[]>([])
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)
  let requestSeq = 0

  /** Reloads the latest entries; an older answer arriving after a newer one is dropped. */
  async function load(): Promise<void> {
    const seq = ++requestSeq
    const result = await api.listAuditLog({ limit: AUDIT_COUNT })
    if (seq !== requestSeq) return
    if (result.ok) {
      entries.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  return { entries, error, load }
})
