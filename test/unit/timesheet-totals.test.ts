// A machine zone far from the zones tested (UTC+08:45), so any hidden use of local time shows.
process.env.TZ = 'Australia/Eucla'

import { describe, expect, it } from 'vitest'
import { timesheetSchema, type Schedule, type Timesheet, type TimesheetDay, type TimesheetTotals } from '../../src/shared/attendance-models'
import { ClockfaceError } from '../../src/shared/errors'
import type { AttendanceEvent, PunchType } from '../../src/shared/models'
import { buildTimesheet, type TimesheetInput } from '../../src/main/attendance/timesheet/build-timesheet'
import { alice, punchOf, scheduleOf, type Person } from './timesheet-fixtures'

/** Europe/Berlin in late 2026 is UTC+01:00: local 09:00 is 08:00Z. */
const ZONE = 'Europe/Berlin'

const eve: Person = { code: 'E5', name: 'Eve', department: '' }
const bob: Person = { code: 'E2', name: 'Bob', department: 'Desk' }
const carol: Person = { code: 'E3', name: 'Carol', department: 'Ops' }
/** Deleted: only in punches. */
const dave: Person = { code: 'E9', name: 'Dave', department: 'Ops' }
/** Deleted, with a punch only in the margin before the period. */
const frank: Person = { code: 'E8', name: 'Frank', department: 'Ops' }

const punch = (who: Person, type: PunchType, time: string, extra: Partial<AttendanceEvent> = {}): AttendanceEvent => punchOf(who, type, time, ZONE, extra)

/** Monday to Friday 09:00–17:00, no grace, 30 minutes unpaid: 450 minutes expected. */
const officeHours: Schedule = scheduleOf({ start: '09:00', end: '17:00', unpaidBreakMinutes: 30 })

/** Saturday 28 November to Wednesday 2 December 2026: two ISO weeks (W48, W49) and two months. */
const punches: AttendanceEvent[] = [
  // Alice: Saturday 10:00–12:00 (a day off), Monday 09:10–17:00 (late), Tuesday absent, Wednesday 09:00–18:00.
  punch(alice, 'check-in', '2026-11-28T09:00:00.000Z'),
  punch(alice, 'check-out', '2026-11-28T11:00:00.000Z'),
  punch(alice, 'check-in', '2026-11-30T08:10:00.000Z'),
  punch(alice, 'check-out', '2026-11-30T16:00:00.000Z'),
  punch(alice, 'check-in', '2026-12-02T08:00:00.000Z'),
  punch(alice, 'check-out', '2026-12-02T17:00:00.000Z'),
  // Bob: Monday 09:00–17:00, Tuesday 09:00–16:00 (early), Wednesday absent.
  punch(bob, 'check-out', '2026-11-30T16:00:00.000Z'),
  punch(bob, 'check-in', '2026-11-30T08:00:00.000Z'),
  punch(bob, 'check-in', '2026-12-01T08:00:00.000Z'),
  punch(bob, 'check-out', '2026-12-01T15:00:00.000Z'),
  // Carol: Monday check-in closed by the system 16 hours later; Tuesday and Wednesday absent.
  punch(carol, 'check-in', '2026-11-30T08:00:00.000Z'),
  punch(carol, 'check-out', '2026-12-01T00:00:00.000Z', { source: 'system', kioskId: 'system', needsReview: true }),
  // Dave (deleted): Tuesday 09:00–17:00.
  punch(dave, 'check-in', '2026-12-01T08:00:00.000Z'),
  punch(dave, 'check-out', '2026-12-01T16:00:00.000Z'),
  // Frank (deleted): a shift two days before the period, passed as margin.
  punch(frank, 'check-in', '2026-11-26T08:00:00.000Z'),
  punch(frank, 'check-out', '2026-11-26T16:00:00.000Z')
]

function build(overrides: Partial<TimesheetInput> = {}): Timesheet {
  const sheet = buildTimesheet({
    from: '2026-11-28',
    to: '2026-12-02',
    punches,
    employees: [alice, carol, bob, eve],
    includeUnlisted: true,
    schedules: [officeHours],
    defaultTimeZone: ZONE,
    autoCloseHours: 16,
    now: '2026-12-05T12:00:00.000Z',
    ...overrides
  })
  expect(timesheetSchema.parse(sheet)).toEqual(sheet)
  return sheet
}

