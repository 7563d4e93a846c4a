process.env.TZ = 'Asia/Tokyo'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readPunchesCsv } from '../../src/main/cli/punch-import-command'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

describe('readPunchesCsv', () => {
  it('reads local times in the row zone or the default, and ISO instants with offsets', () => {
    const csv = '\uFEFFcode,type,time,timeZone\nE1,check-in,2026-03-23 08:58,Europe/Berlin\nE1,check-out,2026-03-29 06:00,\nE2,break-start,2026-03-23T12:00:00-04:00,\n'
    expect(readPunchesCsv(csv, 'America/New_York')).toEqual([
      { code: 'E1', type: 'check-in', time: '2026-03-23T07:58:00.000Z', timeZone: 'Europe/Berlin' },
      { code: 'E1', type: 'check-out', time: '2026-03-29T10:00:00.000Z', timeZone: 'America/New_York' },
      { code: 'E2', type: 'break-start', time: '2026-03-23T16:00:00.000Z', timeZone: 'America/New_York' }
    ])
  })

  it('names the first bad row', () => {
    expect(() => readPunchesCsv('code,type,time\nE1,arrive,2026-03-23 08:58\n', 'UTC')).toThrow(/row 2: type must be/)
    expect(() => readPunchesCsv('code,type,time\nE1,check-in,2026-03-23 08:58\nE1,check-out,23/03/2026 17:00\n', 'UTC')).toThrow(/row 3: time "23\/03\/2026 17:00"/)
    expect(() => readPunchesCsv('code,type,time\nE1,check-in,2026-03-23T08:58:00\n', 'UTC')).toThrow(/row 2/)
    expect(() => readPunchesCsv('code,type,time,timeZone\nE1,check-in,2026-03-23 08:58,Mars/Olympus\n', 'UTC')).toThrow(/not a known IANA time zone/)
  })
})

describe('importPunches', () => {
  let core: UnitCore
  beforeEach(async () => {
    core = await openUnitCore({ timeZone: 'Europe/Madrid' })
    expect((await core.call('createEmployee', { code: 'E1', name: 'Ana', department: 'Sales' })).ok).toBe(true)
  })
  afterEach(() => core.close())

  it('imports all rows with source import, or none when a code is unknown', async () => {
    const refused = await core.call('importPunches', {
      punches: [
        { code: 'E1', type: 'check-in', time: '2026-03-23T08:00:00Z' },
        { code: 'E7', type: 'check-out', time: '2026-03-23T16:00:00Z' }
      ]
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'not-found', details: { row: 2, code: 'E7' } } })
    expect((await core.call('searchAttendance', {})).ok && (await core.call('searchAttendance', {}))).toMatchObject({ value: { total: 0 } })
    const done = await core.call('importPunches', { punches: [{ code: 'E1', type: 'check-in', time: '2026-03-23T08:00:00Z' }] })
    expect(done).toEqual({ ok: true, value: { imported: 1 } })
    const page = await core.call('searchAttendance', { source: 'import' })
    expect(page).toMatchObject({ ok: true, value: { total: 1, items: [{ employeeCode: 'E1', department: 'Sales', source: 'import', kioskId: 'import', timeZone: 'Europe/Madrid' }] } })
  })
})
