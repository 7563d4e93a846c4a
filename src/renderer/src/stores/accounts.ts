/**
 * Admin accounts for owners: list, add with a role, set a new password, delete
 * (`listAccounts`, `createAccount`, `resetPassword`, `deleteAccount`, all owner-only). Mutations return the Result for the form's error text and
 * reload the list after a success.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError } from '../../../shared/errors'
import type { AdminAccount } from '../../../shared/models'

/** Pinia store of the admin accounts, with `error` from the last load. */
export const useAccountsStore = defineStore('accounts', () => {
  const api = useApi()
  /** Accounts as the service lists them. */
  const accounts = ref<AdminAccount[]>([])
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)

  /** Reloads the list. */
  async function load(): Promise<void> {
    const result = await api.listAccounts({})
    if (result.ok) {
      accounts.value = [...result.value].sort((a, b) => a.username.localeCompare(b.username))
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Adds an account. */
  async function create(input: OperationRequest<'createAccount'>) {
    const result = await api.createAccount(input)
    if (result.ok) await load()
    return result
  }

  /** Sets a new password for another account (its sessions end, its lock-out is lifted). */
  async function resetPassword(username: string, newPassword: string) {
    const result = await api.resetPassword({ username, newPassword })
    if (result.ok) await load()
    return result
  }

  /** Deletes an account (its sessions end). */
  async function remove(id: string) {
    const result = await api.deleteAccount({ id })
    await load()
    return result
  }

  return { accounts, error, load, create, resetPassword, remove }
})
