import { ClockfaceError } from '../../shared/errors'
import type { Repositories } from '../store/repositories'

/**
 * The employee and template repositories of a syncing kiosk, which only reads them: staff
 * and faces belong to the server, and the kiosk's cache is written by the sync loop alone
 * (kiosk-cache-repository.ts). An enrolment, edit or deletion attempted at the kiosk raises
 * ClockfaceError `forbidden` saying where to make it, instead of a change the next pull would
 * silently undo. Compaction and descriptor migration stay: they change no record's meaning.
 * With a server address and key, an admin's staff operations never reach these writes: the
 * server carries them out (forward-staff-edits.ts) and the pull brings the result.
 */
export function serverOwned(repos: Pick<Repositories, 'employees' | 'templates'>, serverUrl: string): Pick<Repositories, 'employees' | 'templates'> {
  const refuse = () =>
    Promise.reject(
      new ClockfaceError('forbidden', `This kiosk syncs with ${serverUrl}: add, change and remove staff and faces there (Admin on the server); this kiosk gets them at its next sync.`)
    )
  return {
    employees: { ...repos.employees, insert: refuse, update: refuse, remove: refuse },
    templates: { ...repos.templates, insert: refuse, remove: refuse, removeOfEmployee: refuse }
  }
}
