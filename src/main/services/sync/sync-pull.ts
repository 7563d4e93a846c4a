import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { SyncPull } from '../../../shared/sync-models'
import type { CallContext } from '../../dispatch/call-context'
import type { ChangeFeedRepository } from '../../store/repositories/change-feed'

/**
 * Settings that belong to each machine, not to the company: the integration API's address,
 * port, TLS files and switch. A kiosk keeps its own.
 */
const LOCAL_SETTINGS = ['apiEnabled', 'apiHost', 'apiPort', 'apiTlsCert', 'apiTlsKey', 'apiRatePerMinute'] as const

/**
 * The server's side of `syncPull`: one page of the change log after the kiosk's cursor, in
 * the wire shapes of sync-models.ts. Raises `forbidden` for a caller that is not a kiosk, and
 * `store-error` when this server has no change log (the embedded store: kiosks sync with
 * server mode, `serve --database`).
 */
export async function syncPull(changes: ChangeFeedRepository | undefined, { after, limit }: ValidatedRequest<'syncPull'>, ctx: CallContext): Promise<SyncPull> {
  if (!ctx.kiosk) throw new ClockfaceError('forbidden', 'Only a kiosk with a sync key pulls changes.')
  if (!changes) throw new ClockfaceError('store-error', 'This Clockface keeps its data in a data folder; kiosks sync with server mode (serve --database postgres://…).')
  const page = await changes.after(after, limit)
  let settings: SyncPull['settings'] = null
  if (page.settings) {
    const { _id: _id, updatedAt: _at, updatedBy: _by, ...rest } = page.settings
    for (const key of LOCAL_SETTINGS) delete rest[key]
    settings = rest
  }
  return {
    employees: page.employees.map(({ _id, ...doc }) => ({ id: _id, ...doc })),
    templates: page.templates.map(({ _id, ...doc }) => ({ id: _id, ...doc })),
    settings,
    removed: page.removed,
    cursor: page.cursor,
    more: page.more
  }
}
