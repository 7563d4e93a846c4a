/**
 * The repository layer of server mode: every repository of store/repositories implemented on
 * PostgreSQL, behind the same interfaces, so the services run unchanged on either store.
 */
import type { Repositories } from '../repositories'
import { createPgChangeFeed } from './pg-change-feed'
import type { PgDb } from './pg-database'
import { createPgAccountRepository } from './repositories/pg-account-repository'
import { createPgApiKeyRepository } from './repositories/pg-api-key-repository'
import { createPgAttendanceRepository } from './repositories/pg-attendance-repository'
import { createPgAuditRepository } from './repositories/pg-audit-repository'
import { createPgEmployeeRepository } from './repositories/pg-employee-repository'
import { createPgKioskRepository } from './repositories/pg-kiosk-repository'
import { createPgPunchPhotoRepository } from './repositories/pg-punch-photo-repository'
import { createPgScheduleRepository } from './repositories/pg-schedule-repository'
import { createPgSettingsRepository } from './repositories/pg-settings-repository'
import { createPgTemplateRepository } from './repositories/pg-template-repository'
import { createPgVisitorRepository } from './repositories/pg-visitor-repository'

/** Creates every repository over one PostgreSQL database (schema migrated; see migrate.ts). Never read-only: PostgreSQL guards its own files. */
export function createPgRepositories(db: PgDb): Repositories {
  return {
    employees: createPgEmployeeRepository(db),
    templates: createPgTemplateRepository(db),
    attendance: createPgAttendanceRepository(db),
    audit: createPgAuditRepository(db),
    accounts: createPgAccountRepository(db),
    kiosks: createPgKioskRepository(db),
    settings: createPgSettingsRepository(db),
    apiKeys: createPgApiKeyRepository(db),
    visitors: createPgVisitorRepository(db),
    schedules: createPgScheduleRepository(db),
    punchPhotos: createPgPunchPhotoRepository(db),
    changes: createPgChangeFeed(db),
    readOnlyReason: () => null
  }
}
