// The machine's own zone must not matter: every rule below works in the kiosk's named zone.
process.env.TZ = 'Pacific/Auckland'

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DateTime } from 'luxon'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract } from '../../src/shared/contract'
import type { Match } from '../../src/shared/models'
import { createAttendanceService, type AttendanceService, type PunchPlace } from '../../src/main/services/attendance/attendance-service'
import { openStore } from '../../src/main/store/open-store'
import { createAttendanceRepository } from '../../src/main/store/repositories/attendance-repository'
import type { ClockfaceStore } from '../../src/main/store/store-types'

const COOLDOWN_MS = 60_000
const ZONE = 'Europe/Berlin'

let dir: string
let store: ClockfaceStore
let clock: Date
let attendance: AttendanceService

const alice: Match = { employeeId: 'id-alice', code: 'E1', name: 'Alice', department: 'Desk', distance: 0.31, threshold: 0.55 }
const bob: Match = { employeeId: 'id-bob', code: 'E2', name: 'Bob', department: 'Desk', distance: 0.42, threshold: 0.55 }
const front: PunchPlace = { kioskId: 'front', timeZone: ZONE }

/** Wall-clock time in Berlin on a day of January 2024 (15th by default). */
const at = (hours: number, minutes = 0, seconds = 0, day = 15) => DateTime.fromObject({ year: 2024, month: 1, day, hour: hours, minute: minutes, second: seconds }, { zone: ZONE }).toJSDate()
const list = (request: Record<string, unknown> = {}) => attendance.list(contract.listAttendance.input.parse(request))

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clockface-attendance-'))
  store = await openStore(dir, { fsync: false })
  clock = at(9)
  attendance = createAttendanceService(createAttendanceRepository(store), { cooldownMs: COOLDOWN_MS, now: () => clock, timeZone: ZONE }, { autoCloseHours: () => 16 })
})

afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('punch', () => {
  it('checks in first, ignores repeats within the cooldown, then alternates check-out / check-in', async () => {
    const first = await attendance.punch(alice, front)
    expect(first).toMatchObject({ type: 'check-in', repeated: false, employeeCode: 'E1', employeeName: 'Alice', department: 'Desk', kioskId: 'front', timeZone: ZONE, distance: 0.31, source: 'face' })
    expect(first.time).toBe(at(9).toISOString())

    clock = at(9, 0, 59) // 59 s later: still in the cooldown
    const repeat = await attendance.punch(alice, front)
    expect(repeat).toEqual({ ...first, repeated: true })
    expect(await store.attendance.count({})).toBe(1)

    clock = at(9, 1, 0) // exactly the cooldown later: a new punch
    expect(await attendance.punch(alice, front)).toMatchObject({ type: 'check-out', repeated: false })

    clock = at(17, 30)
    expect(await attendance.punch(alice, { kioskId: 'back', timeZone: ZONE })).toMatchObject({ type: 'check-in', kioskId: 'back' })
    expect(await store.attendance.count({})).toBe(3)
  })

  it('keeps a night shift over midnight as one shift: the next morning is a check-out', async () => {
    clock = at(22, 0, 0, 15)
    expect(await attendance.punch(alice, front)).toMatchObject({ type: 'check-in' })
    clock = at(6, 0, 0, 16)
    expect(await attendance.punch(alice, front)).toMatchObject({ type: 'check-out', repeated: false })
  })

  it('closes a shift left open past the limit with a flagged system check-out, then checks in', async () => {
    clock = at(8, 0, 0, 15)
    await attendance.punch(alice, front)
    clock = at(9, 0, 0, 16) // 25 h later
    const next = await attendance.punch(alice, front)
    expect(next).toMatchObject({ type: 'check-in', repeated: false })
    const all = await list({ from: at(0, 0, 0, 15).toISOString(), to: at(23, 0, 0, 16).toISOString() })
    expect(all.map((p) => [p.type, p.source, p.time, p.needsReview ?? false])).toEqual([
      ['check-in', 'face', at(9, 0, 0, 16).toISOString(), false],
      ['check-out', 'system', at(0, 0, 0, 16).toISOString(), true], // 08:00 + 16 h
      ['check-in', 'face', at(8, 0, 0, 15).toISOString(), false]
    ])
  })

  it('closeOpenShifts closes only shifts past the limit, once', async () => {
    clock = at(7, 0)
    await attendance.punch(alice, front)
    clock = at(8, 0)
    await attendance.punch(bob, front)
    clock = at(23, 30) // alice 16.5 h, bob 15.5 h
    expect(await attendance.closeOpenShifts()).toBe(1)
    expect(await attendance.closeOpenShifts()).toBe(0)
    const closed = await store.attendance.find({ source: 'system' })
    expect(closed).toMatchObject([{ employeeCode: 'E1', type: 'check-out', time: at(23, 0).toISOString(), needsReview: true }])
  })

  it('offers breaks inside a shift and refuses a type that does not follow', async () => {
    await attendance.punch(alice, front)
    expect(await attendance.next(alice.employeeId)).toMatchObject({ suggested: 'check-out', allowed: ['check-out', 'break-start'] })
    clock = at(12, 0)
    expect(await attendance.punch(alice, front, { type: 'break-start' })).toMatchObject({ type: 'break-start' })
    expect(await attendance.next(alice.employeeId)).toMatchObject({ suggested: 'break-end', allowed: ['break-end', 'check-out'] })
    clock = at(12, 30)
    await expect(attendance.punch(alice, front, { type: 'check-in' })).rejects.toMatchObject({ code: 'invalid-input' })
    // Automatic mode ends the break.
    expect(await attendance.punch(alice, front)).toMatchObject({ type: 'break-end' })
    clock = at(17, 0)
    expect(await attendance.punch(alice, front)).toMatchObject({ type: 'check-out' })
  })

  it('keeps employees apart: one person in the cooldown does not hold up another', async () => {
    await attendance.punch(alice, front)
    expect(await attendance.punch(bob, front)).toMatchObject({ type: 'check-in', employeeCode: 'E2', repeated: false })
    expect(await attendance.punch(alice, front)).toMatchObject({ repeated: true })
  })

  it('records one punch when two frames of the same person arrive together', async () => {
    const results = await Promise.all([attendance.punch(alice, front), attendance.punch(alice, front), attendance.punch(alice, front)])
    expect(results.filter((p) => !p.repeated)).toHaveLength(1)
    expect(await store.attendance.count({})).toBe(1)
  })
})

