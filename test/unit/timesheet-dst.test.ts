// A machine zone with its own, different daylight-saving dates, so any hidden use of local time shows.
process.env.TZ = 'Pacific/Chatham'

import { describe, expect, it } from 'vitest'
import { timesheetSchema, type Schedule, type Timesheet, type TimesheetDay } from '../../src/shared/attendance-models'
import type { AttendanceEvent, PunchType } from '../../src/shared/models'
import { buildTimesheet } from '../../src/main/attendance/timesheet/build-timesheet'
import { alice, punchOf } from './timesheet-fixtures'

const BERLIN = 'Europe/Berlin'
const NEW_YORK = 'America/New_York'

const punch = (type: PunchType, time: string, timeZone: string): AttendanceEvent => punchOf(alice, type, time, timeZone)

/** Every day, `start`–`end`, no grace, `unpaidBreakMinutes` unpaid. */
function everyDay(start: string, end: string, unpaidBreakMinutes = 0): Schedule {
  return { id: 's', scope: 'default', target: '', start, end, weekdays: [1, 2, 3, 4, 5, 6, 7], graceMinutes: 0, unpaidBreakMinutes }
}

function build(from: string, to: string, zone: string, punches: AttendanceEvent[], schedules: Schedule[] = []): Timesheet {
  const sheet = buildTimesheet({
    from,
    to,
    punches,
    employees: [{ code: 'E1', name: 'Alice', department: 'Desk' }],
    includeUnlisted: false,
    schedules,
    defaultTimeZone: zone,
    autoCloseHours: 30,
    now: '2027-01-01T00:00:00.000Z'
  })
  expect(timesheetSchema.parse(sheet)).toEqual(sheet)
  return sheet
}

function dayOf(sheet: Timesheet, date: string): TimesheetDay {
  const day = sheet.employees[0]?.days.find((row) => row.date === date)
  if (!day) throw new Error(`no row for ${date}`)
  return day
}

it('runs in a machine zone other than the zones tested', () => {
  // Chatham is UTC+13:45 in its summer (January).
  expect(new Date('2026-01-15T00:00:00Z').getTimezoneOffset()).toBe(-825)
})

describe('a whole day of presence, midnight to midnight', () => {
  it.each([
    // Berlin springs forward 02:00 → 03:00 on 29 March: 00:00+01:00 → next 00:00+02:00.
    [BERLIN, '2026-03-29', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23 * 60],
    // Berlin falls back 03:00 → 02:00 on 25 October: 00:00+02:00 → next 00:00+01:00.
    [BERLIN, '2026-10-25', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25 * 60],
    // New York springs forward on 8 March: 00:00−05:00 → next 00:00−04:00.
    [NEW_YORK, '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23 * 60],
    // New York falls back on 1 November: 00:00−04:00 → next 00:00−05:00.
    [NEW_YORK, '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25 * 60]
  ])('%s %s counts the real hours of the day', (zone, date, checkIn, checkOut, worked) => {
    const sheet = build(date, date, zone, [punch('check-in', checkIn, zone), punch('check-out', checkOut, zone)])
    expect(dayOf(sheet, date)).toMatchObject({ date, timeZone: zone, workedMinutes: worked, breakMinutes: 0, firstIn: checkIn, lastOut: checkOut, flags: [] })
    expect(sheet.employees[0]?.days).toHaveLength(1)
  })
})

describe('a night shift 22:00 → 06:00 over the change', () => {
  it.each([
    [BERLIN, '2026-03-28', '2026-03-29', '2026-03-28T21:00:00.000Z', '2026-03-29T04:00:00.000Z', 7 * 60],
    [BERLIN, '2026-10-24', '2026-10-25', '2026-10-24T20:00:00.000Z', '2026-10-25T05:00:00.000Z', 9 * 60],
    [NEW_YORK, '2026-03-07', '2026-03-08', '2026-03-08T03:00:00.000Z', '2026-03-08T10:00:00.000Z', 7 * 60],
    [NEW_YORK, '2026-10-31', '2026-11-01', '2026-11-01T02:00:00.000Z', '2026-11-01T11:00:00.000Z', 9 * 60]
  ])('%s from %s counts the real hours, and the night schedule expects the same', (zone, date, next, checkIn, checkOut, minutes) => {
    const sheet = build(date, next, zone, [punch('check-in', checkIn, zone), punch('check-out', checkOut, zone)], [everyDay('22:00', '06:00')])
    expect(dayOf(sheet, date)).toMatchObject({
      workedMinutes: minutes,
      scheduledMinutes: minutes,
      lateMinutes: 0,
      earlyLeaveMinutes: 0,
      overtimeMinutes: 0,
      flags: []
    })
    // The next date is a scheduled night with no shift: absent, nothing worked.
    expect(dayOf(sheet, next)).toMatchObject({ workedMinutes: 0, scheduledMinutes: 480, flags: ['absent'] })
  })
})

describe('scheduled minutes over the change', () => {
  it('takes the unpaid break off the real length of a night schedule', () => {
    const sheet = build('2026-03-27', '2026-03-28', BERLIN, [], [everyDay('22:00', '06:00', 30)])
    expect(dayOf(sheet, '2026-03-27').scheduledMinutes).toBe(450)
    expect(dayOf(sheet, '2026-03-28').scheduledMinutes).toBe(390)
  })

  it('moves a start in the spring gap forward by the jump (02:30 → 03:30)', () => {
    const sheet = build('2026-03-29', '2026-03-29', BERLIN, [], [everyDay('02:30', '10:00')])
    // 03:30+02:00 (01:30Z) to 10:00+02:00 (08:00Z).
    expect(dayOf(sheet, '2026-03-29').scheduledMinutes).toBe(390)
  })

  it('takes the first of two 02:30s on the autumn night', () => {
    const sheet = build('2026-10-25', '2026-10-25', BERLIN, [], [everyDay('02:30', '10:00')])
    // 02:30+02:00 (00:30Z) to 10:00+01:00 (09:00Z).
    expect(dayOf(sheet, '2026-10-25').scheduledMinutes).toBe(510)
  })

  it('measures lateness from the real scheduled start after the change', () => {
    const zone = NEW_YORK
    // 09:00 on Monday 9 March is 13:00Z (EDT); a check-in at 13:20Z is 20 minutes late.
    const sheet = build('2026-03-09', '2026-03-09', zone, [punch('check-in', '2026-03-09T13:20:00.000Z', zone), punch('check-out', '2026-03-09T21:00:00.000Z', zone)], [everyDay('09:00', '17:00')])
    expect(dayOf(sheet, '2026-03-09')).toMatchObject({ workedMinutes: 460, scheduledMinutes: 480, lateMinutes: 20, flags: ['late'] })
  })
})
