/**
 * The repository layer: the only code that queries the datastores. Services reach data
 * through these named queries, so encryption, transactions and a second database engine
 * plug in here and nowhere else.
 */
import type { ClockfaceStore } from '../store-types'
import type { ChangeFeedRepository } from './change-feed'
import { createAccountRepository, type AccountRepository } from './account-repository'
import { createAttendanceRepository, type AttendanceRepository } from './attendance-repository'
import { createAuditRepository, type AuditRepository } from './audit-repository'
import { createEmployeeRepository, type EmployeeRepository } from './employee-repository'
import { createKioskRepository, type KioskRepository } from './kiosk-repository'
import { createSettingsRepository, type SettingsRepository } from './settings-repository'
import { createApiKeyRepository, type ApiKeyRepository } from './api-key-repository'
import { createVisitorRepository, type VisitorRepository } from './visitor-repository'
import { createTemplateRepository, type TemplateRepository } from './template-repository'
import { createScheduleRepository, type ScheduleRepository } from './schedule-repository'
import { createPunchPhotoRepository, type PunchPhotoRepository } from './punch-photo-repository'

/** One repository per collection, plus the store's housekeeping the services may call. */
export interface Repositories {
  employees: EmployeeRepository
  templates: TemplateRepository
  attendance: AttendanceRepository
  audit: AuditRepository
  accounts: AccountRepository
  kiosks: KioskRepository
  /** Owner settings (privacy retention, idle minutes). */
  settings: SettingsRepository
  /** Integration API keys. */
  apiKeys: ApiKeyRepository
  /** The visitor gallery. */
  visitors: VisitorRepository
  /** Work schedules (kept in settings.db). */
  schedules: ScheduleRepository
  /** Snapshots kept with face punches. */
  punchPhotos: PunchPhotoRepository
  /** The change log syncing kiosks pull from: server mode (PostgreSQL) only. */
  changes?: ChangeFeedRepository
  /** Why writes are refused (damaged data loaded read-only), or null. */
  readOnlyReason(): string | null
}

/** Creates every repository over one opened store. */
export function createRepositories(store: ClockfaceStore): Repositories {
  return {
    employees: createEmployeeRepository(store),
    templates: createTemplateRepository(store),
    attendance: createAttendanceRepository(store),
    audit: createAuditRepository(store),
    accounts: createAccountRepository(store),
    kiosks: createKioskRepository(store),
    settings: createSettingsRepository(store),
    apiKeys: createApiKeyRepository(store),
    visitors: createVisitorRepository(store),
    schedules: createScheduleRepository(store),
    punchPhotos: createPunchPhotoRepository(store),
    readOnlyReason: () => store.readOnlyReason()
  }
}