const REVIEW = ['missing-check-out', 'missing-check-in', 'open', 'break-open']

/** The totals of `days` as the rows show them, computed here independently. */
function rowSums(label: string, days: readonly TimesheetDay[]): TimesheetTotals {
  const add = (pick: (day: TimesheetDay) => number) => days.reduce((total, day) => total + pick(day), 0)
  return {
    label,
    workedMinutes: add((day) => day.workedMinutes),
    breakMinutes: add((day) => day.breakMinutes),
    scheduledMinutes: add((day) => day.scheduledMinutes),
    lateMinutes: add((day) => day.lateMinutes),
    earlyLeaveMinutes: add((day) => day.earlyLeaveMinutes),
    overtimeMinutes: add((day) => day.overtimeMinutes),
    daysWorked: add((day) => (day.workedMinutes + day.breakMinutes > 0 || day.flags.includes('open') ? 1 : 0)),
    absentDays: add((day) => (day.flags.includes('absent') ? 1 : 0)),
    flaggedDays: add((day) => (day.flags.some((flag) => REVIEW.includes(flag)) ? 1 : 0))
  }
}

it('runs in a machine zone other than the zones tested', () => {
  expect(new Date('2026-11-28T00:00:00Z').getTimezoneOffset()).toBe(-525)
})

describe('employee totals', () => {
  it('reports each employee, deleted ones with punches in the period too, sorted by department, name, code', () => {
    const sheet = build()
    expect(sheet.employees.map((employee) => [employee.department, employee.employeeName, employee.employeeCode])).toEqual([
      ['', 'Eve', 'E5'],
      ['Desk', 'Alice', 'E1'],
      ['Desk', 'Bob', 'E2'],
      ['Ops', 'Carol', 'E3'],
      ['Ops', 'Dave', 'E9']
    ])
    expect(sheet.employees.every((employee) => employee.days.map((day) => day.date).join() === '2026-11-28,2026-11-29,2026-11-30,2026-12-01,2026-12-02')).toBe(true)
    expect(build({ includeUnlisted: false }).employees.map((employee) => employee.employeeCode)).toEqual(['E5', 'E1', 'E2', 'E3'])
  })

  it('gives Alice the hand-computed weeks, months and total', () => {
    const totals = build().employees.find((employee) => employee.employeeCode === 'E1')
    const zero = { workedMinutes: 0, breakMinutes: 0, scheduledMinutes: 0, lateMinutes: 0, earlyLeaveMinutes: 0, overtimeMinutes: 0, daysWorked: 0, absentDays: 0, flaggedDays: 0 }
    expect(totals?.days.map((day) => [day.date, day.workedMinutes, day.flags])).toEqual([
      ['2026-11-28', 120, ['overtime', 'unscheduled']],
      ['2026-11-29', 0, []],
      ['2026-11-30', 440, ['late']],
      ['2026-12-01', 0, ['absent']],
      ['2026-12-02', 510, ['overtime']]
    ])
    expect(totals?.weeks).toEqual([
      { ...zero, label: '2026-W48', workedMinutes: 120, overtimeMinutes: 120, daysWorked: 1 },
      { ...zero, label: '2026-W49', workedMinutes: 950, breakMinutes: 60, scheduledMinutes: 1350, lateMinutes: 10, overtimeMinutes: 60, daysWorked: 2, absentDays: 1 }
    ])
    expect(totals?.months).toEqual([
      { ...zero, label: '2026-11', workedMinutes: 560, breakMinutes: 30, scheduledMinutes: 450, lateMinutes: 10, overtimeMinutes: 120, daysWorked: 2 },
      { ...zero, label: '2026-12', workedMinutes: 510, breakMinutes: 30, scheduledMinutes: 900, overtimeMinutes: 60, daysWorked: 1, absentDays: 1 }
    ])
    expect(totals?.total).toEqual({
      ...zero,
      label: 'total',
      workedMinutes: 1070,
      breakMinutes: 60,
      scheduledMinutes: 1350,
      lateMinutes: 10,
      overtimeMinutes: 180,
      daysWorked: 3,
      absentDays: 1
    })
  })

  it('makes every week, month and total the sum of its rows', () => {
    for (const employee of build().employees) {
      // ISO week 49 of 2026 starts on Monday 30 November.
      const weekOf = (date: string) => (date < '2026-11-30' ? '2026-W48' : '2026-W49')
      expect(employee.weeks.map((week) => week.label)).toEqual(['2026-W48', '2026-W49'])
      for (const week of employee.weeks) {
        expect(week).toEqual(rowSums(week.label, employee.days.filter((day) => weekOf(day.date) === week.label)))
      }
      expect(employee.months.map((month) => month.label)).toEqual(['2026-11', '2026-12'])
      for (const month of employee.months) {
        expect(month).toEqual(rowSums(month.label, employee.days.filter((day) => day.date.startsWith(month.label))))
      }
      expect(employee.total).toEqual(rowSums('total', employee.days))
    }
  })
})

