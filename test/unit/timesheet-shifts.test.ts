// A machine zone far from the zones tested, so any hidden use of local time shows.
process.env.TZ = 'Asia/Kolkata'

import { describe, expect, it } from 'vitest'
import { dayFlagSchema, timesheetSchema, type Schedule, type Timesheet, type TimesheetDay } from '../../src/shared/attendance-models'
import type { AttendanceEvent, PunchType } from '../../src/shared/models'
import { buildTimesheet, type TimesheetInput } from '../../src/main/attendance/timesheet/build-timesheet'
import { alice, punchOf, scheduleOf } from './timesheet-fixtures'

/** Europe/Berlin in November 2026 is UTC+01:00: local 08:00 is 07:00Z. */
const ZONE = 'Europe/Berlin'

/** A punch of Alice (E1) at a kiosk in Berlin. */
const punch = (type: PunchType, time: string, extra: Partial<AttendanceEvent> = {}): AttendanceEvent => punchOf(alice, type, time, ZONE, extra)

/** Monday to Friday 08:00–16:00 Berlin time, 5 minutes' grace, 30 minutes unpaid break. */
const officeHours: Schedule = scheduleOf({ start: '08:00', end: '16:00', graceMinutes: 5, unpaidBreakMinutes: 30 })

function build(punches: AttendanceEvent[], overrides: Partial<TimesheetInput> = {}): Timesheet {
  const sheet = buildTimesheet({
    from: '2026-11-17',
    to: '2026-11-18',
    punches,
    employees: [{ code: 'E1', name: 'Alice', department: 'Desk' }],
    includeUnlisted: false,
    schedules: [],
    defaultTimeZone: ZONE,
    autoCloseHours: 16,
    now: '2026-11-21T12:00:00.000Z',
    ...overrides
  })
  expect(timesheetSchema.parse(sheet)).toEqual(sheet)
  return sheet
}

function dayOf(sheet: Timesheet, date: string): TimesheetDay {
  const day = sheet.employees[0]?.days.find((row) => row.date === date)
  if (!day) throw new Error(`no row for ${date}`)
  return day
}

/** The minute figures of a day, to compare in one go. */
function figures(day: TimesheetDay) {
  const { workedMinutes, breakMinutes, scheduledMinutes, lateMinutes, earlyLeaveMinutes, overtimeMinutes } = day
  return { workedMinutes, breakMinutes, scheduledMinutes, lateMinutes, earlyLeaveMinutes, overtimeMinutes }
}

const zeros = { workedMinutes: 0, breakMinutes: 0, scheduledMinutes: 0, lateMinutes: 0, earlyLeaveMinutes: 0, overtimeMinutes: 0 }

it('runs in a machine zone other than the zones tested', () => {
  expect(new Date('2026-11-17T00:00:00Z').getTimezoneOffset()).toBe(-330)
})

describe('shifts', () => {
  it('counts a night shift 22:00 → 06:00 as one shift on the date of its check-in', () => {
    const checkIn = punch('check-in', '2026-11-17T21:00:00.000Z')
    const checkOut = punch('check-out', '2026-11-18T05:00:00.000Z')
    const sheet = build([checkOut, checkIn])
    const first = dayOf(sheet, '2026-11-17')
    expect(figures(first)).toEqual({ ...zeros, workedMinutes: 480 })
    expect(first).toMatchObject({ timeZone: ZONE, firstIn: checkIn.time, lastOut: checkOut.time, flags: [], punchIds: [checkIn.id, checkOut.id] })
    const second = dayOf(sheet, '2026-11-18')
    expect(figures(second)).toEqual(zeros)
    expect(second).toMatchObject({ timeZone: ZONE, firstIn: null, lastOut: null, flags: [], punchIds: [] })
    expect(sheet.employees[0]?.total).toMatchObject({ workedMinutes: 480, daysWorked: 1, flaggedDays: 0 })
  })

  it('leaves out a shift whose check-in is before the period, even when it ends inside it', () => {
    const sheet = build([punch('check-in', '2026-11-16T21:00:00.000Z'), punch('check-out', '2026-11-17T05:00:00.000Z')])
    expect(figures(dayOf(sheet, '2026-11-17'))).toEqual(zeros)
    expect(dayOf(sheet, '2026-11-17').flags).toEqual([])
  })

  it('ignores voided punches', () => {
    const sheet = build([
      punch('check-in', '2026-11-17T07:00:00.000Z'),
      punch('check-out', '2026-11-17T09:00:00.000Z', { voided: true }),
      punch('check-out', '2026-11-17T15:00:00.000Z')
    ])
    expect(dayOf(sheet, '2026-11-17')).toMatchObject({ workedMinutes: 480, punchIds: ['E1:check-in@2026-11-17T07:00:00.000Z', 'E1:check-out@2026-11-17T15:00:00.000Z'] })
  })

  it('flags a corrected day and keeps the corrected times', () => {
    const revised = punch('check-out', '2026-11-17T15:00:00.000Z', {
      source: 'admin',
      revisions: [
        {
          at: '2026-11-18T09:00:00.000Z',
          by: 'manager',
          action: 'edit',
          reason: 'forgot to punch out',
          before: { type: 'check-out', time: '2026-11-17T19:00:00.000Z', voided: false },
          after: { type: 'check-out', time: '2026-11-17T15:00:00.000Z', voided: false }
        }
      ]
    })
    const sheet = build([punch('check-in', '2026-11-17T07:00:00.000Z'), revised])
    expect(dayOf(sheet, '2026-11-17')).toMatchObject({ workedMinutes: 480, flags: ['corrected'] })
  })
})

