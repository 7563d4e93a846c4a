/**
 * The visitor gallery for admins: unknown faces an integration registered through the API
 * (`listVisitors`), deleting one (`deleteVisitor`) and purging all of them or those not seen
 * for some days (`purgeVisitors`).
 */
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useApi } from '../api/use-api'
import type { OperationError } from '../../../shared/errors'
import type { Visitor } from '../../../shared/models'

/** Visitors fetched per page. */
export const VISITORS_PAGE = 100

/** Pinia store of the visitor gallery, newest first, with `error` from the last load. */
export const useVisitorsStore = defineStore('visitors', () => {
  const api = useApi()
  /** Visitors loaded so far, newest first (as the service lists them). */
  const visitors = ref<Visitor[]>([])
  /** Why the last load failed; null after a success. */
  const error = ref<OperationError | null>(null)
  /** True while the last page came back full, so there may be more. */
  const hasMore = ref(false)
  /** True once a load has answered. */
  const loaded = ref(false)

  /** Reloads the first page. */
  async function load(): Promise<void> {
    const result = await api.listVisitors({ offset: 0, limit: VISITORS_PAGE })
    loaded.value = true
    if (!result.ok) {
      error.value = result.error
      return
    }
    error.value = null
    visitors.value = result.value
    hasMore.value = result.value.length === VISITORS_PAGE
  }

  /** Appends the next page. */
  async function loadMore(): Promise<void> {
    const result = await api.listVisitors({ offset: visitors.value.length, limit: VISITORS_PAGE })
    if (!result.ok) {
      error.value = result.error
      return
    }
    error.value = null
    const seen = new Set(visitors.value.map((v) => v.visitorId))
    visitors.value = [...visitors.value, ...result.value.filter((v) => !seen.has(v.visitorId))]
    hasMore.value = result.value.length === VISITORS_PAGE
  }

  /** Deletes one visitor and their face descriptor, then reloads. */
  async function remove(visitorId: string) {
    const result = await api.deleteVisitor({ visitorId })
    await load()
    return result
  }

  /** Deletes every visitor, or (with `olderThanDays`) those not seen for that many days; then reloads. */
  async function purge(olderThanDays?: number) {
    const result = await api.purgeVisitors(olderThanDays === undefined ? {} : { olderThanDays })
    await load()
    return result
  }

  return { visitors, error, hasMore, loaded, load, loadMore, remove, purge }
})
