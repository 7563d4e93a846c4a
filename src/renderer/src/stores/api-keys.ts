/**
 * Integration API keys for the admin screen: every key, revoked ones included (`listApiKeys`,
 * any admin), creating one and revoking one (`createApiKey`, `revokeApiKey`, owners only).
 * The secret of a new key is in the create answer only; this store never keeps it.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError } from '../../../shared/errors'
import type { ApiKey } from '../../../shared/models'

/** Pinia store of the API keys, with `error` from the last load. */
export const useApiKeysStore = defineStore('apiKeys', () => {
  const api = useApi()
  /** Keys, active ones first, newest first within each group. */
  const keys = ref<ApiKey[]>([])
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)
  /** True once a load has answered, so the card can tell "none yet" from "loading". */
  const loaded = ref(false)

  /** Reloads the list. */
  async function load(): Promise<void> {
    const result = await api.listApiKeys({})
    loaded.value = true
    if (!result.ok) {
      error.value = result.error
      return
    }
    error.value = null
    keys.value = [...result.value].sort(
      (a, b) => Number(a.revokedAt !== undefined) - Number(b.revokedAt !== undefined) || b.createdAt.localeCompare(a.createdAt)
    )
  }

  /**
   * Creates a key and reloads the list. The answer's `key` is the secret, shown once: the
   * caller displays it and lets it go.
   */
  async function create(input: OperationRequest<'createApiKey'>) {
    const result = await api.createApiKey(input)
    if (result.ok) await load()
    return result
  }

  /** Revokes a key at once, then reloads the list. */
  async function revoke(id: string) {
    const result = await api.revokeApiKey({ id })
    await load()
    return result
  }

  return { keys, error, loaded, load, create, revoke }
})
