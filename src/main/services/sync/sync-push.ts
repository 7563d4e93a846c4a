import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { SyncVerdict } from '../../../shared/sync-models'
import type { CallContext } from '../../dispatch/call-context'
import type { Repositories } from '../../store/repositories'
import type { ServiceConfig } from '../service-config'
import { reconcilePunch } from './punch-reconcile'

/** Milliseconds in an hour. */
const HOUR_MS = 3_600_000

/** What {@link createSyncPush} needs. */
export interface SyncPushOptions {
  repos: Pick<Repositories, 'attendance' | 'kiosks'>
  config: Pick<ServiceConfig, 'cooldownMs' | 'now'>
  /** The auto-close limit in hours (the owner setting). */
  autoCloseHours(): number
}

/** The server's side of `syncPush`. */
export interface SyncPush {
  /**
   * Records a kiosk's punches (see punch-reconcile.ts) one at a time across all kiosks, and
   * notes the kiosk's sync state (time, outbox, version) on its registration for the admin's
   * kiosks list. Raises `forbidden` for a caller that is not a registered kiosk, `store-error`.
   */
  push(request: ValidatedRequest<'syncPush'>, ctx: CallContext): Promise<{ verdicts: SyncVerdict[] }>
}

/** Creates the push handler; one per server process (its queue serialises every kiosk's punches). */
export function createSyncPush({ repos, config, autoCloseHours }: SyncPushOptions): SyncPush {
  let queue: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work)
    queue = result.catch(() => undefined)
    return result
  }
  return {
    async push({ punches, outbox, version }, ctx) {
      if (!ctx.kiosk) throw new ClockfaceError('forbidden', 'Only a kiosk with a sync key pushes punches.')
      const registration = await repos.kiosks.activeByKioskId(ctx.kiosk.kioskId)
      if (!registration) throw new ClockfaceError('forbidden', `Kiosk ${ctx.kiosk.kioskId} has no active registration.`)
      const kioskId = ctx.kiosk.kioskId
      const rules = { cooldownMs: config.cooldownMs, autoCloseMs: autoCloseHours() * HOUR_MS, now: config.now }
      const ordered = [...punches].sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0))
      const reconcileAll = async (attendance: Repositories['attendance']) => {
        const out: SyncVerdict[] = []
        for (const punch of ordered) out.push(await reconcilePunch(attendance, punch, kioskId, rules))
        return out
      }
      // One transaction per batch where the store has them: the batch is recorded whole or not
      // at all (the kiosk pushes it again), and one commit is cheaper than one per punch.
      const verdicts = await serial(() => (repos.attendance.inTransaction ? repos.attendance.inTransaction(reconcileAll) : reconcileAll(repos.attendance)))
      const now = config.now().toISOString()
      await repos.kiosks.update(registration._id, { lastSeenAt: now, sync: { lastSyncAt: now, outbox: Math.max(0, outbox - punches.length), version } })
      return { verdicts }
    }
  }
}
