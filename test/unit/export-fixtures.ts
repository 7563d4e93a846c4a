/**
 * A small, hand-built period for the export tests: punches and a timesheet with names and
 * departments a spreadsheet would run as formulas, non-ASCII names, a corrected, an added and a
 * voided punch, a punch without a zone, a night shift, an absence and a day off.
 */
import type { EmployeeTimesheet, Timesheet, TimesheetDay, TimesheetTotals } from '../../src/shared/attendance-models'
import type { AttendanceEvent } from '../../src/shared/models'

/** Zone for punches recorded without one (UTC-6 all year, unlike the kiosks' Europe/Madrid, UTC+1 in November). */
export const DEFAULT_ZONE = 'America/Mexico_City'
const MADRID = 'Europe/Madrid'

const FORMULA_NAME = '=HYPERLINK("http://x")'
const FORMULA_DEPARTMENT = '+SUM(A1)'

/** Punches in no particular order (the export sorts them). */
export const punches: AttendanceEvent[] = [
  {
    id: 'p1',
    employeeId: 'e10',
    employeeCode: 'E10',
    employeeName: FORMULA_NAME,
    department: FORMULA_DEPARTMENT,
    type: 'check-in',
    time: '2026-11-20T07:00:00.000Z',
    distance: 0.412345678,
    source: 'face',
    kioskId: 'front-desk',
    timeZone: MADRID
  },
  {
    id: 'p3',
    employeeId: 'e2',
    employeeCode: 'E2',
    employeeName: 'José Núñez',
    department: 'Cocina',
    type: 'check-out',
    time: '2026-11-20T15:45:00.000Z',
    distance: null,
    source: 'pin',
    kioskId: 'back-door'
  },
  {
    id: 'p2',
    employeeId: 'e2',
    employeeCode: 'E2',
    employeeName: 'José Núñez',
    department: 'Cocina',
    type: 'check-in',
    time: '2026-11-20T07:00:00.000Z',
    distance: 0.5,
    source: 'pin',
    kioskId: 'front-desk',
    timeZone: MADRID,
    revisions: [
      {
        at: '2026-11-20T08:12:00.000Z',
        by: 'alice',
        action: 'edit',
        reason: 'forgot to punch',
        before: { type: 'check-in', time: '2026-11-20T07:05:00.000Z', voided: false },
        after: { type: 'check-in', time: '2026-11-20T07:00:00.000Z', voided: false }
      }
    ]
  },
  {
    id: 'p4',
    employeeId: 'e1',
    employeeCode: 'E1',
    employeeName: '@Ann',
    department: '-Night',
    type: 'check-in',
    time: '2026-11-19T23:30:00.000Z',
    distance: 0.3,
    source: 'face',
    kioskId: 'front-desk',
    timeZone: MADRID,
    needsReview: true
  },
  {
    id: 'p5',
    employeeId: 'e3',
    employeeCode: 'E3',
    employeeName: '-Bob',
    type: 'check-out',
    time: '2026-11-20T16:00:00.000Z',
    distance: null,
    source: 'admin',
    kioskId: 'admin:alice',
    timeZone: MADRID,
    revisions: [
      {
        at: '2026-11-21T09:00:00.000Z',
        by: 'alice',
        action: 'add',
        reason: 'paper sheet',
        before: null,
        after: { type: 'check-out', time: '2026-11-20T16:00:00.000Z', voided: false }
      }
    ]
  },
  {
    id: 'p6',
    employeeId: 'e3',
    employeeCode: 'E3',
    employeeName: '-Bob',
    type: 'break-start',
    time: '2026-11-20T11:00:00.000Z',
    distance: 0.35,
    source: 'face',
    kioskId: 'front-desk',
    timeZone: MADRID,
    voided: true,
    revisions: [
      {
        at: '2026-11-22T10:00:00.000Z',
        by: 'bob',
        action: 'edit',
        reason: 'wrong type',
        before: { type: 'check-in', time: '2026-11-20T11:00:00.000Z', voided: false },
        after: { type: 'break-start', time: '2026-11-20T11:00:00.000Z', voided: false }
      },
      {
        at: '2026-11-22T10:05:00.000Z',
        by: 'bob',
        action: 'void',
        reason: 'double, "by mistake"\nsecond line',
        before: { type: 'break-start', time: '2026-11-20T11:00:00.000Z', voided: false },
        after: { type: 'break-start', time: '2026-11-20T11:00:00.000Z', voided: true }
      }
    ]
  }
]

