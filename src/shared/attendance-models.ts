/**
 * Shapes of the attendance domain beyond single punches (models.ts): work schedules,
 * timesheets, kiosk punch settings and export files. Zod schemas with their types derived,
 * like models.ts. Durations are whole minutes; local dates are `YYYY-MM-DD` in the time zone
 * of the shift's check-in; instants are ISO-8601 strings in UTC.
 */
import { z } from 'zod'
import { attendanceEventSchema, punchChoiceModeSchema } from './models'

const isoTime = z.string()
/** A calendar date, `YYYY-MM-DD`. */
const localDate = z.string()

/**
 * A work schedule. `scope` says whom it applies to: `default` everyone (target ''),
 * `department` the employees of department `target`, `employee` the employee whose code is
 * `target`; the most specific one wins. `start` and `end` are local wall-clock times `HH:mm`
 * in the zone of the kiosk (an `end` at or before `start` ends on the next day: a night
 * shift). `weekdays` are ISO weekdays (1 Monday … 7 Sunday) the schedule expects work on.
 * `graceMinutes`: a check-in up to this long after `start` (or a check-out this long before
 * `end`) is not late (early); `unpaidBreakMinutes`: break deducted from a scheduled day's
 * presence when the punched breaks are shorter.
 */
export const scheduleSchema = z.object({
  id: z.string(),
  scope: z.enum(['default', 'department', 'employee']),
  target: z.string(),
  start: z.string(),
  end: z.string(),
  weekdays: z.array(z.number().int()),
  graceMinutes: z.number().int(),
  unpaidBreakMinutes: z.number().int(),
  updatedAt: isoTime.optional(),
  updatedBy: z.string().optional()
})
/** See {@link scheduleSchema}. */
export type Schedule = z.infer<typeof scheduleSchema>

/**
 * What a timesheet day is flagged with: `missing-check-out` (the system closed the shift at the
 * auto-close limit; its time is not counted until an admin corrects it), `open` (the shift is
 * still running), `late`, `early-leave`, `overtime`, `absent` (a scheduled day with no punch),
 * `unscheduled` (work on a day the schedule has off), `corrected` (a punch of the day was
 * corrected by an admin), `break-open` (a break started and never ended: counted until the
 * check-out), `missing-check-in` (a check-out or break punch with no open shift before it:
 * nothing counted).
 */
export const dayFlagSchema = z.enum([
  'missing-check-out',
  'missing-check-in',
  'open',
  'late',
  'early-leave',
  'overtime',
  'absent',
  'unscheduled',
  'corrected',
  'break-open'
])
/** See {@link dayFlagSchema}. */
export type DayFlag = z.infer<typeof dayFlagSchema>

/**
 * One employee's day on a timesheet: the shifts that started on `date` (local to `timeZone`).
 * `firstIn`/`lastOut` UTC instants (null when none); `workedMinutes` = presence (sum of
 * check-in→check-out intervals) − `breakMinutes`; `breakMinutes` = the punched breaks, or the
 * schedule's unpaid break when that is longer; `scheduledMinutes` the schedule's expected work
 * (0 on a day off); `lateMinutes` from the scheduled start to the first check-in when past the
 * grace; `earlyLeaveMinutes` from the last check-out to the scheduled end when before the
 * grace; `overtimeMinutes` = worked − scheduled when positive.
 */
export const timesheetDaySchema = z.object({
  date: localDate,
  timeZone: z.string(),
  firstIn: isoTime.nullable(),
  lastOut: isoTime.nullable(),
  workedMinutes: z.number().int(),
  breakMinutes: z.number().int(),
  scheduledMinutes: z.number().int(),
  lateMinutes: z.number().int(),
  earlyLeaveMinutes: z.number().int(),
  overtimeMinutes: z.number().int(),
  flags: z.array(dayFlagSchema),
  /** Ids of the punches (corrected view, voided left out) that make up this day. */
  punchIds: z.array(z.string())
})
/** See {@link timesheetDaySchema}. */
export type TimesheetDay = z.infer<typeof timesheetDaySchema>

