/** Conversions from stored documents to the DTOs of shared/models.ts. */
import type { AttendanceEvent, Employee, FaceTemplate } from '../../shared/models'
import type { AttendanceDoc, EmployeeDoc, TemplateDoc } from '../store/store-types'

/** An employee DTO from its document and its number of templates. */
export function toEmployee(doc: EmployeeDoc, templateCount: number): Employee {
  return {
    id: doc._id,
    code: doc.code,
    name: doc.name,
    department: doc.department,
    ...(doc.gender === undefined ? {} : { gender: doc.gender }),
    templateCount,
    hasPin: doc.pinHash !== undefined,
    ...(doc.consent === undefined ? {} : { consent: doc.consent }),
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt
  }
}

/** A template DTO (no descriptor; thumbnail as a data: URL). */
export function toTemplate(doc: Omit<TemplateDoc, 'descriptor'>, employeeCode: string): FaceTemplate {
  return {
    id: doc._id,
    employeeId: doc.employeeId,
    employeeCode,
    source: doc.source,
    thumbnail: `data:image/jpeg;base64,${doc.thumbnail}`,
    createdAt: doc.createdAt
  }
}

/** An attendance event DTO (the corrected view; optional fields only when set). */
export function toAttendanceEvent(doc: AttendanceDoc): AttendanceEvent {
  return {
    id: doc._id,
    employeeId: doc.employeeId,
    employeeCode: doc.employeeCode,
    employeeName: doc.employeeName,
    ...(doc.department === undefined ? {} : { department: doc.department }),
    type: doc.type,
    time: doc.time,
    distance: doc.distance,
    ...(doc.source === undefined ? {} : { source: doc.source }),
    kioskId: doc.kioskId,
    ...(doc.timeZone === undefined ? {} : { timeZone: doc.timeZone }),
    ...(doc.voided === undefined ? {} : { voided: doc.voided }),
    ...(doc.needsReview === undefined ? {} : { needsReview: doc.needsReview }),
    ...(doc.revisions === undefined || doc.revisions.length === 0 ? {} : { revisions: doc.revisions }),
    ...(doc.hasPhoto === undefined ? {} : { hasPhoto: doc.hasPhoto })
  }
}
