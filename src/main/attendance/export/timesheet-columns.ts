/**
 * The timesheet export: the days of each employee, the employees' period totals and the
 * department summary, as tables (see column-keys.ts for the columns). Durations are written
 * twice, as decimal hours (a number) and as `h:mm` text; minutes of late and early leave as
 * whole numbers.
 */
import type { DepartmentSummary, EmployeeTimesheet, Timesheet, TimesheetDay, TimesheetTotals } from '../../../shared/attendance-models'
import { DAY_KEYS, DEPARTMENT_TOTAL_KEYS, EMPLOYEE_TOTAL_KEYS, type TotalKey } from './column-keys'
import { decimalHours, hoursMinutes } from './duration-format'
import type { ExportLabels } from './export-labels'
import { buildTable, type ExportCell, type ExportTable } from './export-table'
import { inZone, isoWeekday, zoneOrDefault } from './local-time'
import { codeOrder } from './punch-columns'

/** Separator between the flags of one day. */
export const FLAG_SEPARATOR = '; '

/** The three tables of a timesheet export. */
export interface TimesheetTables {
  /** One row per employee and day worth a payroll line (see {@link isReportedDay}). */
  days: ExportTable
  /** One row per employee: the period total. */
  totals: ExportTable
  /** One row per department: the totals of its employees. */
  departments: ExportTable
}

/**
 * Whether a day gets a row: it has presence (a check-in, worked time or punches), is an
 * absence, or carries any flag. Days off with nothing on them are left out so payroll files
 * stay short.
 */
export function isReportedDay(day: TimesheetDay): boolean {
  return day.firstIn !== null || day.lastOut !== null || day.workedMinutes > 0 || day.punchIds.length > 0 || day.flags.length > 0
}

/** A day's first check-in or last check-out: `HH:mm` local to `zone`, with the date in front when it falls on another day (a night shift); '' when none. */
function clockText(instant: string | null, zone: string, date: string): string {
  if (instant === null) return ''
  const local = inZone(instant, zone)
  return local.toFormat('yyyy-MM-dd') === date ? local.toFormat('HH:mm') : local.toFormat('yyyy-MM-dd HH:mm')
}

/** The minutes a day and a period total both carry. */
type Minutes = Pick<TimesheetTotals, 'workedMinutes' | 'breakMinutes' | 'scheduledMinutes' | 'lateMinutes' | 'earlyLeaveMinutes' | 'overtimeMinutes'>
/** The columns written from those minutes, the same way for days and totals. */
const MINUTE_KEYS = ['workedHours', 'worked', 'break', 'scheduledHours', 'scheduled', 'lateMinutes', 'earlyLeaveMinutes', 'overtimeHours', 'overtime'] as const
type MinuteKey = (typeof MINUTE_KEYS)[number]

function isMinuteKey(key: string): key is MinuteKey {
  return (MINUTE_KEYS as readonly string[]).includes(key)
}

/** The cell of a minutes column: durations as decimal hours or `h:mm`, late and early leave as whole minutes. */
function minuteCell(minutes: Minutes, key: MinuteKey): ExportCell {
  switch (key) {
    case 'workedHours':
      return decimalHours(minutes.workedMinutes)
    case 'worked':
      return hoursMinutes(minutes.workedMinutes)
    case 'break':
      return hoursMinutes(minutes.breakMinutes)
    case 'scheduledHours':
      return decimalHours(minutes.scheduledMinutes)
    case 'scheduled':
      return hoursMinutes(minutes.scheduledMinutes)
    case 'lateMinutes':
      return minutes.lateMinutes
    case 'earlyLeaveMinutes':
      return minutes.earlyLeaveMinutes
    case 'overtimeHours':
      return decimalHours(minutes.overtimeMinutes)
    case 'overtime':
      return hoursMinutes(minutes.overtimeMinutes)
  }
}

/** The cell of a totals column (shared by employees and departments); who the row is about is filled by the caller. */
function totalCell(totals: TimesheetTotals, key: TotalKey): ExportCell {
  if (isMinuteKey(key)) return minuteCell(totals, key)
  switch (key) {
    case 'daysWorked':
      return totals.daysWorked
    case 'absentDays':
      return totals.absentDays
    case 'flaggedDays':
      return totals.flaggedDays
    default:
      return null
  }
}

/**
 * The timesheet as tables. Employees are ordered by code (numeric-aware), days by date,
 * departments by name. Day cells: date, translated weekday, the day's zone, first in and last
 * out local (`HH:mm`, see clockText), worked as decimal hours and `h:mm`, break and scheduled
 * as `h:mm`, late and early-leave minutes, overtime as decimal hours and `h:mm`, translated
 * flags joined with {@link FLAG_SEPARATOR}. `defaultTimeZone` stands in for a day whose zone is
 * not a valid IANA zone. Raises RangeError for an unreadable date or time.
 */
export function timesheetTables(timesheet: Timesheet, labels: ExportLabels, defaultTimeZone: string): TimesheetTables {
  const employees = [...timesheet.employees].sort((a, b) => codeOrder(a.employeeCode, b.employeeCode))
  const dayRows = employees.flatMap((employee) =>
    [...employee.days]
      .sort((a, b) => a.date.localeCompare(b.date))
      .filter(isReportedDay)
      .map((day) => ({ employee, day }))
  )
  const days = buildTable(labels.sheets.days, DAY_KEYS, labels.columns, dayRows, ({ employee, day }, key): ExportCell => {
    if (isMinuteKey(key)) return minuteCell(day, key)
    const zone = zoneOrDefault(day.timeZone, defaultTimeZone)
    switch (key) {
      case 'employeeCode':
        return employee.employeeCode
      case 'employeeName':
        return employee.employeeName
      case 'department':
        return employee.department
      case 'date':
        return day.date
      case 'weekday':
        return labels.weekdays[isoWeekday(day.date) - 1] ?? ''
      case 'timeZone':
        return zone
      case 'firstIn':
        return clockText(day.firstIn, zone, day.date)
      case 'lastOut':
        return clockText(day.lastOut, zone, day.date)
      case 'flags':
        return day.flags.map((flag) => labels.flag[flag] ?? flag).join(FLAG_SEPARATOR)
    }
  })
  const totals = buildTable(labels.sheets.totals, EMPLOYEE_TOTAL_KEYS, labels.columns, employees, (employee: EmployeeTimesheet, key) => {
    if (key === 'employeeCode') return employee.employeeCode
    if (key === 'employeeName') return employee.employeeName
    if (key === 'department') return employee.department
    return totalCell(employee.total, key)
  })
  const departmentRows = [...timesheet.departments].sort((a, b) => a.label.localeCompare(b.label))
  const departments = buildTable(labels.sheets.departments, DEPARTMENT_TOTAL_KEYS, labels.columns, departmentRows, (summary: DepartmentSummary, key) => {
    if (key === 'department') return summary.label
    if (key === 'employeeCount') return summary.employeeCount
    return totalCell(summary, key)
  })
  return { days, totals, departments }
}