/**
 * Sums over some days: `label` names the span (`2026-W47` for an ISO week, `2026-11` for a
 * month, `total`, or a department name); minutes as in {@link timesheetDaySchema};
 * `daysWorked` days with any presence; `absentDays` scheduled days with none; `flaggedDays`
 * days carrying `missing-check-out`, `missing-check-in`, `open` or `break-open` (what payroll
 * should review).
 */
export const timesheetTotalsSchema = z.object({
  label: z.string(),
  workedMinutes: z.number().int(),
  breakMinutes: z.number().int(),
  scheduledMinutes: z.number().int(),
  lateMinutes: z.number().int(),
  earlyLeaveMinutes: z.number().int(),
  overtimeMinutes: z.number().int(),
  daysWorked: z.number().int(),
  absentDays: z.number().int(),
  flaggedDays: z.number().int()
})
/** See {@link timesheetTotalsSchema}. */
export type TimesheetTotals = z.infer<typeof timesheetTotalsSchema>

/** One employee's timesheet for the period: each day, ISO-week and month totals, the period total. */
export const employeeTimesheetSchema = z.object({
  employeeCode: z.string(),
  employeeName: z.string(),
  department: z.string(),
  days: z.array(timesheetDaySchema),
  weeks: z.array(timesheetTotalsSchema),
  months: z.array(timesheetTotalsSchema),
  total: timesheetTotalsSchema
})
/** See {@link employeeTimesheetSchema}. */
export type EmployeeTimesheet = z.infer<typeof employeeTimesheetSchema>

/** Department summary line: the totals of its employees (`label` is the department) and how many there are. */
export const departmentSummarySchema = timesheetTotalsSchema.extend({ employeeCount: z.number().int() })
/** See {@link departmentSummarySchema}. */
export type DepartmentSummary = z.infer<typeof departmentSummarySchema>

/** Daily presence for the chart: employees with presence that day, and employees scheduled. */
export const presenceDaySchema = z.object({ date: localDate, present: z.number().int(), scheduled: z.number().int() })
/** See {@link presenceDaySchema}. */
export type PresenceDay = z.infer<typeof presenceDaySchema>

/**
 * Timesheets for the local dates `from`..`to` (inclusive): one per employee (those with punches
 * in the period and those a schedule expected), department summaries, and daily presence.
 */
export const timesheetSchema = z.object({
  from: localDate,
  to: localDate,
  generatedAt: isoTime,
  employees: z.array(employeeTimesheetSchema),
  departments: z.array(departmentSummarySchema),
  presence: z.array(presenceDaySchema)
})
/** See {@link timesheetSchema}. */
export type Timesheet = z.infer<typeof timesheetSchema>

/** Languages the screens are shipped in. */
export const languageSchema = z.enum(['en', 'es'])
/** See {@link languageSchema}. */
export type Language = z.infer<typeof languageSchema>

/**
 * What a kiosk screen needs to know about itself: its id, its IANA `timeZone`, how it picks
 * the punch type, whether it runs in verify mode (employee code first, then 1:1 face check
 * against that person), the screen language, and after how many unrecognised attempts it
 * offers the PIN.
 */
export const kioskConfigSchema = z.object({
  kioskId: z.string(),
  timeZone: z.string(),
  punchChoice: punchChoiceModeSchema,
  verifyMode: z.boolean(),
  language: languageSchema,
  pinAfterTries: z.number().int()
})
/** See {@link kioskConfigSchema}. */
export type KioskConfig = z.infer<typeof kioskConfigSchema>

/** One page of punches (searchAttendance): the items and how many match in all. */
export const punchPageSchema = z.object({ items: z.array(attendanceEventSchema), total: z.number().int() })
/** See {@link punchPageSchema}. */
export type PunchPage = z.infer<typeof punchPageSchema>

/** A punch with its snapshot (a JPEG data: URL) when one is kept. */
export const punchDetailSchema = attendanceEventSchema.extend({ photo: z.string().nullable() })
/** See {@link punchDetailSchema}. */
export type PunchDetail = z.infer<typeof punchDetailSchema>

/** An export file: its suggested name, MIME type and bytes as base64. */
export const exportFileSchema = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), rows: z.number().int() })
/** See {@link exportFileSchema}. */
export type ExportFile = z.infer<typeof exportFileSchema>
