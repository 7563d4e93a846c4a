/** The admin's attendance log: punches by filters, one page at a time, and one punch in detail. */
import type { ValidatedRequest } from '../../../shared/contract'
import type { PunchDetail, PunchPage } from '../../../shared/attendance-models'
import { ClockfaceError } from '../../../shared/errors'
import type { AttendanceRepository, PunchFilter } from '../../store/repositories/attendance-repository'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import type { PunchPhotoRepository } from '../../store/repositories/punch-photo-repository'
import { toAttendanceEvent } from '../mappers'

/** Bounds of an open-ended search: before any punch and after any punch. */
const EVER = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' }

/**
 * searchAttendance: punches in the time range (default: all) matching the filters, newest first.
 * A department filter matches the employees in that department now and punches that recorded
 * it (people who moved or were deleted). Raises `invalid-input` when `from` is after `to`,
 * `store-error`.
 */
export async function searchAttendance(
  deps: { attendance: Pick<AttendanceRepository, 'between' | 'count'>; employees: Pick<EmployeeRepository, 'all'> },
  request: ValidatedRequest<'searchAttendance'>
): Promise<PunchPage> {
  const range = {
    from: request.from === undefined ? EVER.from : new Date(request.from).toISOString(),
    to: request.to === undefined ? EVER.to : new Date(request.to).toISOString()
  }
  if (range.from > range.to) throw new ClockfaceError('invalid-input', `"from" (${range.from}) is after "to" (${range.to}).`)
  const base: PunchFilter = {
    ...(request.type === undefined ? {} : { type: request.type }),
    ...(request.source === undefined ? {} : { source: request.source }),
    ...(request.flagged === undefined ? {} : { flagged: request.flagged }),
    includeVoided: request.includeVoided
  }
  if (request.department === undefined) {
    const filter: PunchFilter = { ...base, ...(request.code === undefined ? {} : { codes: [request.code] }) }
    const [docs, total] = await Promise.all([deps.attendance.between(range, filter, request.limit, request.offset), deps.attendance.count(range, filter)])
    return { items: docs.map(toAttendanceEvent), total }
  }
  // Department: the union of "employee in it now" and "punch recorded it"; merged in memory.
  const inDepartment = (await deps.employees.all()).filter((e) => e.department === request.department).map((e) => e.code)
  const codes = request.code === undefined ? inDepartment : inDepartment.filter((c) => c === request.code)
  const byCode = await deps.attendance.between(range, { ...base, codes }, request.offset + request.limit)
  const recorded = await deps.attendance.between(
    range,
    { ...base, department: request.department, ...(request.code === undefined ? {} : { codes: [request.code] }) },
    request.offset + request.limit
  )
  const merged = new Map([...byCode, ...recorded].map((doc) => [doc._id, doc]))
  const sorted = [...merged.values()].sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0))
  const total = await countUnion(deps.attendance, range, base, codes, request.department, request.code)
  return { items: sorted.slice(request.offset, request.offset + request.limit).map(toAttendanceEvent), total }
}

/** Size of the department union without loading it twice: people now in it, plus punches recorded there by people who are not. */
async function countUnion(
  attendance: Pick<AttendanceRepository, 'between' | 'count'>,
  range: { from: string; to: string },
  base: PunchFilter,
  codes: string[],
  department: string,
  code: string | undefined
): Promise<number> {
  const now = await attendance.count(range, { ...base, codes })
  const recorded = await attendance.between(range, { ...base, department, ...(code === undefined ? {} : { codes: [code] }) }, Number.MAX_SAFE_INTEGER)
  const inCodes = new Set(codes)
  return now + recorded.filter((doc) => !inCodes.has(doc.employeeCode)).length
}

/** getPunch: one punch with its snapshot as a data: URL (null when none is kept). Raises `not-found`, `store-error`. */
export async function getPunch(
  deps: { attendance: Pick<AttendanceRepository, 'byId'>; photos: Pick<PunchPhotoRepository, 'ofPunch'> },
  { punchId }: ValidatedRequest<'getPunch'>
): Promise<PunchDetail> {
  const doc = await deps.attendance.byId(punchId)
  if (!doc) throw new ClockfaceError('not-found', `No punch ${punchId}.`, { punchId })
  const photo = await deps.photos.ofPunch(punchId)
  return { ...toAttendanceEvent(doc), photo: photo ? `data:image/jpeg;base64,${photo.jpeg}` : null }
}
