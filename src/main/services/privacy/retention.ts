/**
 * Retention: personal data is kept only as long as the owner's settings say. Punches older
 * than `punchRetentionDays` (0: kept for ever), audit entries older than
 * `auditRetentionDays` and visitors not seen for `visitorRetentionDays` (0: kept) are removed
 * at start and once a day after.
 */
import type { AuditChannel, Settings } from '../../../shared/models'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { PunchPhotoRepository } from '../../store/repositories/punch-photo-repository'
import type { VisitorService } from '../api/visitors'
import type { AuditLog } from '../audit-log'
import type { ServiceConfig } from '../service-config'

/** Time between two retention runs while the app runs, in ms (one day). */
export const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000

/**
 * How often forgotten shifts are looked for, in ms: a quarter of an hour, so a shift left open
 * shows up flagged in the attendance log soon after its limit (a punch by the same person
 * closes it at once anyway).
 */
export const AUTO_CLOSE_INTERVAL_MS = 15 * 60 * 1000

const DAY_MS = 24 * 60 * 60 * 1000

/** What one retention run removed. */
export interface RetentionReport {
  /** Punches removed (older than the punch retention; 0 when punches are kept for ever). */
  punchesRemoved: number
  /** Audit entries removed (older than the audit retention, or beyond the entry cap). */
  auditEntriesRemoved: number
  /** Visitors removed (not seen within the visitor retention; 0 when visitors are kept). */
  visitorsRemoved: number
  /** Punch snapshots removed. */
  photosRemoved: number
  /** Shifts closed by the system at the auto-close limit (flagged for review). */
  shiftsClosed: number
}

/** The retention job. */
export interface Retention {
  /**
   * Runs retention once with the settings in force at `config.now()`. When it removed
   * anything it writes one audit entry (action `applyRetention`, actor `clockface`) saying
   * how many punches, audit entries and visitors went and the cut-offs. Raises `store-error`,
   * `read-only` (punches and visitors are not removed while damaged data is loaded read-only).
   */
  apply(): Promise<RetentionReport>
  /**
   * Runs {@link apply} every {@link RETENTION_INTERVAL_MS} on a timer that does not keep the
   * process alive; a failed run goes to `config.warn` and the next one tries again. Calling
   * it again restarts the timer.
   */
  schedule(): void
  /** Stops the timer (the core calls it on close). */
  stop(): void
}

/** What {@link createRetention} needs. */
export interface RetentionDeps {
  attendance: Pick<AttendanceRepository, 'removeOlderThan' | 'clearPhotoMarksBefore'>
  /** Punch snapshots, removed after `punchPhotoRetentionDays`. */
  punchPhotos: Pick<PunchPhotoRepository, 'removeOlderThan'>
  /** Closes shifts left open past the auto-close limit (AttendanceService.closeOpenShifts); run every {@link AUTO_CLOSE_INTERVAL_MS}. */
  closeOpenShifts: () => Promise<number>
  auditLog: Pick<AuditLog, 'enforceRetention' | 'record'>
  /** The visitor gallery (its purge also updates the gallery in memory and compacts the file). */
  visitors: Pick<VisitorService, 'purge'>
  /** The settings in force (read at every run, so a change applies at the next one). */
  settings: () => Pick<Settings, 'punchRetentionDays' | 'auditRetentionDays' | 'visitorRetentionDays' | 'punchPhotoRetentionDays'>
  config: Pick<ServiceConfig, 'now' | 'warn'>
  /** Channel recorded on the audit entry: the front end this core runs in. */
  channel: AuditChannel
}

/** Creates the retention job; nothing runs until {@link Retention.apply} or {@link Retention.schedule}. */
export function createRetention(deps: RetentionDeps): Retention {
  const { attendance, auditLog, config } = deps
  let timer: NodeJS.Timeout | undefined
  let shiftTimer: NodeJS.Timeout | undefined
  let running: Promise<RetentionReport> | undefined

  async function run(): Promise<RetentionReport> {
    const { punchRetentionDays, auditRetentionDays, visitorRetentionDays, punchPhotoRetentionDays } = deps.settings()
    const now = config.now().getTime()
    const parts: string[] = []
    let punchesRemoved = 0
    if (punchRetentionDays > 0) {
      const cutoff = new Date(now - punchRetentionDays * DAY_MS).toISOString()
      punchesRemoved = await attendance.removeOlderThan(cutoff)
      if (punchesRemoved > 0) parts.push(`${punchesRemoved} punch${punchesRemoved === 1 ? '' : 'es'} older than ${cutoff} (${punchRetentionDays} days)`)
    }
    const auditEntriesRemoved = await auditLog.enforceRetention(auditRetentionDays)
    if (auditEntriesRemoved > 0) {
      parts.push(`${auditEntriesRemoved} audit entr${auditEntriesRemoved === 1 ? 'y' : 'ies'} older than ${auditRetentionDays} days or beyond the entry limit`)
    }
    const photoCutoff = new Date(now - punchPhotoRetentionDays * DAY_MS).toISOString()
    const photosRemoved = await deps.punchPhotos.removeOlderThan(photoCutoff)
    if (photosRemoved > 0) {
      await attendance.clearPhotoMarksBefore(photoCutoff)
      parts.push(`${photosRemoved} punch snapshot${photosRemoved === 1 ? '' : 's'} older than ${punchPhotoRetentionDays} days`)
    }
    const shiftsClosed = await closeShifts()
    let visitorsRemoved = 0
    if (visitorRetentionDays > 0) {
      visitorsRemoved = (await deps.visitors.purge({ olderThanDays: visitorRetentionDays })).deleted
      if (visitorsRemoved > 0) parts.push(`${visitorsRemoved} visitor${visitorsRemoved === 1 ? '' : 's'} not seen for ${visitorRetentionDays} days`)
    }
    if (parts.length > 0) {
      await auditLog.record({ action: 'applyRetention', channel: deps.channel, actor: 'clockface', outcome: 'ok', summary: `retention removed ${parts.join(' and ')}` })
    }
    return { punchesRemoved, auditEntriesRemoved, visitorsRemoved, photosRemoved, shiftsClosed }
  }

  /** Closes forgotten shifts; a failure is reported and retried at the next run, never fatal. */
  async function closeShifts(): Promise<number> {
    try {
      return await deps.closeOpenShifts()
    } catch (error) {
      config.warn('closing forgotten shifts failed; the next run tries again', { reason: String(error) })
      return 0
    }
  }

  const retention: Retention = {
    apply() {
      // One run at a time: a timer firing during a slow run joins it.
      running ??= run().finally(() => {
        running = undefined
      })
      return running
    },
    schedule() {
      retention.stop()
      timer = setInterval(() => {
        retention.apply().catch((error: unknown) => config.warn('retention run failed; the next one tries again', { reason: String(error) }))
      }, RETENTION_INTERVAL_MS)
      timer.unref()
      shiftTimer = setInterval(() => void closeShifts(), AUTO_CLOSE_INTERVAL_MS)
      shiftTimer.unref()
    },
    stop() {
      if (timer !== undefined) clearInterval(timer)
      if (shiftTimer !== undefined) clearInterval(shiftTimer)
      timer = undefined
      shiftTimer = undefined
    }
  }
  return retention
}
