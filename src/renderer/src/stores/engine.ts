/**
 * Recognition engine state as the screens show it. There is no push channel, so this store
 * polls `getEngineStatus` every {@link ENGINE_POLL_MS} while the models load and stops once
 * the engine is ready or has failed.
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api/use-api'
import type { EngineStatus } from '../../../shared/models'

/** Poll interval while the engine loads, in ms (progress bar updates twice a second). */
export const ENGINE_POLL_MS = 500
/** Retry interval while the service cannot be reached at all, in ms. */
export const UNREACHABLE_RETRY_MS = 2000

/**
 * Pinia store of the recognition engine's status: `ready`, `failed`, `percent` loaded and an
 * `errorMessage` for the screens; `start()` begins polling, `refresh()` polls again.
 */
export const useEngineStore = defineStore('engine', () => {
  const api = useApi()
  /** Last status the service reported; null before the first answer. */
  const status = ref<EngineStatus | null>(null)
  /** Set when the service itself cannot be reached (browser mode with the server down). */
  const unreachable = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let polling = false

  const ready = computed(() => status.value?.state === 'ready' && unreachable.value === null)
  const failed = computed(() => status.value?.state === 'error')
  /** Loading progress in whole percent, 0–100. */
  const percent = computed(() => Math.round((status.value?.progress ?? 0) * 100))
  const errorMessage = computed(() => unreachable.value ?? (failed.value ? (status.value?.error ?? 'The face engine failed to start') : null))

  function schedule(ms: number): void {
    timer = setTimeout(() => void poll(), ms)
  }

  async function poll(): Promise<void> {
    timer = null
    const result = await api.getEngineStatus({})
    if (!polling) return
    if (!result.ok) {
      unreachable.value = result.error.message
      schedule(UNREACHABLE_RETRY_MS)
      return
    }
    unreachable.value = null
    status.value = result.value
    if (result.value.state === 'loading') schedule(ENGINE_POLL_MS)
    else polling = false
  }

  /** Starts polling unless a poll is already under way. */
  function start(): void {
    if (polling) return
    polling = true
    void poll()
  }

  /** Polls again from now, e.g. after an operation answered `engine-unavailable`. */
  function refresh(): void {
    stop()
    start()
  }

  /** Stops polling. */
  function stop(): void {
    polling = false
    if (timer !== null) clearTimeout(timer)
    timer = null
  }

  return { status, unreachable, ready, failed, percent, errorMessage, start, refresh, stop }
})
