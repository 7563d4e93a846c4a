import { v7 as uuidv7 } from 'uuid'
import type { AttendanceRepository } from '../store/repositories/attendance-repository'
import type { KioskCacheRepository } from '../store/repositories/kiosk-cache-repository'
import type { AttendanceDoc } from '../store/store-types'

/**
 * The attendance repository of a syncing kiosk: each punch gets a UUIDv7 made here (time
 * ordered, unique without asking the server) and is recorded in the outbox, locally first;
 * then `pushNow` offers it to the server, whose verdict (type, duplicate) comes back in place
 * of the local decision when the server answers in time. A `system` punch (a forgotten shift
 * closed by this kiosk) stays local: the server closes forgotten shifts itself. Retention
 * never removes a punch still in the outbox, however long the kiosk was offline.
 */
export function withOutbox(
  attendance: AttendanceRepository,
  cache: Pick<KioskCacheRepository, 'recordPending' | 'removeSyncedOlderThan'>,
  pushNow: (doc: AttendanceDoc) => Promise<AttendanceDoc | null>
): AttendanceRepository {
  return {
    ...attendance,
    async insert(doc) {
      if (doc.source === 'system') return attendance.insert(doc)
      const saved = await cache.recordPending(uuidv7(), doc)
      return (await pushNow(saved)) ?? saved
    },
    removeOlderThan: (time) => cache.removeSyncedOlderThan(time)
  }
}