describe('missing check-outs and open shifts', () => {
  it('counts nothing for a shift the system closed at the limit, and flags it', () => {
    const checkIn = punch('check-in', '2026-11-17T07:00:00.000Z')
    const closed = punch('check-out', '2026-11-17T23:00:00.000Z', { source: 'system', kioskId: 'system', needsReview: true })
    const sheet = build([checkIn, closed], { schedules: [officeHours] })
    const day = dayOf(sheet, '2026-11-17')
    // On time at 08:00, and no early leave on a day missing its check-out.
    expect(figures(day)).toEqual({ ...zeros, scheduledMinutes: 450 })
    expect(day).toMatchObject({ firstIn: checkIn.time, lastOut: null, flags: ['missing-check-out'], punchIds: [checkIn.id, closed.id] })
    expect(sheet.employees[0]?.total).toMatchObject({ workedMinutes: 0, daysWorked: 0, absentDays: 1, flaggedDays: 1 })
  })

  it('counts the shift once an admin has edited the system check-out to the real time', () => {
    const checkIn = punch('check-in', '2026-11-17T07:00:00.000Z')
    const confirmed = punch('check-out', '2026-11-17T15:00:00.000Z', {
      source: 'system',
      kioskId: 'system',
      revisions: [
        {
          at: '2026-11-18T09:00:00.000Z',
          by: 'maria',
          action: 'edit',
          reason: 'left at 16:00 per the gate log',
          before: { type: 'check-out', time: '2026-11-17T23:00:00.000Z', voided: false },
          after: { type: 'check-out', time: '2026-11-17T15:00:00.000Z', voided: false }
        }
      ]
    })
    const day = dayOf(build([checkIn, confirmed], { schedules: [officeHours] }), '2026-11-17')
    expect(day).toMatchObject({ workedMinutes: 450, lastOut: confirmed.time, flags: ['corrected'] })
  })

  it('counts an open shift younger than the limit up to now', () => {
    const sheet = build([punch('check-in', '2026-11-17T07:00:00.000Z')], { now: '2026-11-17T12:00:00.000Z' })
    const day = dayOf(sheet, '2026-11-17')
    expect(figures(day)).toEqual({ ...zeros, workedMinutes: 300 })
    expect(day).toMatchObject({ lastOut: null, flags: ['open'] })
    expect(sheet.employees[0]?.total).toMatchObject({ workedMinutes: 300, daysWorked: 1, flaggedDays: 1 })
    expect(sheet.presence).toEqual([
      { date: '2026-11-17', present: 1, scheduled: 0 },
      { date: '2026-11-18', present: 0, scheduled: 0 }
    ])
  })

  it('counts an open shift exactly at the limit, and nothing once past it', () => {
    const checkIn = punch('check-in', '2026-11-17T07:00:00.000Z')
    const atLimit = build([checkIn], { now: '2026-11-17T23:00:00.000Z' })
    expect(dayOf(atLimit, '2026-11-17')).toMatchObject({ workedMinutes: 960, flags: ['open'] })
    const pastLimit = build([checkIn], { now: '2026-11-17T23:00:01.000Z' })
    expect(dayOf(pastLimit, '2026-11-17')).toMatchObject({ workedMinutes: 0, lastOut: null, flags: ['missing-check-out'] })
    expect(pastLimit.employees[0]?.total).toMatchObject({ daysWorked: 0, flaggedDays: 1 })
  })

  it('treats a check-in during an open shift as the earlier shift missing its check-out', () => {
    const sheet = build([
      punch('check-in', '2026-11-17T07:00:00.000Z'),
      punch('check-in', '2026-11-18T07:00:00.000Z'),
      punch('check-out', '2026-11-18T15:00:00.000Z')
    ])
    expect(dayOf(sheet, '2026-11-17')).toMatchObject({ workedMinutes: 0, flags: ['missing-check-out'], punchIds: ['E1:check-in@2026-11-17T07:00:00.000Z'] })
    expect(dayOf(sheet, '2026-11-18')).toMatchObject({ workedMinutes: 480, flags: [] })
  })

  it('counts nothing for a check-out with no check-in, and sends the day for review', () => {
    const alone = punch('check-out', '2026-11-17T15:00:00.000Z')
    const sheet = build([alone])
    const day = dayOf(sheet, '2026-11-17')
    const listed = (dayFlagSchema.options as readonly string[]).includes('missing-check-in')
    expect(figures(day)).toEqual(zeros)
    expect(day).toMatchObject({ firstIn: null, lastOut: null, punchIds: [alone.id], flags: listed ? ['missing-check-in'] : [] })
    expect(sheet.employees[0]?.total).toMatchObject({ daysWorked: 0, flaggedDays: 1 })
  })
})