describe('department summaries and presence', () => {
  it('sums each department’s employees, sorted by name', () => {
    const sheet = build()
    expect(sheet.departments.map((department) => [department.label, department.employeeCount])).toEqual([
      ['', 1],
      ['Desk', 2],
      ['Ops', 2]
    ])
    for (const department of sheet.departments) {
      const members = sheet.employees.filter((employee) => employee.department === department.label)
      const { employeeCount, ...sums } = department
      expect(employeeCount).toBe(members.length)
      expect(sums).toEqual(rowSums(department.label, members.flatMap((member) => member.days)))
    }
    expect(sheet.departments[1]).toMatchObject({ workedMinutes: 1910, breakMinutes: 120, scheduledMinutes: 2700, lateMinutes: 10, earlyLeaveMinutes: 60, overtimeMinutes: 180, daysWorked: 5, absentDays: 2, flaggedDays: 0 })
    expect(sheet.departments[2]).toMatchObject({ workedMinutes: 450, scheduledMinutes: 2700, daysWorked: 1, absentDays: 4, flaggedDays: 1 })
    expect(build({ includeUnlisted: false }).departments[2]).toMatchObject({ label: 'Ops', employeeCount: 1, workedMinutes: 0, absentDays: 2, flaggedDays: 1 })
  })

  it('counts who was present and who was scheduled each date', () => {
    expect(build().presence).toEqual([
      { date: '2026-11-28', present: 1, scheduled: 0 },
      { date: '2026-11-29', present: 0, scheduled: 0 },
      { date: '2026-11-30', present: 2, scheduled: 5 },
      { date: '2026-12-01', present: 2, scheduled: 5 },
      { date: '2026-12-02', present: 1, scheduled: 5 }
    ])
  })
})

describe('the timesheet as a whole', () => {
  it('carries the period and when it was generated (default: now)', () => {
    expect(build()).toMatchObject({ from: '2026-11-28', to: '2026-12-02', generatedAt: '2026-12-05T12:00:00.000Z' })
    expect(build({ generatedAt: '2026-12-05T12:00:05.000Z' }).generatedAt).toBe('2026-12-05T12:00:05.000Z')
  })

  it('comes out the same whatever the zone of the computer', () => {
    const here = build()
    const saved = process.env.TZ
    try {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = zone
        expect(build()).toEqual(here)
      }
    } finally {
      process.env.TZ = saved
    }
  })

  it.each<[string, Partial<TimesheetInput>]>([
    ['from after to', { from: '2026-12-03' }],
    ['a date not YYYY-MM-DD', { to: '2026-12-2' }],
    ['a date that does not exist', { to: '2026-11-31' }],
    ['an unknown default zone', { defaultTimeZone: 'Mars/Olympus' }],
    ['now not ISO-8601', { now: 'yesterday' }],
    ['a negative auto-close', { autoCloseHours: -1 }],
    ['a schedule time not HH:mm', { schedules: [{ ...officeHours, end: '17h' }] }],
    ['a punch time not ISO-8601', { punches: [punch(alice, 'check-in', 'noon')] }]
  ])('refuses %s with invalid-input', (_what, overrides) => {
    expect(() => build(overrides)).toThrow(ClockfaceError)
    try {
      build(overrides)
    } catch (error) {
      expect((error as ClockfaceError).code).toBe('invalid-input')
    }
  })
})
