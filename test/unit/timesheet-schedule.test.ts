// A machine zone far from the zones tested (UTC+05:45), so any hidden use of local time shows.
process.env.TZ = 'Asia/Kathmandu'

import { describe, expect, it } from 'vitest'
import { timesheetSchema, type Schedule, type Timesheet, type TimesheetDay } from '../../src/shared/attendance-models'
import type { AttendanceEvent, PunchType } from '../../src/shared/models'
import { buildTimesheet, type TimesheetInput } from '../../src/main/attendance/timesheet/build-timesheet'
import { alice, punchOf, scheduleOf, type Person } from './timesheet-fixtures'

/** America/New_York in mid-November 2026 is UTC−05:00: local 09:00 is 14:00Z. */
const ZONE = 'America/New_York'

const bob = { code: 'E2', name: 'Bob', department: 'Desk' }
const carol = { code: 'E3', name: 'Carol', department: 'Ops' }

const punch = (type: PunchType, time: string, who: Person = alice): AttendanceEvent => punchOf(who, type, time, ZONE)

/** Monday to Friday 09:00–17:00, 5 minutes' grace, 60 minutes unpaid: 420 minutes expected. */
const officeHours: Schedule = scheduleOf({ start: '09:00', end: '17:00', graceMinutes: 5, unpaidBreakMinutes: 60 })
/** The Desk department: Monday to Friday 07:00–13:00, no unpaid break: 360 minutes. */
const deskHours: Schedule = { ...officeHours, id: 's-desk', scope: 'department', target: 'Desk', start: '07:00', end: '13:00', unpaidBreakMinutes: 0 }
/** Alice alone: Monday to Saturday 10:00–14:00: 240 minutes. */
const aliceHours: Schedule = { ...officeHours, id: 's-alice', scope: 'employee', target: 'E1', start: '10:00', end: '14:00', weekdays: [1, 2, 3, 4, 5, 6], unpaidBreakMinutes: 0 }
/** Someone else's schedule, which must not apply to anyone here. */
const otherHours: Schedule = { ...aliceHours, id: 's-other', target: 'E9', start: '06:00', end: '07:00' }

function build(overrides: Partial<TimesheetInput>): Timesheet {
  const sheet = buildTimesheet({
    from: '2026-11-16',
    to: '2026-11-16',
    punches: [],
    employees: [alice],
    includeUnlisted: false,
    schedules: [officeHours],
    defaultTimeZone: ZONE,
    autoCloseHours: 16,
    now: '2026-11-23T12:00:00.000Z',
    ...overrides
  })
  expect(timesheetSchema.parse(sheet)).toEqual(sheet)
  return sheet
}

function dayOf(sheet: Timesheet, date: string, code = 'E1'): TimesheetDay {
  const day = sheet.employees.find((employee) => employee.employeeCode === code)?.days.find((row) => row.date === date)
  if (!day) throw new Error(`no row for ${code} on ${date}`)
  return day
}

/** Monday 16 November: a shift from `checkIn` to `checkOut` (UTC times of day `HH:mm`). */
function monday(checkIn: string, checkOut: string): TimesheetDay {
  const sheet = build({ punches: [punch('check-in', `2026-11-16T${checkIn}:00.000Z`), punch('check-out', `2026-11-16T${checkOut}:00.000Z`)] })
  return dayOf(sheet, '2026-11-16')
}

it('runs in a machine zone other than the zones tested', () => {
  expect(new Date('2026-11-16T00:00:00Z').getTimezoneOffset()).toBe(-345)
})

