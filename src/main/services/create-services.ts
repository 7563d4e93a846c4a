import type { OperationHandlers } from '../../shared/contract'
import type { FaceEngine } from '../engine/engine-types'
import type { ClockfaceStore } from '../store/store-types'
import { createAttendanceService } from './attendance'
import { createAuditLog, type AuditLog } from './audit-log'
import { createEmployeeService } from './employees'
import { createEnrolment } from './enrolment'
import { createGallery } from './gallery'
import { createIdentifier } from './identification'
import { createMatchConfirmation } from './match-confirmation'
import { detectFaces, identifyFaces, recogniseFrame } from './recognition'
import { resolveServiceConfig, type ServiceConfig } from './service-config'
import { verifyFace } from './verification'

/** What {@link createServices} needs. */
export interface ServicesOptions {
  /** The opened data folder (see openStore). */
  store: ClockfaceStore
  /** The recognition engine (see createEngine); its models may still be loading. */
  engine: FaceEngine
  /** Overrides of the defaults in service-config.ts. */
  config?: Partial<ServiceConfig>
  /**
   * The audit log `listAuditLog` reads (default: one over `store`). startClockface passes the
   * one its audit hook writes to (see audit.ts); these handlers themselves write no entries.
   */
  auditLog?: AuditLog
}

/**
 * Wires store, engine and gallery into one handler per contract operation. Handlers take
 * validated requests (see shared/dispatch.ts) and raise ClockfaceError on failure; the
 * gallery of descriptors is read from the store on first use and kept in memory after.
 * Throws a RangeError for an out-of-range config (see resolveServiceConfig).
 */
export function createServices({ store, engine, config: overrides, auditLog }: ServicesOptions): OperationHandlers {
  const config = resolveServiceConfig(overrides)
  const audit = auditLog ?? createAuditLog(store, config)
  const gallery = createGallery(store)
  const enrolment = createEnrolment({ store, engine, gallery, config })
  const employees = createEmployeeService({ store, gallery, enrolment, config })
  const identifier = createIdentifier(store, gallery, config)
  const attendance = createAttendanceService(store, config)
  const confirmation = createMatchConfirmation(config.confirmFrames, config.confirmWindowMs)
  const recognition = { engine, identifier, attendance, confirmation, config }

  return {
    getEngineStatus: async () => engine.status(),
    listEmployees: (req) => employees.list(req),
    getEmployee: (req) => employees.get(req),
    createEmployee: (req) => employees.create(req),
    updateEmployee: (req) => employees.update(req),
    deleteEmployee: (req) => employees.remove(req),
    enrolFace: (req) => enrolment.enrol(req),
    listTemplates: (req) => enrolment.list(req),
    deleteTemplate: (req) => enrolment.remove(req),
    detectFaces: (req) => detectFaces(recognition, req),
    identifyFaces: (req) => identifyFaces(recognition, req),
    verifyFace: (req) => verifyFace({ store, engine, gallery, config }, req),
    recogniseFrame: (req) => recogniseFrame(recognition, req),
    listAttendance: (req) => attendance.list(req),
    listAuditLog: (req) => audit.list(req)
  }
}
