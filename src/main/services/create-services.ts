import type { PixelImage } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { DetectedFace } from '../../shared/models'
import type { OperationHandlers } from '../dispatch/dispatch'
import type { FaceEngine } from '../engine/engine-types'
import type { Repositories } from '../store/repositories'
import { createAttendanceService, type AttendanceService } from './attendance/attendance-service'
import { createCorrections } from './attendance/corrections'
import { createKioskSettings } from './attendance/kiosk-settings'
import { createPunchOffers } from './attendance/punch-offers'
import { keepPunchPhoto, punchSnapshot } from './attendance/punch-photos'
import { getPunch, searchAttendance } from './attendance/punch-search'
import { importPunches } from './attendance/punch-import'
import { createScheduleService } from './attendance/schedules'
import { createTimesheetService } from './attendance/timesheet-service'
import { createAuditLog, type AuditLog } from './audit-log'
import type { AuthService } from './auth/auth-service'
import { noDataHealth, type DataHealthHandlers } from './data-health'
import { createEmployeeService } from './employees'
import { createEnrolment } from './enrolment'
import { createGallery } from './gallery'
import { recognitionReport } from './decision/recognition-report'
import { createTemplateMigration } from './decision/template-migration'
import { createIdentifier, type DecisionSettings } from './identification'
import { createMatchConfirmation } from './match-confirmation'
import { createTrackIdentities } from './track-identities'
import { exportPersonData } from './privacy/person-export'
import { createPinPunch } from './privacy/pin-punch'
import { createSettingsService, type SettingsService } from './privacy/settings'
import { detectFaces, recogniseFrame } from './recognition'
import { createAttackLog } from './liveness/attack-log'
import { createLivenessGate } from './liveness/liveness-gate'
import { resolveServiceConfig, type ServiceConfig } from './service-config'
import { verifyFace } from './verification'
import { analyseFaces } from './api/analyse-faces'
import { createApiKeyService } from './api/api-keys'
import { faceLogin } from './api/face-login'
import { getHealth } from './api/health'
import { identifyFaces } from './api/identify-faces'
import { punchFromApi } from './api/punch-from-api'
import { createSigningKeys } from './api/signing-key'
import { createVisitorService, type VisitorService } from './api/visitors'
import { createSyncPush } from './sync/sync-push'
import { syncPull } from './sync/sync-pull'
import type { Gallery } from './gallery'

/** What the desktop shell offers the services; absent in browser mode and the CLI. */
export interface ShellHooks {
  /** Leaves fullscreen kiosk mode and quits the app (after the response has gone back). */
  exitKiosk(): void
}

/** What {@link createServices} needs. */
export interface ServicesOptions {
  /** The repositories over the opened data folder. */
  repos: Repositories
  /** The recognition engine (see createEngine); its models may still be loading. */
  engine: FaceEngine
  /** Admin accounts, sessions and kiosk registrations. */
  auth: AuthService
  /** Overrides of the defaults in service-config.ts. */
  config?: Partial<ServiceConfig>
  /** The audit log `listAuditLog` reads (default: one over `repos.audit`); the audit middleware writes it. */
  auditLog?: AuditLog
  /** The desktop shell's hooks (exitKiosk). */
  shell?: ShellHooks
  /** The owner settings getSettings/updateSettings serve (default: one over `repos.settings`). */
  settings?: SettingsService
  /** getDataHealth, repairDataFile, createBackup over the open store (createDataHealthHandlers in data-health.ts). */
  dataHealth?: DataHealthHandlers
  /** The visitor gallery (default: one over `repos.visitors`); the retention job purges the same one. */
  visitors?: VisitorService
  /** The attendance service (default: one over `repos.attendance`); the retention job closes forgotten shifts through the same one, so both share its queue. */
  attendance?: AttendanceService
  /** The employees' in-memory gallery (default: one over `repos.templates`); a syncing kiosk passes its own to update it after each pull. */
  gallery?: Gallery
}

/**
 * Wires repositories, engine and gallery into one handler per contract operation. Handlers
 * take validated requests and the call context (see dispatch/dispatch.ts) and raise
 * ClockfaceError on failure; the gallery of descriptors is read from the store on first use
 * and kept in memory after. Throws a RangeError for an out-of-range config (see resolveServiceConfig).
 */