describe('breaks', () => {
  it('deducts punched breaks', () => {
    const sheet = build([
      punch('check-in', '2026-11-17T07:00:00.000Z'),
      punch('break-start', '2026-11-17T11:00:00.000Z'),
      punch('break-end', '2026-11-17T11:45:00.000Z'),
      punch('check-out', '2026-11-17T15:30:00.000Z')
    ])
    const day = dayOf(sheet, '2026-11-17')
    expect(figures(day)).toEqual({ ...zeros, workedMinutes: 465, breakMinutes: 45 })
    expect(day.punchIds).toHaveLength(4)
    expect(day.flags).toEqual([])
  })

  it('deducts the punched breaks when longer than the schedule’s unpaid break', () => {
    const sheet = build(
      [
        punch('check-in', '2026-11-17T07:00:00.000Z'),
        punch('break-start', '2026-11-17T11:00:00.000Z'),
        punch('break-end', '2026-11-17T11:45:00.000Z'),
        punch('check-out', '2026-11-17T15:45:00.000Z')
      ],
      { schedules: [officeHours] }
    )
    // 08:00–16:45 local = 525 present, 45 break, 480 worked; 450 scheduled → 30 overtime.
    expect(figures(dayOf(sheet, '2026-11-17'))).toEqual({ ...zeros, workedMinutes: 480, breakMinutes: 45, scheduledMinutes: 450, overtimeMinutes: 30 })
    expect(dayOf(sheet, '2026-11-17').flags).toEqual(['overtime'])
  })

  it('deducts the schedule’s unpaid break when the punched one is shorter', () => {
    const sheet = build(
      [
        punch('check-in', '2026-11-17T07:00:00.000Z'),
        punch('break-start', '2026-11-17T11:00:00.000Z'),
        punch('break-end', '2026-11-17T11:10:00.000Z'),
        punch('check-out', '2026-11-17T15:00:00.000Z')
      ],
      { schedules: [officeHours] }
    )
    expect(figures(dayOf(sheet, '2026-11-17'))).toEqual({ ...zeros, workedMinutes: 450, breakMinutes: 30, scheduledMinutes: 450 })
    expect(dayOf(sheet, '2026-11-17').flags).toEqual([])
  })

  it('never deducts more break than the presence', () => {
    const sheet = build([punch('check-in', '2026-11-17T07:00:00.000Z'), punch('check-out', '2026-11-17T07:20:00.000Z')], {
      schedules: [officeHours]
    })
    const day = dayOf(sheet, '2026-11-17')
    expect(figures(day)).toEqual({ ...zeros, workedMinutes: 0, breakMinutes: 20, scheduledMinutes: 450, earlyLeaveMinutes: 460 })
    expect(day.flags).toEqual(['early-leave'])
  })

  it('ends a break left open at the check-out and flags it', () => {
    const sheet = build([
      punch('check-in', '2026-11-17T07:00:00.000Z'),
      punch('break-start', '2026-11-17T11:00:00.000Z'),
      punch('check-out', '2026-11-17T15:00:00.000Z')
    ])
    const day = dayOf(sheet, '2026-11-17')
    expect(figures(day)).toEqual({ ...zeros, workedMinutes: 240, breakMinutes: 240 })
    expect(day.flags).toEqual(['break-open'])
    expect(sheet.employees[0]?.total.flaggedDays).toBe(1)
  })

  it('counts a break still running in an open shift up to now, without flagging it', () => {
    const sheet = build([punch('check-in', '2026-11-17T07:00:00.000Z'), punch('break-start', '2026-11-17T11:00:00.000Z')], {
      now: '2026-11-17T11:30:00.000Z'
    })
    expect(figures(dayOf(sheet, '2026-11-17'))).toEqual({ ...zeros, workedMinutes: 240, breakMinutes: 30 })
    expect(dayOf(sheet, '2026-11-17').flags).toEqual(['open'])
  })

  it('flags a break punch with no open shift as missing its check-in', () => {
    const sheet = build([punch('break-start', '2026-11-17T11:00:00.000Z'), punch('break-end', '2026-11-17T11:30:00.000Z')])
    const day = dayOf(sheet, '2026-11-17')
    expect(figures(day)).toEqual(zeros)
    expect(day.punchIds).toHaveLength(2)
    expect(sheet.employees[0]?.total).toMatchObject({ daysWorked: 0, flaggedDays: 1 })
  })
})