describe('list and recent punches', () => {
  beforeEach(async () => {
    for (const [time, who] of [
      [at(8, 0, 0, 14), alice], // yesterday
      [at(0, 30), bob], // just after midnight in Berlin: today there, yesterday in UTC (15.5 h before his check-out at 16:00)
      [at(9, 0), alice],
      [at(12, 0), alice],
      [at(16, 0), bob]
    ] as const) {
      clock = time
      await attendance.punch(who, front)
    }
    clock = at(18)
  })

  it("defaults to today in the configured zone, newest first", async () => {
    const events = await list()
    expect(events.map((e) => [e.employeeCode, e.type, e.time])).toEqual([
      ['E2', 'check-out', at(16).toISOString()],
      ['E1', 'check-out', at(12).toISOString()],
      ['E1', 'check-in', at(9).toISOString()],
      ['E2', 'check-in', at(0, 30).toISOString()],
      // Alice's check-in of the 14th, closed by the system 16 h later when she came back.
      ['E1', 'check-out', at(0, 0).toISOString()]
    ])
  })

  it("lists the kiosk's punches of its own local day", async () => {
    const recent = await attendance.recentAtKiosk(front, 10)
    expect(recent.map((p) => p.time)).toEqual([at(16), at(12), at(9), at(0, 30)].map((d) => d.toISOString()))
    // Seen from New York it is still the 15th there, which began at 06:00 Berlin time.
    const newYork = await attendance.recentAtKiosk({ kioskId: 'front', timeZone: 'America/New_York' }, 10)
    expect(newYork.map((p) => p.time)).toEqual([at(16), at(12), at(9)].map((d) => d.toISOString()))
  })

  it('filters by code, honours limit and explicit ranges (with any UTC offset)', async () => {
    expect((await list({ code: 'E2' })).map((e) => e.type)).toEqual(['check-out', 'check-in'])
    expect(await list({ limit: 1 })).toHaveLength(1)
    const from = at(9, 1)
    const shifted = new Date(from.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00')
    expect((await list({ from: shifted })).map((e) => e.time)).toEqual([at(16).toISOString(), at(12).toISOString()])
  })

  it('rejects a range whose start is after its end', async () => {
    await expect(list({ from: at(12).toISOString(), to: at(9).toISOString() })).rejects.toMatchObject({ code: 'invalid-input' })
  })
})
