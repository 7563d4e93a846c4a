/**
 * Settings and retention through dispatch with an injected clock: the owner sets how long
 * punches and audit entries are kept, retention removes what is older (at start and on
 * demand), says so in the audit log, and the admin idle time follows the setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { DEFAULT_SETTINGS } from '../../src/main/services/privacy/settings'
import { startTestCore, value, type TestCore } from './services-fixture'

const DAY = 86_400_000

describe('settings and retention', () => {
  let t: TestCore
  const start = new Date('2024-01-10T10:00:00.000Z')
  let clock = start
  const at = (days: number) => new Date(start.getTime() + days * DAY)
  const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'k1' } })
  const allPunches = async () =>
    value(await t.call('listAttendance', { from: '2000-01-01T00:00:00.000Z', to: '2100-01-01T00:00:00.000Z' })).map((e) => e.time)
  const newestAudit = async () => value(await t.call('listAuditLog', { limit: 1 }))[0]

  beforeAll(async () => {
    t = await startTestCore({ now: () => clock })
    value(await t.call('createEmployee', { code: 'R1', name: 'Retained', pin: '1357' }))
    value(await t.callAs(kiosk, 'punchWithPin', { code: 'R1', pin: '1357' }))
    clock = at(46)
    // 46 days later: the forgotten shift is first closed by the system (16 h after its check-in), then a new check-in.
    value(await t.callAs(kiosk, 'punchWithPin', { code: 'R1', pin: '1357' }))
  })

  afterAll(async () => {
    await t?.stop()
  })

  it('starts with the defaults: punches kept for ever, audit 730 days, idle 10 minutes', async () => {
    expect(value(await t.call('getSettings', {}))).toEqual(DEFAULT_SETTINGS)
    expect(DEFAULT_SETTINGS).toMatchObject({ punchRetentionDays: 0, auditRetentionDays: 730, idleMinutes: 10, punchPhotoRetentionDays: 30 })
    expect(DEFAULT_SETTINGS.punchRetentionDays).toBe(0)
    // Nothing is removed while punches are kept for ever.
    expect(await t.core.retention.apply()).toEqual({ punchesRemoved: 0, auditEntriesRemoved: 0, visitorsRemoved: 0, photosRemoved: 0, shiftsClosed: 0 })
    expect(await allPunches()).toHaveLength(3)
  })

  it('lets only an owner change settings, within range, and logs before → after', async () => {
    const manager = createCallContext({ channel: 'browser', admin: { kind: 'account', accountId: 'm1', username: 'mia', role: 'manager' } })
    expect(value(await t.callAs(manager, 'getSettings', {})).idleMinutes).toBe(10)
    expect(await t.callAs(manager, 'updateSettings', { idleMinutes: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await t.call('updateSettings', { punchRetentionDays: 10 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await t.call('updateSettings', { auditRetentionDays: 7 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(await t.call('updateSettings', { idleMinutes: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } })

    const updated = value(await t.call('updateSettings', { punchRetentionDays: 30, idleMinutes: 5, auditRetentionDays: 730 }))
    expect(updated.settings).toEqual({ ...DEFAULT_SETTINGS, punchRetentionDays: 30, auditRetentionDays: 730, idleMinutes: 5, punchPhotoRetentionDays: 30 })
    expect(updated.changed).toEqual([
      { name: 'punchRetentionDays', from: 0, to: 30 },
      { name: 'idleMinutes', from: 10, to: 5 }
    ])
    expect(await newestAudit()).toMatchObject({ action: 'updateSettings', outcome: 'ok', summary: 'changed settings: punchRetentionDays 0 → 30, idleMinutes 10 → 5' })
    // The admin idle time follows the setting at once.
    expect(value(await t.call('getSession', {})).idleMinutes).toBe(5)
  })

  it('removes punches older than the retention and writes one audit entry per run that removed something', async () => {
    const report = await t.core.retention.apply()
    expect(report).toEqual({ punchesRemoved: 2, auditEntriesRemoved: 0, visitorsRemoved: 0, photosRemoved: 0, shiftsClosed: 0 })
    expect(await allPunches()).toEqual([at(46).toISOString()])
    const entry = await newestAudit()
    expect(entry).toMatchObject({ action: 'applyRetention', actor: 'clockface', outcome: 'ok' })
    expect(entry!.summary).toBe(`retention removed 2 punches older than ${at(16).toISOString()} (30 days)`)

    const entries = value(await t.call('listAuditLog', {})).length
    expect(await t.core.retention.apply()).toEqual({ punchesRemoved: 0, auditEntriesRemoved: 0, visitorsRemoved: 0, photosRemoved: 0, shiftsClosed: 0 })
    expect(value(await t.call('listAuditLog', {}))).toHaveLength(entries)
  })

  it('trims the audit log to its retention', async () => {
    value(await t.call('updateSettings', { auditRetentionDays: 90 }))
    clock = at(100)
    const report = await t.core.retention.apply()
    // The Feb punch is now over 30 days old too; the January audit entries are over 90 days old.
    expect(report.punchesRemoved).toBe(1)
    expect(report.auditEntriesRemoved).toBeGreaterThanOrEqual(1)
    const log = value(await t.call('listAuditLog', {}))
    expect(log.every((e) => Date.parse(e.time) >= at(10).getTime())).toBe(true)
    expect(log[0]!.summary).toMatch(/^retention removed 1 punch older than .* and \d+ audit entr(y|ies) older than 90 days/)
  })

  it('keeps the settings across a restart and applies retention at start', async () => {
    value(await t.callAs(kiosk, 'punchWithPin', { code: 'R1', pin: '1357' }))
    clock = at(140)
    await t.restart()
    expect(value(await t.call('getSettings', {}))).toEqual({ ...DEFAULT_SETTINGS, punchRetentionDays: 30, auditRetentionDays: 90, idleMinutes: 5, punchPhotoRetentionDays: 30 })
    expect(value(await t.call('getSession', {})).idleMinutes).toBe(5)
    expect(await allPunches()).toEqual([])
    expect(await newestAudit()).toMatchObject({ action: 'applyRetention', actor: 'clockface', summary: expect.stringMatching(/^retention removed 1 punch /) })
  })
})
