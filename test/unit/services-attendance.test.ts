import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { contract } from '../../src/shared/contract'
import type { Match } from '../../src/shared/models'
import { createAttendanceService, type AttendanceService } from '../../src/main/services/attendance'
import { openStore } from '../../src/main/store/open-store'
import { createAttendanceRepository } from '../../src/main/store/repositories/attendance-repository'
import type { ClockfaceStore } from '../../src/main/store/store-types'

const COOLDOWN_MS = 60_000

let dir: string
let store: ClockfaceStore
let clock: Date
let attendance: AttendanceService

const alice: Match = { employeeId: 'id-alice', code: 'E1', name: 'Alice', department: 'Desk', distance: 0.31, threshold: 0.55 }
const bob: Match = { employeeId: 'id-bob', code: 'E2', name: 'Bob', department: 'Desk', distance: 0.42, threshold: 0.55 }

/** Local wall-clock time on 15 January 2024 (the services count days in local time). */
const at = (hours: number, minutes = 0, seconds = 0, day = 15) => new Date(2024, 0, day, hours, minutes, seconds)
const list = (request: Record<string, unknown> = {}) => attendance.list(contract.listAttendance.input.parse(request))

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clockface-attendance-'))
  store = await openStore(dir)
  clock = at(9)
  attendance = createAttendanceService(createAttendanceRepository(store), { cooldownMs: COOLDOWN_MS, now: () => clock })
})

afterEach(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('punch', () => {
  it('checks in first, ignores repeats within the cooldown, then alternates check-out / check-in', async () => {
    const first = await attendance.punch(alice, 'kiosk-1')
    expect(first).toMatchObject({ type: 'check-in', repeated: false, employeeCode: 'E1', employeeName: 'Alice', kioskId: 'kiosk-1', distance: 0.31 })
    expect(first.time).toBe(at(9).toISOString())

    clock = at(9, 0, 59) // 59 s later: still in the cooldown
    const repeat = await attendance.punch(alice, 'kiosk-1')
    expect(repeat).toEqual({ ...first, repeated: true })
    expect(await store.attendance.count({})).toBe(1)

    clock = at(9, 1, 0) // exactly the cooldown later: a new punch
    const second = await attendance.punch(alice, 'kiosk-1')
    expect(second).toMatchObject({ type: 'check-out', repeated: false })

    clock = at(17, 30)
    expect(await attendance.punch(alice, 'kiosk-2')).toMatchObject({ type: 'check-in', kioskId: 'kiosk-2' })
    expect(await store.attendance.count({})).toBe(3)
  })

  it('starts a new local day with a check-in even when yesterday ended checked in', async () => {
    clock = at(23, 50, 0, 15)
    expect(await attendance.punch(alice, 'k')).toMatchObject({ type: 'check-in' })
    clock = at(0, 10, 0, 16) // 20 min later, past local midnight
    expect(await attendance.punch(alice, 'k')).toMatchObject({ type: 'check-in', repeated: false })
    clock = at(8, 0, 0, 16)
    expect(await attendance.punch(alice, 'k')).toMatchObject({ type: 'check-out' })
  })

  it('keeps employees apart: one person in the cooldown does not hold up another', async () => {
    await attendance.punch(alice, 'k')
    expect(await attendance.punch(bob, 'k')).toMatchObject({ type: 'check-in', employeeCode: 'E2', repeated: false })
    expect(await attendance.punch(alice, 'k')).toMatchObject({ repeated: true })
  })

  it('records one punch when two frames of the same person arrive together', async () => {
    const results = await Promise.all([attendance.punch(alice, 'k'), attendance.punch(alice, 'k'), attendance.punch(alice, 'k')])
    expect(results.filter((p) => !p.repeated)).toHaveLength(1)
    expect(await store.attendance.count({})).toBe(1)
  })
})

describe('list', () => {
  beforeEach(async () => {
    for (const [time, who] of [
      [at(8, 0, 0, 14), alice], // yesterday
      [at(9, 0), alice],
      [at(9, 5), bob],
      [at(12, 0), alice],
      [at(17, 0), bob]
    ] as const) {
      clock = time
      await attendance.punch(who, 'k')
    }
    clock = at(18)
  })

  it('defaults to today (local day), newest first', async () => {
    const events = await list()
    expect(events.map((e) => [e.employeeCode, e.type, e.time])).toEqual([
      ['E2', 'check-out', at(17).toISOString()],
      ['E1', 'check-out', at(12).toISOString()],
      ['E2', 'check-in', at(9, 5).toISOString()],
      ['E1', 'check-in', at(9).toISOString()]
    ])
  })

  it('filters by code, honours limit and explicit ranges (with any UTC offset)', async () => {
    expect((await list({ code: 'E2' })).map((e) => e.type)).toEqual(['check-out', 'check-in'])
    expect(await list({ limit: 1 })).toHaveLength(1)
    const yesterday = await list({ from: at(0, 0, 0, 14).toISOString(), to: at(23, 59, 59, 14).toISOString() })
    expect(yesterday.map((e) => e.time)).toEqual([at(8, 0, 0, 14).toISOString()])
    // The same instant written with a +02:00 offset selects the same events.
    const from = at(9, 1)
    const shifted = new Date(from.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00')
    expect((await list({ from: shifted })).map((e) => e.time)).toEqual([at(17).toISOString(), at(12).toISOString(), at(9, 5).toISOString()])
  })

  it('rejects a range whose start is after its end', async () => {
    await expect(list({ from: at(12).toISOString(), to: at(9).toISOString() })).rejects.toMatchObject({ code: 'invalid-input' })
  })
})
