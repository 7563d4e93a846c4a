// Hours and days are read in named zones; the machine's own zone must not change any figure.
process.env.TZ = 'America/Los_Angeles'

import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCallContext } from '../../src/main/dispatch/call-context'
import type { AttendanceEvent } from '../../src/shared/models'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

const ZONE = 'Europe/Berlin'
let core: UnitCore
let clock: Date

/** The value of an ok result, or a clear failure. */
function ok<T>(result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

const manager = createCallContext({
  channel: 'browser',
  admin: { kind: 'account', accountId: 'acc-1', username: 'maria', role: 'manager' }
})

beforeEach(async () => {
  clock = new Date('2026-03-30T12:00:00.000Z')
  core = await openUnitCore({ timeZone: ZONE, now: () => clock })
  for (const [code, name, department] of [
    ['E1', 'Ana Ruiz', 'Sales'],
    ['E2', 'Ben Okoro', 'Sales'],
    ['E3', 'Chen Li', 'Warehouse']
  ] as const) {
    ok(await core.call('createEmployee', { code, name, department }))
  }
})

afterEach(async () => {
  await core.close()
})

/** Adds a punch as the manager (a correction of kind `add`). */
const add = async (code: string, type: AttendanceEvent['type'], time: string) =>
  ok(await core.callAs(manager, 'addPunch', { code, type, time, timeZone: ZONE, reason: 'entered from the paper sheet' }))

describe('corrections', () => {
  it('keeps the original punch, records who/when/before/after, and audits the change', async () => {
    const punch = await add('E1', 'check-in', '2026-03-27T08:05:00+01:00')
    expect(punch).toMatchObject({ source: 'admin', kioskId: 'admin:maria', timeZone: ZONE, revisions: [{ action: 'add', by: 'maria', before: null }] })

    clock = new Date('2026-03-30T12:30:00.000Z')
    const edited = ok(await core.callAs(manager, 'editPunch', { punchId: punch.id, time: '2026-03-27T08:00:00+01:00', reason: 'badge reader was slow' }))
    expect(edited.time).toBe('2026-03-27T07:00:00.000Z')
    expect(edited.revisions).toHaveLength(2)
    expect(edited.revisions?.[1]).toEqual({
      at: '2026-03-30T12:30:00.000Z',
      by: 'maria',
      action: 'edit',
      reason: 'badge reader was slow',
      before: { type: 'check-in', time: '2026-03-27T07:05:00.000Z', voided: false },
      after: { type: 'check-in', time: '2026-03-27T07:00:00.000Z', voided: false }
    })
    // The punch as first recorded is still there: the first revision's after and the edit's before.
    expect(edited.revisions?.[0]?.after.time).toBe('2026-03-27T07:05:00.000Z')

    const voided = ok(await core.callAs(manager, 'voidPunch', { punchId: punch.id, reason: 'duplicate of the kiosk punch' }))
    expect(voided).toMatchObject({ voided: true, type: 'check-in', time: '2026-03-27T07:00:00.000Z' })
    expect(ok(await core.call('getPunch', { punchId: punch.id }))).toMatchObject({ voided: true, photo: null })

    const audit = ok(await core.call('listAuditLog', {}))
    const lines = audit.filter((e) => e.action.endsWith('Punch')).map((e) => `${e.actor} ${e.action} ${e.employeeCode}: ${e.summary}`)
    expect(lines).toEqual([
      `maria voidPunch E1: voided punch ${punch.id}: E1 check-in 2026-03-27T07:00:00.000Z → check-in 2026-03-27T07:00:00.000Z (voided); reason "duplicate of the kiosk punch"`,
      `maria editPunch E1: edited punch ${punch.id}: E1 check-in 2026-03-27T07:05:00.000Z → check-in 2026-03-27T07:00:00.000Z; reason "badge reader was slow"`,
      `maria addPunch E1: added punch ${punch.id}: E1 none → check-in 2026-03-27T07:05:00.000Z; reason "entered from the paper sheet"`
    ])
  })

  it('refuses a correction without a reason, an edit of a voided punch and an unknown punch', async () => {
    const punch = await add('E1', 'check-in', '2026-03-27T08:00:00+01:00')
    expect(await core.callAs(manager, 'editPunch', { punchId: punch.id, time: '2026-03-27T08:10:00+01:00', reason: ' ' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    ok(await core.callAs(manager, 'voidPunch', { punchId: punch.id, reason: 'wrong person' }))
    expect(await core.callAs(manager, 'editPunch', { punchId: punch.id, type: 'check-out', reason: 'try again' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await core.callAs(manager, 'voidPunch', { punchId: 'nope', reason: 'try again' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await core.callAs(manager, 'addPunch', { code: 'E9', type: 'check-in', time: '2026-03-27T08:00:00Z', reason: 'nobody' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})

describe('attendance log search', () => {
  it('filters by employee, department, type, source and review flag, newest first, one page at a time', async () => {
    for (let day = 23; day <= 27; day++) {
      await add('E1', 'check-in', `2026-03-${day}T08:00:00+01:00`)
      await add('E1', 'check-out', `2026-03-${day}T16:00:00+01:00`)
      await add('E3', 'check-in', `2026-03-${day}T06:00:00+01:00`)
    }
    const page = ok(await core.call('searchAttendance', { department: 'Sales', limit: 4, offset: 2 }))
    expect(page.total).toBe(10)
    expect(page.items.map((p) => p.time)).toEqual(['2026-03-26T15:00:00.000Z', '2026-03-26T07:00:00.000Z', '2026-03-25T15:00:00.000Z', '2026-03-25T07:00:00.000Z'])
    expect(ok(await core.call('searchAttendance', { type: 'check-in', code: 'E3' })).total).toBe(5)
    expect(ok(await core.call('searchAttendance', { source: 'face' })).total).toBe(0)
    expect(ok(await core.call('searchAttendance', { flagged: true })).total).toBe(0)
    const week = ok(await core.call('searchAttendance', { from: '2026-03-25T00:00:00+01:00', to: '2026-03-25T23:59:59+01:00' }))
    expect(week.items.map((p) => p.employeeCode).sort()).toEqual(['E1', 'E1', 'E3'])
  })
})

describe('schedules, timesheet and export', () => {
  beforeEach(async () => {
    ok(await core.call('saveSchedule', { scope: 'default', start: '09:00', end: '17:00', weekdays: [1, 2, 3, 4, 5], graceMinutes: 5, unpaidBreakMinutes: 30 }))
    ok(await core.call('saveSchedule', { scope: 'department', target: 'Warehouse', start: '06:00', end: '14:00', weekdays: [1, 2, 3, 4, 5, 6], graceMinutes: 0, unpaidBreakMinutes: 0 }))
  })

  it('computes the week of a department by hand-checkable rules, DST Sunday included', async () => {
    // Monday 23 March: on time, one punched 45-minute break (longer than the 30 scheduled).
    await add('E1', 'check-in', '2026-03-23T08:58:00+01:00')
    await add('E1', 'break-start', '2026-03-23T12:00:00+01:00')
    await add('E1', 'break-end', '2026-03-23T12:45:00+01:00')
    await add('E1', 'check-out', '2026-03-23T17:10:00+01:00')
    // Tuesday: 12 minutes late (past the 5-minute grace), stays until 18:30: overtime.
    await add('E1', 'check-in', '2026-03-24T09:12:00+01:00')
    await add('E1', 'check-out', '2026-03-24T18:30:00+01:00')
    // Saturday night into Sunday 29 March, the night Berlin springs forward: 22:00 → 06:00 is 7 real hours.
    await add('E1', 'check-in', '2026-03-28T22:00:00+01:00')
    await add('E1', 'check-out', '2026-03-29T06:00:00+02:00')

    const sheet = ok(await core.call('getTimesheet', { from: '2026-03-23', to: '2026-03-29', department: 'Sales' }))
    expect(sheet.employees.map((e) => e.employeeCode)).toEqual(['E1', 'E2'])
    const ana = sheet.employees[0]!
    const day = (date: string) => ana.days.find((d) => d.date === date)!
    // 08:58–17:10 = 492 min presence, 45 break → 447 worked; scheduled 480 − 30 = 450.
    expect(day('2026-03-23')).toMatchObject({ workedMinutes: 447, breakMinutes: 45, scheduledMinutes: 450, lateMinutes: 0, overtimeMinutes: 0, flags: ['corrected'] }) // added by an admin: a correction
    // 09:12–18:30 = 558 presence − 30 unpaid = 528 worked; late 12; overtime 528 − 450 = 78.
    expect(day('2026-03-24')).toMatchObject({ workedMinutes: 528, breakMinutes: 30, lateMinutes: 12, overtimeMinutes: 78 })
    expect(day('2026-03-24').flags).toEqual(expect.arrayContaining(['late', 'overtime']))
    // Wednesday to Friday scheduled and empty: absent. Saturday night: unscheduled, all overtime.
    expect(day('2026-03-25').flags).toContain('absent')
    expect(day('2026-03-28')).toMatchObject({ workedMinutes: 420, overtimeMinutes: 420 })
    expect(day('2026-03-28').flags).toContain('unscheduled')
    expect(ana.total).toMatchObject({ workedMinutes: 447 + 528 + 420, absentDays: 3, daysWorked: 3 })
    const sales = sheet.departments.find((d) => d.label === 'Sales')!
    expect(sales).toMatchObject({ employeeCount: 2, workedMinutes: 1395, absentDays: 8 })
    expect(sheet.presence.find((p) => p.date === '2026-03-23')).toEqual({ date: '2026-03-23', present: 1, scheduled: 2 })

    // The payroll CSV says the same hours.
    const file = ok(await core.call('exportAttendance', { from: '2026-03-23', to: '2026-03-29', department: 'Sales', format: 'csv', kind: 'timesheet' }))
    expect(file).toMatchObject({ fileName: 'clockface-timesheet-2026-03-23_2026-03-29.csv', mimeType: 'text/csv; charset=utf-8' })
    const text = Buffer.from(file.base64, 'base64').toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[]
    const worked = rows.filter((r) => r['Employee code'] === 'E1').map((r) => [r['Date'], r['Worked hours'], r['Worked (h:mm)']])
    expect(worked).toEqual([
      ['2026-03-23', '7.45', '7:27'],
      ['2026-03-24', '8.8', '8:48'],
      ['2026-03-25', '0', '0:00'],
      ['2026-03-26', '0', '0:00'],
      ['2026-03-27', '0', '0:00'],
      ['2026-03-28', '7', '7:00']
    ])
    // The export is in the audit trail with who made it.
    const audit = ok(await core.call('listAuditLog', {}))
    expect(audit.find((e) => e.action === 'exportAttendance')?.summary).toMatch(/^exported \d+ timesheet rows \(csv\) for 2026-03-23–2026-03-29 in department "Sales"$/)
  })

  it('counts a corrected punch, not the original, and lists schedules most general first', async () => {
    const late = await add('E3', 'check-in', '2026-03-23T06:40:00+01:00')
    await add('E3', 'check-out', '2026-03-23T14:00:00+01:00')
    expect(ok(await core.call('getTimesheet', { from: '2026-03-23', to: '2026-03-23', code: 'E3' })).employees[0]!.days[0]).toMatchObject({ lateMinutes: 40, workedMinutes: 440 })
    ok(await core.callAs(manager, 'editPunch', { punchId: late.id, time: '2026-03-23T06:00:00+01:00', reason: 'clock in the hall was wrong' }))
    const day = ok(await core.call('getTimesheet', { from: '2026-03-23', to: '2026-03-23', code: 'E3' })).employees[0]!.days[0]!
    expect(day).toMatchObject({ lateMinutes: 0, workedMinutes: 480 })
    expect(day.flags).toContain('corrected')
    const schedules = ok(await core.call('listSchedules', {}))
    expect(schedules.map((s) => `${s.scope}:${s.target}`)).toEqual(['default:', 'department:Warehouse'])
    expect(await core.call('deleteSchedule', { scheduleId: schedules[0]!.id })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(ok(await core.call('deleteSchedule', { scheduleId: schedules[1]!.id }))).toEqual({ deleted: true })
  })
})
