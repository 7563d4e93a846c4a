/**
 * The state of the data files for the admin screens (`getDataHealth`): whether a damaged file
 * has put the data in read-only mode, which files and lines, whether the data is encrypted,
 * and when the newest backup was made. Owners repair a file (`repairDataFile`) or back up now
 * (`createBackup`); both answer through here so the banner and the settings card agree.
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationRequest, OperationResponse } from '../../../shared/contract'
import type { OperationError } from '../../../shared/errors'

/** What getDataHealth reports. */
export type DataHealth = OperationResponse<'getDataHealth'>
/** A data file an owner may repair. */
export type DataFileName = OperationRequest<'repairDataFile'>['file']

/** Pinia store of the data health, with `error` from its last load. */
export const useDataHealthStore = defineStore('data-health', () => {
  const api = useApi()
  /** Last state reported; null before the first answer. */
  const health = ref<DataHealth | null>(null)
  /** Why the last {@link load} failed; null after a success. */
  const error = ref<OperationError | null>(null)

  /** Reloads the state. */
  async function load(): Promise<void> {
    const result = await api.getDataHealth({})
    if (result.ok) {
      health.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
  }

  /** Drops the damaged lines of one file (owners); the answer is the new state. */
  async function repair(file: DataFileName) {
    const result = await api.repairDataFile({ file })
    if (result.ok) health.value = result.value
    return result
  }

  /** Writes a backup now (owners), then reloads the state for its time. */
  async function backup() {
    const result = await api.createBackup({})
    if (result.ok) await load()
    return result
  }

  return { health, error, load, repair, backup }
})