describe('late, early leave and overtime with grace', () => {
  it('is not late at start + grace (09:05)', () => {
    expect(monday('14:05', '22:00')).toMatchObject({ workedMinutes: 415, breakMinutes: 60, scheduledMinutes: 420, lateMinutes: 0, overtimeMinutes: 0, flags: [] })
  })

  it('is late one minute past the grace, counted from the start (09:06 → 6)', () => {
    expect(monday('14:06', '22:00')).toMatchObject({ workedMinutes: 414, lateMinutes: 6, flags: ['late'] })
    expect(monday('14:30', '22:00')).toMatchObject({ workedMinutes: 390, lateMinutes: 30, flags: ['late'] })
  })

  it('does not leave early at end − grace (16:55), and does one minute before (16:54 → 6)', () => {
    expect(monday('14:00', '21:55')).toMatchObject({ workedMinutes: 415, earlyLeaveMinutes: 0, flags: [] })
    expect(monday('14:00', '21:54')).toMatchObject({ workedMinutes: 414, earlyLeaveMinutes: 6, flags: ['early-leave'] })
  })

  it('has no overtime within the grace (17:05), and the whole difference past it (17:06 → 6, 18:05 → 65)', () => {
    expect(monday('14:00', '22:05')).toMatchObject({ workedMinutes: 425, overtimeMinutes: 0, flags: [] })
    expect(monday('14:00', '22:06')).toMatchObject({ workedMinutes: 426, overtimeMinutes: 6, flags: ['overtime'] })
    expect(monday('14:00', '23:05')).toMatchObject({ workedMinutes: 485, overtimeMinutes: 65, flags: ['overtime'] })
  })

  it('can be late and leave early the same day, with no overtime', () => {
    expect(monday('15:00', '21:00')).toMatchObject({ workedMinutes: 300, lateMinutes: 60, earlyLeaveMinutes: 60, overtimeMinutes: 0, flags: ['late', 'early-leave'] })
  })

  it('takes the first check-in and the last check-out of a day with two shifts', () => {
    const sheet = build({
      punches: [
        punch('check-in', '2026-11-16T14:10:00.000Z'),
        punch('check-out', '2026-11-16T17:00:00.000Z'),
        punch('check-in', '2026-11-16T18:00:00.000Z'),
        punch('check-out', '2026-11-16T21:30:00.000Z')
      ]
    })
    // 170 + 210 = 380 present; the 60-minute gap is not a punched break, so the unpaid 60 applies.
    expect(dayOf(sheet, '2026-11-16')).toMatchObject({
      firstIn: '2026-11-16T14:10:00.000Z',
      lastOut: '2026-11-16T21:30:00.000Z',
      workedMinutes: 320,
      breakMinutes: 60,
      lateMinutes: 10,
      earlyLeaveMinutes: 30,
      flags: ['late', 'early-leave']
    })
  })

  it('has no late, early leave, overtime or absence without any schedule', () => {
    const sheet = build({
      from: '2026-11-16',
      to: '2026-11-17',
      schedules: [],
      punches: [punch('check-in', '2026-11-16T16:00:00.000Z'), punch('check-out', '2026-11-17T03:00:00.000Z')]
    })
    expect(dayOf(sheet, '2026-11-16')).toMatchObject({ workedMinutes: 660, scheduledMinutes: 0, lateMinutes: 0, earlyLeaveMinutes: 0, overtimeMinutes: 0, flags: [] })
    expect(dayOf(sheet, '2026-11-17')).toMatchObject({ workedMinutes: 0, flags: [] })
  })
})

describe('schedule precedence', () => {
  const schedules = [officeHours, otherHours, deskHours, aliceHours]
  const weekOf = () => build({ from: '2026-11-16', to: '2026-11-21', employees: [alice, bob, carol], schedules })

  it('takes the employee’s own schedule over the department’s over the default', () => {
    const sheet = weekOf()
    expect(dayOf(sheet, '2026-11-16', 'E1').scheduledMinutes).toBe(240)
    expect(dayOf(sheet, '2026-11-16', 'E2').scheduledMinutes).toBe(360)
    expect(dayOf(sheet, '2026-11-16', 'E3').scheduledMinutes).toBe(420)
  })

  it('expects work only on the schedule’s weekdays', () => {
    const sheet = weekOf()
    expect(dayOf(sheet, '2026-11-21', 'E1')).toMatchObject({ scheduledMinutes: 240, flags: ['absent'] })
    expect(dayOf(sheet, '2026-11-21', 'E2')).toMatchObject({ scheduledMinutes: 0, flags: [] })
    expect(sheet.employees.map((employee) => [employee.employeeCode, employee.total.absentDays, employee.total.scheduledMinutes])).toEqual([
      ['E1', 6, 6 * 240],
      ['E2', 5, 5 * 360],
      ['E3', 5, 5 * 420]
    ])
  })
})

describe('days off and absence', () => {
  it('counts all work on a day the schedule has off as overtime, with no break deducted', () => {
    const sheet = build({
      from: '2026-11-21',
      to: '2026-11-21',
      employees: [carol],
      punches: [punch('check-in', '2026-11-21T15:00:00.000Z', carol), punch('check-out', '2026-11-21T19:00:00.000Z', carol)]
    })
    expect(dayOf(sheet, '2026-11-21', 'E3')).toMatchObject({
      workedMinutes: 240,
      breakMinutes: 0,
      scheduledMinutes: 0,
      overtimeMinutes: 240,
      flags: ['overtime', 'unscheduled']
    })
    expect(sheet.presence).toEqual([{ date: '2026-11-21', present: 1, scheduled: 0 }])
  })

  it('marks scheduled days before today absent, never today or later', () => {
    // Wednesday 18 November 10:00 in New York.
    const sheet = build({ from: '2026-11-16', to: '2026-11-20', now: '2026-11-18T15:00:00.000Z' })
    expect(sheet.employees[0]?.days.map((day) => [day.date, day.flags])).toEqual([
      ['2026-11-16', ['absent']],
      ['2026-11-17', ['absent']],
      ['2026-11-18', []],
      ['2026-11-19', []],
      ['2026-11-20', []]
    ])
    expect(sheet.employees[0]?.total).toMatchObject({ absentDays: 2, daysWorked: 0, scheduledMinutes: 5 * 420 })
  })

  it('reads today in the day’s zone, not the computer’s', () => {
    // 03:00Z on 18 November is still Tuesday 17 November, 22:00 in New York (but the 18th in Kathmandu).
    const sheet = build({ from: '2026-11-16', to: '2026-11-18', now: '2026-11-18T03:00:00.000Z' })
    expect(sheet.employees[0]?.days.map((day) => day.flags)).toEqual([['absent'], [], []])
  })
})