function day(date: string, fields: Partial<TimesheetDay>): TimesheetDay {
  return {
    date,
    timeZone: MADRID,
    firstIn: null,
    lastOut: null,
    workedMinutes: 0,
    breakMinutes: 0,
    scheduledMinutes: 0,
    lateMinutes: 0,
    earlyLeaveMinutes: 0,
    overtimeMinutes: 0,
    flags: [],
    punchIds: [],
    ...fields
  }
}

function totals(label: string, fields: Partial<TimesheetTotals>): TimesheetTotals {
  return {
    label,
    workedMinutes: 0,
    breakMinutes: 0,
    scheduledMinutes: 0,
    lateMinutes: 0,
    earlyLeaveMinutes: 0,
    overtimeMinutes: 0,
    daysWorked: 0,
    absentDays: 0,
    flaggedDays: 0,
    ...fields
  }
}

const jose: EmployeeTimesheet = {
  employeeCode: 'E2',
  employeeName: 'José Núñez',
  department: 'Cocina',
  days: [
    // Listed out of order on purpose: the export sorts by date.
    day('2026-11-23', { scheduledMinutes: 480, flags: ['absent'] }),
    day('2026-11-20', {
      firstIn: '2026-11-20T07:00:00.000Z',
      lastOut: '2026-11-20T15:45:00.000Z',
      workedMinutes: 465,
      breakMinutes: 60,
      scheduledMinutes: 480,
      earlyLeaveMinutes: 15,
      flags: ['early-leave', 'corrected'],
      punchIds: ['p2', 'p3']
    }),
    // A day off with nothing on it: no row.
    day('2026-11-21', {})
  ],
  weeks: [],
  months: [],
  total: totals('total', { workedMinutes: 465, breakMinutes: 60, scheduledMinutes: 960, earlyLeaveMinutes: 15, daysWorked: 1, absentDays: 1 })
}

const formulaEmployee: EmployeeTimesheet = {
  employeeCode: 'E10',
  employeeName: FORMULA_NAME,
  department: FORMULA_DEPARTMENT,
  days: [
    // A night shift: in at 22:00, out at 07:20 the next morning (Madrid).
    day('2026-11-20', {
      firstIn: '2026-11-20T21:00:00.000Z',
      lastOut: '2026-11-21T06:20:00.000Z',
      workedMinutes: 500,
      overtimeMinutes: 500,
      flags: ['unscheduled', 'overtime'],
      punchIds: ['p7', 'p8']
    }),
    day('2026-11-22', { firstIn: '2026-11-22T08:00:00.000Z', lastOut: '2026-11-22T23:00:00.000Z', flags: ['missing-check-out'], punchIds: ['p9', 'p10'] })
  ],
  weeks: [],
  months: [],
  total: totals('total', { workedMinutes: 500, overtimeMinutes: 500, lateMinutes: 7, daysWorked: 2, flaggedDays: 1 })
}

/** The timesheet: employees listed out of code order on purpose. */
export const timesheet: Timesheet = {
  from: '2026-11-01',
  to: '2026-11-30',
  generatedAt: '2026-11-30T23:00:00.000Z',
  employees: [formulaEmployee, jose],
  departments: [
    { ...totals(FORMULA_DEPARTMENT, { workedMinutes: 500, overtimeMinutes: 500, lateMinutes: 7, daysWorked: 2, flaggedDays: 1 }), employeeCount: 1 },
    { ...totals('Cocina', { workedMinutes: 465, breakMinutes: 60, scheduledMinutes: 960, earlyLeaveMinutes: 15, daysWorked: 1, absentDays: 1 }), employeeCount: 1 }
  ],
  presence: []
}

/** Everything buildExport needs. */
export const exportData = { punches, timesheet, defaultTimeZone: DEFAULT_ZONE }

/** Header of the punch export in English, history columns included. */
export const PUNCH_HEADER_EN = [
  'Employee code',
  'Name',
  'Department',
  'Date',
  'Local time',
  'Time zone',
  'UTC time',
  'Type',
  'Source',
  'Kiosk',
  'Match distance',
  'Needs review',
  'Voided',
  'Corrected',
  'Original type',
  'Original time (local)',
  'Corrections'
]

