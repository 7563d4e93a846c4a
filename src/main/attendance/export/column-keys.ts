/**
 * The columns of each export table, in order. The order is the same in every language (only
 * the header labels change, see export-labels.ts), so a program reading a file can rely on
 * positions; new columns go at the end.
 */

/** Punch export columns; the last four only with the correction history. */
export const PUNCH_KEYS = ['employeeCode', 'employeeName', 'department', 'date', 'time', 'timeZone', 'utcTime', 'type', 'source', 'kioskId', 'distance', 'needsReview', 'voided'] as const
/** Extra punch columns written when the export asks for the correction history. */
export const PUNCH_HISTORY_KEYS = ['corrected', 'originalType', 'originalTime', 'corrections'] as const
/** Timesheet columns, one row per employee and day (CSV, and the XLSX "Days" sheet). */
export const DAY_KEYS = [
  'employeeCode',
  'employeeName',
  'department',
  'date',
  'weekday',
  'timeZone',
  'firstIn',
  'lastOut',
  'workedHours',
  'worked',
  'break',
  'scheduled',
  'lateMinutes',
  'earlyLeaveMinutes',
  'overtimeHours',
  'overtime',
  'flags'
] as const
/** Columns shared by the period totals of an employee and of a department, after the ones naming who. */
const TOTAL_KEYS = [
  'workedHours',
  'worked',
  'break',
  'scheduledHours',
  'scheduled',
  'lateMinutes',
  'earlyLeaveMinutes',
  'overtimeHours',
  'overtime',
  'daysWorked',
  'absentDays',
  'flaggedDays'
] as const
/** XLSX "Totals" sheet: one row per employee with the period total. */
export const EMPLOYEE_TOTAL_KEYS = ['employeeCode', 'employeeName', 'department', ...TOTAL_KEYS] as const
/** XLSX "Departments" sheet: one row per department with the totals of its employees. */
export const DEPARTMENT_TOTAL_KEYS = ['department', 'employeeCount', ...TOTAL_KEYS] as const

/** A punch column. */
export type PunchKey = (typeof PUNCH_KEYS)[number] | (typeof PUNCH_HISTORY_KEYS)[number]
/** A timesheet day column. */
export type DayKey = (typeof DAY_KEYS)[number]
/** A column of the employee or department totals. */
export type TotalKey = (typeof EMPLOYEE_TOTAL_KEYS)[number] | (typeof DEPARTMENT_TOTAL_KEYS)[number]
/** Any export column. */
export type ColumnKey = PunchKey | DayKey | TotalKey