export function createServices({
  repos,
  engine,
  auth,
  config: overrides,
  auditLog,
  shell,
  settings: givenSettings,
  dataHealth = noDataHealth,
  visitors: givenVisitors,
  attendance: givenAttendance,
  gallery: givenGallery
}: ServicesOptions): OperationHandlers {
  const fixedConfig = resolveServiceConfig(overrides)
  const settings = givenSettings ?? createSettingsService(repos.settings, fixedConfig)
  // The decision settings an owner may change override the service config's, read at each use.
  const decision = (): DecisionSettings => {
    const current = settings.current()
    return { threshold: current.matchThreshold ?? fixedConfig.threshold, targetFpir: current.targetFpir, ambiguityMargin: current.ambiguityMargin }
  }
  const config = {
    ...fixedConfig,
    get threshold(): number {
      return decision().threshold
    },
    decision
  }
  const audit = auditLog ?? createAuditLog(repos.audit, config)
  const gallery = givenGallery ?? createGallery(repos.templates)
  const enrolment = createEnrolment({ repos, engine, gallery, config })
  const employees = createEmployeeService({ repos, gallery, enrolment, config })
  const identifier = createIdentifier(repos.employees, gallery, config)
  const migration = createTemplateMigration({ templates: repos.templates, engine, gallery, config })
  void migration.run()
  const attendance = givenAttendance ?? createAttendanceService(repos.attendance, config, { autoCloseHours: () => settings.current().autoCloseHours })
  const confirmation = createMatchConfirmation(config.confirmFrames, config.confirmWindowMs)
  const apiKeys = createApiKeyService(repos.apiKeys, config)
  const kiosks = createKioskSettings({ kiosks: repos.kiosks, settings: () => settings.current(), config })
  const offers = createPunchOffers()
  const corrections = createCorrections({ attendance: repos.attendance, employees: repos.employees, config })
  const schedules = createScheduleService({ schedules: repos.schedules, employees: repos.employees, config })
  const timesheets = createTimesheetService({ attendance: repos.attendance, employees: repos.employees, schedules, settings: () => settings.current(), config })
  const recognition = {
    engine,
    identifier,
    attendance,
    confirmation,
    kiosks,
    offers,
    config,
    liveness: createLivenessGate({ log: createAttackLog({ audit, photos: repos.punchPhotos, config }) }),
    tracks: createTrackIdentities(),
    async verify(code: string, descriptor: ArrayLike<number>) {
      const employee = await repos.employees.byCode(code)
      const distance = employee ? await gallery.distanceTo(employee._id, descriptor) : null
      if (!employee || distance === null || distance >= config.threshold) return null
      return { employeeId: employee._id, code: employee.code, name: employee.name, department: employee.department, distance, threshold: config.threshold }
    },
    photos: {
      enabled: () => settings.current().punchPhotos,
      async keep(punchId: string, time: string, frame: PixelImage, face: DetectedFace) {
        try {
          await keepPunchPhoto(repos.punchPhotos, punchId, time, await punchSnapshot(frame, face.box))
          await repos.attendance.markPhoto(punchId)
        } catch (error) {
          // A snapshot is a convenience for the admin: the punch itself stands without it.
          config.warn('could not keep the punch snapshot', { punchId, reason: error instanceof Error ? error.message : String(error) })
        }
      }
    }
  }
  const kioskPush = createSyncPush({ repos, config, autoCloseHours: () => settings.current().autoCloseHours })
  const pinPunch = createPinPunch({ employees: repos.employees, attendance, kiosks, config })
  const visitors = givenVisitors ?? createVisitorService({ visitors: repos.visitors, config })
  const signingKeys = createSigningKeys({ settings: repos.settings, config })

  return {
    getEngineStatus: async () => engine.status(),
    getSession: (req, ctx) => auth.getSession(req, ctx),
    setupOwner: (req, ctx) => auth.setupOwner(req, ctx),
    login: (req, ctx) => auth.login(req, ctx),
    logout: (req, ctx) => auth.logout(req, ctx),
    listAccounts: () => auth.listAccounts(),
    createAccount: (req) => auth.createAccount(req),
    deleteAccount: (req) => auth.deleteAccount(req),
    changePassword: (req, ctx) => auth.changePassword(req, ctx),
    resetPassword: (req) => auth.resetPassword(req),
    registerKiosk: (req, ctx) => auth.registerKiosk(req, ctx),
    listKiosks: () => auth.listKiosks(),
    revokeKiosk: (req) => auth.revokeKiosk(req),
    issueKioskKey: (req, ctx) => auth.issueKioskKey(req, ctx),
    syncPush: (req, ctx) => kioskPush.push(req, ctx),
    syncPull: (req, ctx) => syncPull(repos.changes, req, ctx),
    async exitKiosk() {
      if (!shell) throw new ClockfaceError('forbidden', 'Only the desktop app has a kiosk mode to leave.')
      // After the answer has gone back, so the admin sees it was accepted.
      setTimeout(() => shell.exitKiosk(), 100)
      return { exiting: true }
    },
    listEmployees: (req) => employees.list(req),
    getEmployee: (req) => employees.get(req),
    createEmployee: (req, ctx) => employees.create(req, ctx),
    async updateEmployee(req) {
      const employee = await employees.update(req)
      if (req.changes.pin !== undefined) pinPunch.reset(employee.code)
      return employee
    },
    deleteEmployee: (req) => employees.remove(req),
    enrolFace: (req, ctx) => enrolment.enrol(req, ctx),
    listTemplates: (req) => enrolment.list(req),
    deleteTemplate: (req) => enrolment.remove(req),
    detectFaces: (req) => detectFaces(recognition, req),
    identifyFaces: (req, ctx) => identifyFaces({ engine, identifier, visitors }, req, ctx),
    verifyFace: (req) => verifyFace({ employees: repos.employees, engine, gallery, config }, req),
    recogniseFrame: (req, ctx) => recogniseFrame(recognition, req, ctx),
    listRecentPunches: async (req, ctx) => attendance.recentAtKiosk(await kiosks.station(ctx), req.limit),
    listAttendance: (req) => attendance.list(req),
    listAuditLog: (req) => audit.list(req),
    punchWithPin: (req, ctx) => pinPunch.punch(req, ctx),
    getSettings: () => settings.get(),
    updateSettings: (req, ctx) => settings.update(req, ctx),
    exportPersonData: (req, ctx) => exportPersonData({ repos, config }, req, ctx),
    getDataHealth: (req, ctx) => dataHealth.getDataHealth(req, ctx),
    getRecognitionReport: async () => recognitionReport(decision(), fixedConfig.threshold, await gallery.persons(), migration.status()),
    repairDataFile: (req, ctx) => dataHealth.repairDataFile(req, ctx),
    createBackup: (req, ctx) => dataHealth.createBackup(req, ctx),
    getHealth: () => getHealth({ engine, repos }),
    createApiKey: (req, ctx) => apiKeys.create(req, ctx),
    listApiKeys: () => apiKeys.list(),
    revokeApiKey: (req) => apiKeys.revoke(req),
    faceLogin: (req) => faceLogin({ engine, employees: repos.employees, gallery, identifier, keys: signingKeys, config }, req),
    getJwks: () => signingKeys.jwks(),
    punchFromApi: (req, ctx) => punchFromApi({ engine, identifier, attendance, pinPunch, kiosks }, req, ctx),
    analyseFaces: (req) => analyseFaces({ engine, settings: () => settings.get() }, req),
    listVisitors: (req) => visitors.list(req),
    deleteVisitor: (req) => visitors.remove(req),
    purgeVisitors: (req) => visitors.purge(req),
    getKioskConfig: (_req, ctx) => kiosks.config(ctx),
    updateKiosk: (req) => kiosks.update(req),
    async choosePunch({ token, type }, ctx) {
      const station = await kiosks.station(ctx)
      const offer = offers.take(token, station.kioskId, config.now().getTime())
      if (!offer) throw new ClockfaceError('not-found', 'The choice has expired: look at the camera again.')
      return attendance.punch(offer.subject, offer.station, { type })
    },
    searchAttendance: (req) => searchAttendance({ attendance: repos.attendance, employees: repos.employees }, req),
    getPunch: (req) => getPunch({ attendance: repos.attendance, photos: repos.punchPhotos }, req),
    addPunch: (req, ctx) => corrections.add(req, ctx),
    editPunch: (req, ctx) => corrections.edit(req, ctx),
    voidPunch: (req, ctx) => corrections.void(req, ctx),
    importPunches: (req) => importPunches({ attendance: repos.attendance, employees: repos.employees, config }, req),
    listSchedules: () => schedules.list(),
    saveSchedule: (req, ctx) => schedules.save(req, ctx),
    deleteSchedule: (req) => schedules.remove(req),
    getTimesheet: (req) => timesheets.timesheet(req),
    exportAttendance: (req) => timesheets.export(req)
  }
}