/**
 * The punch rows as they should read back, history included: text raw (as XLSX stores it),
 * numbers as numbers, empty cells as null.
 */
export const PUNCH_ROWS: (string | number | null)[][] = [
  ['E1', '@Ann', '-Night', '2026-11-20', '00:30:00', MADRID, '2026-11-19T23:30:00.000Z', 'Check-in', 'Face', 'front-desk', 0.3, 'yes', 'no', 'no', null, null, null],
  [
    'E2',
    'José Núñez',
    'Cocina',
    '2026-11-20',
    '08:00:00',
    MADRID,
    '2026-11-20T07:00:00.000Z',
    'Check-in',
    'PIN',
    'front-desk',
    null,
    'no',
    'no',
    'yes',
    'Check-in',
    '2026-11-20 08:05:00',
    '2026-11-20 09:12 by alice: edit Check-in 08:05 → 08:00 "forgot to punch"'
  ],
  ['E2', 'José Núñez', 'Cocina', '2026-11-20', '09:45:00', DEFAULT_ZONE, '2026-11-20T15:45:00.000Z', 'Check-out', 'PIN', 'back-door', null, 'no', 'no', 'no', null, null, null],
  [
    'E3',
    '-Bob',
    null,
    '2026-11-20',
    '12:00:00',
    MADRID,
    '2026-11-20T11:00:00.000Z',
    'Break start',
    'Face',
    'front-desk',
    0.35,
    'no',
    'yes',
    'yes',
    'Check-in',
    '2026-11-20 12:00:00',
    '2026-11-22 11:00 by bob: edit Check-in 12:00 → Break start 12:00 "wrong type"; 2026-11-22 11:05 by bob: void Break start 12:00 "double, "by mistake"\nsecond line"'
  ],
  ['E3', '-Bob', null, '2026-11-20', '17:00:00', MADRID, '2026-11-20T16:00:00.000Z', 'Check-out', 'Admin', 'admin:alice', null, 'no', 'no', 'yes', null, null, '2026-11-21 10:00 by alice: add Check-out 17:00 "paper sheet"'],
  ['E10', FORMULA_NAME, FORMULA_DEPARTMENT, '2026-11-20', '08:00:00', MADRID, '2026-11-20T07:00:00.000Z', 'Check-in', 'Face', 'front-desk', 0.4123, 'no', 'no', 'no', null, null, null]
]

/** Header of the timesheet day rows in English. */
export const DAY_HEADER_EN = [
  'Employee code',
  'Name',
  'Department',
  'Date',
  'Weekday',
  'Time zone',
  'First in',
  'Last out',
  'Worked hours',
  'Worked (h:mm)',
  'Break (h:mm)',
  'Scheduled (h:mm)',
  'Late (minutes)',
  'Early leave (minutes)',
  'Overtime hours',
  'Overtime (h:mm)',
  'Flags'
]

/** The day rows as they should read back (XLSX view: raw text, numbers, null for empty). */
export const DAY_ROWS: (string | number | null)[][] = [
  ['E2', 'José Núñez', 'Cocina', '2026-11-20', 'Friday', MADRID, '08:00', '16:45', 7.75, '7:45', '1:00', '8:00', 0, 15, 0, '0:00', 'Early leave; Corrected'],
  ['E2', 'José Núñez', 'Cocina', '2026-11-23', 'Monday', MADRID, null, null, 0, '0:00', '0:00', '8:00', 0, 0, 0, '0:00', 'Absent'],
  ['E10', FORMULA_NAME, FORMULA_DEPARTMENT, '2026-11-20', 'Friday', MADRID, '22:00', '2026-11-21 07:20', 8.33, '8:20', '0:00', '0:00', 0, 0, 8.33, '8:20', 'Unscheduled; Overtime'],
  ['E10', FORMULA_NAME, FORMULA_DEPARTMENT, '2026-11-22', 'Sunday', MADRID, '09:00', '2026-11-23 00:00', 0, '0:00', '0:00', '0:00', 0, 0, 0, '0:00', 'Missing check-out']
]
