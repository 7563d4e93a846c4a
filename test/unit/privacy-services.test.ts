/**
 * The pure parts of biometric privacy, over in-memory stand-ins for the repositories:
 * consent checks, the settings service, the retention job, the PIN punch lock-out, the
 * request schemas and the audit wording (which must never hold a PIN).
 */
import { describe, expect, it, vi } from 'vitest'
import { CONSENT_TEXT, CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import { contract, employeePinSchema, settingsChangesSchema } from '../../src/shared/contract'
import { ClockfaceError } from '../../src/shared/errors'
import type { Employee, PersonData } from '../../src/shared/models'
import { createCallContext } from '../../src/main/dispatch/call-context'
import type { AttendanceService, PunchSubject } from '../../src/main/services/attendance/attendance-service'
import { describeAdminRequest } from '../../src/main/services/audit-summary'
import { hashSecret } from '../../src/main/services/auth/password-hash'
import { consentRecord, requireConsent } from '../../src/main/services/privacy/consent'
import { createPinPunch, PIN_LOCKOUT } from '../../src/main/services/privacy/pin-punch'
import { createRetention } from '../../src/main/services/privacy/retention'
import { createSettingsService, DEFAULT_SETTINGS } from '../../src/main/services/privacy/settings'
import type { SettingsRepository } from '../../src/main/store/repositories/settings-repository'
import type { EmployeeDoc, SettingsDoc } from '../../src/main/store/store-types'

const owner = createCallContext({ channel: 'app', admin: { kind: 'account', accountId: 'a1', username: 'olga', role: 'owner' } })

function thrown(fn: () => unknown): ClockfaceError {
  try {
    fn()
  } catch (error) {
    if (error instanceof ClockfaceError) return error
    throw error
  }
  throw new Error('did not throw')
}

describe('consent', () => {
  it('has a text that names what is stored, why, for how long and the alternative', () => {
    expect(CONSENT_TEXT).toMatch(/face template/)
    expect(CONSENT_TEXT).toMatch(/attendance|check-ins/)
    expect(CONSENT_TEXT).toMatch(/erased/)
    expect(CONSENT_TEXT).toMatch(/PIN/)
  })

  it('refuses a missing consent or another text version, naming the field', () => {
    const missing = thrown(() => requireConsent(undefined))
    expect(missing.code).toBe('invalid-input')
    expect(missing.details).toEqual([expect.objectContaining({ path: ['consent'] })])
    const stale = thrown(() => requireConsent({ textVersion: 'zero' }))
    expect(stale.message).toMatch(`current version is ${CONSENT_TEXT_VERSION}`)
  })

  it('records who, when (UTC) and which version', () => {
    const now = new Date('2024-02-03T04:05:06.000Z')
    expect(consentRecord({ textVersion: CONSENT_TEXT_VERSION }, owner, now)).toEqual({
      recordedBy: 'olga',
      recordedAt: '2024-02-03T04:05:06.000Z',
      textVersion: CONSENT_TEXT_VERSION
    })
  })
})

describe('request schemas', () => {
  it('takes PINs of 4 to 8 digits only', () => {
    for (const pin of ['1234', '12345678', '0000']) expect(employeePinSchema.safeParse(pin).success, pin).toBe(true)
    for (const pin of ['123', '123456789', '12a4', ' 1234', '١٢٣٤']) expect(employeePinSchema.safeParse(pin).success, pin).toBe(false)
    expect(contract.updateEmployee.input.safeParse({ code: 'E1', changes: { pin: null } }).success).toBe(true)
  })

  it('keeps punches for ever (0) or at least 30 days, the audit log at least 90', () => {
    expect(settingsChangesSchema.safeParse({ punchRetentionDays: 0 }).success).toBe(true)
    expect(settingsChangesSchema.safeParse({ punchRetentionDays: 29 }).success).toBe(false)
    expect(settingsChangesSchema.safeParse({ punchRetentionDays: 2555 }).success).toBe(true)
    expect(settingsChangesSchema.safeParse({ auditRetentionDays: 89 }).success).toBe(false)
    expect(settingsChangesSchema.safeParse({ idleMinutes: 1.5 }).success).toBe(false)
    expect(settingsChangesSchema.safeParse({}).success).toBe(true)
  })
})

function memorySettings(initial: SettingsDoc | null = null): Pick<SettingsRepository, 'get' | 'save'> & { doc: SettingsDoc | null; saves: number } {
  const repo = {
    doc: initial,
    saves: 0,
    get: async () => repo.doc,
    async save(set: Omit<SettingsDoc, '_id'>) {
      repo.saves++
      repo.doc = { _id: 'settings', ...repo.doc, ...set }
      return repo.doc
    }
  }
  return repo
}

describe('settings service', () => {
  const now = () => new Date('2024-05-01T00:00:00.000Z')

  it('serves the defaults until changed, then the stored values', async () => {
    const repo = memorySettings()
    const settings = createSettingsService(repo, { now, warn: () => undefined })
    expect(settings.current()).toEqual(DEFAULT_SETTINGS)
    expect(await settings.get()).toEqual(DEFAULT_SETTINGS)
    const result = await settings.update({ idleMinutes: 3 }, owner)
    expect(result.changed).toEqual([{ name: 'idleMinutes', from: 10, to: 3 }])
    expect(settings.current().idleMinutes).toBe(3)
    expect(repo.doc).toMatchObject({ idleMinutes: 3, updatedBy: 'olga', updatedAt: '2024-05-01T00:00:00.000Z' })
  })

  it('writes nothing for an update that changes nothing', async () => {
    const repo = memorySettings()
    const settings = createSettingsService(repo, { now, warn: () => undefined })
    expect((await settings.update({ idleMinutes: 10, auditRetentionDays: 730 }, owner)).changed).toEqual([])
    expect(repo.saves).toBe(0)
  })

  it('falls back to the default for a stored value out of range, and says so', async () => {
    const warn = vi.fn()
    const settings = createSettingsService(memorySettings({ _id: 'settings', idleMinutes: -4, punchRetentionDays: 365 }), { now, warn })
    expect(await settings.load()).toEqual({ ...DEFAULT_SETTINGS, punchRetentionDays: 365 })
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/out of range/), expect.objectContaining({ setting: 'idleMinutes', stored: -4 }))
  })
})

describe('retention job', () => {
  function setup(
    settings: { punchRetentionDays: number; auditRetentionDays: number; visitorRetentionDays?: number },
    removed: { punches: number; audit: number; visitors?: number; photos?: number; shifts?: number }
  ) {
    const calls = { punchCutoff: [] as string[], photoCutoff: [] as string[], auditDays: [] as number[], visitorDays: [] as (number | undefined)[], entries: [] as string[] }
    const retention = createRetention({
      attendance: {
        async removeOlderThan(time) {
          calls.punchCutoff.push(time)
          return removed.punches
        },
        async clearPhotoMarksBefore(time) {
          calls.photoCutoff.push(`marks ${time}`)
        }
      },
      punchPhotos: {
        async removeOlderThan(time) {
          calls.photoCutoff.push(time)
          return removed.photos ?? 0
        }
      },
      closeOpenShifts: async () => removed.shifts ?? 0,
      auditLog: {
        async enforceRetention(days) {
          calls.auditDays.push(days ?? -1)
          return removed.audit
        },
        async record(entry) {
          calls.entries.push(`${entry.actor} ${entry.action} ${entry.channel}: ${entry.summary}`)
          return { ...entry, id: 'x', time: 'now' }
        }
      },
      visitors: {
        async purge({ olderThanDays }) {
          calls.visitorDays.push(olderThanDays)
          return { deleted: removed.visitors ?? 0 }
        }
      },
      settings: () => ({ visitorRetentionDays: 0, punchPhotoRetentionDays: 30, ...settings }),
      config: { now: () => new Date('2024-06-30T12:00:00.000Z'), warn: () => undefined },
      channel: 'browser'
    })
    return { retention, calls }
  }

  it('removes nothing from attendance when punches are kept for ever, and writes no entry when nothing went', async () => {
    const { retention, calls } = setup({ punchRetentionDays: 0, auditRetentionDays: 730 }, { punches: 5, audit: 0 })
    expect(await retention.apply()).toEqual({ punchesRemoved: 0, auditEntriesRemoved: 0, visitorsRemoved: 0, photosRemoved: 0, shiftsClosed: 0 })
    expect(calls.punchCutoff).toEqual([])
    expect(calls.visitorDays).toEqual([])
    expect(calls.auditDays).toEqual([730])
    expect(calls.entries).toEqual([])
  })

  it('cuts punches at now minus the retention days and writes one entry as clockface', async () => {
    const { retention, calls } = setup({ punchRetentionDays: 30, auditRetentionDays: 365 }, { punches: 2, audit: 1 })
    expect(await retention.apply()).toEqual({ punchesRemoved: 2, auditEntriesRemoved: 1, visitorsRemoved: 0, photosRemoved: 0, shiftsClosed: 0 })
    expect(calls.punchCutoff).toEqual(['2024-05-31T12:00:00.000Z'])
    expect(calls.entries).toEqual([
      'clockface applyRetention browser: retention removed 2 punches older than 2024-05-31T12:00:00.000Z (30 days) and 1 audit entry older than 365 days or beyond the entry limit'
    ])
  })

  it('removes punch snapshots past their retention, unmarks their punches, and counts closed shifts', async () => {
    const { retention, calls } = setup({ punchRetentionDays: 0, auditRetentionDays: 730 }, { punches: 0, audit: 0, photos: 3, shifts: 1 })
    expect(await retention.apply()).toEqual({ punchesRemoved: 0, auditEntriesRemoved: 0, visitorsRemoved: 0, photosRemoved: 3, shiftsClosed: 1 })
    expect(calls.photoCutoff).toEqual(['2024-05-31T12:00:00.000Z', 'marks 2024-05-31T12:00:00.000Z'])
    expect(calls.entries).toEqual(['clockface applyRetention browser: retention removed 3 punch snapshots older than 30 days'])
  })

  it('purges visitors not seen within the visitor retention, and says so in the entry', async () => {
    const { retention, calls } = setup({ punchRetentionDays: 0, auditRetentionDays: 730, visitorRetentionDays: 30 }, { punches: 0, audit: 0, visitors: 2 })
    expect(await retention.apply()).toEqual({ punchesRemoved: 0, auditEntriesRemoved: 0, visitorsRemoved: 2, photosRemoved: 0, shiftsClosed: 0 })
    expect(calls.visitorDays).toEqual([30])
    expect(calls.entries).toEqual(['clockface applyRetention browser: retention removed 2 visitors not seen for 30 days'])
  })

  it('schedules daily runs on a timer that does not hold the process', () => {
    vi.useFakeTimers()
    try {
      const { retention, calls } = setup({ punchRetentionDays: 0, auditRetentionDays: 730 }, { punches: 0, audit: 0 })
      retention.schedule()
      vi.advanceTimersByTime(24 * 60 * 60 * 1000)
      expect(calls.auditDays).toHaveLength(1)
      retention.stop()
      vi.advanceTimersByTime(48 * 60 * 60 * 1000)
      expect(calls.auditDays).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('PIN punch lock-out', () => {
  it('answers unknown codes, missing PINs and wrong PINs alike, and locks a code after repeated failures', async () => {
    let clock = new Date('2024-01-01T08:00:00.000Z')
    const docs = new Map<string, EmployeeDoc>([
      ['A', { _id: 'a', code: 'A', name: 'Ann', department: '', pinHash: await hashSecret('2580'), createdAt: '', updatedAt: '' }],
      ['B', { _id: 'b', code: 'B', name: 'Ben', department: '', createdAt: '', updatedAt: '' }]
    ])
    const punched: PunchSubject[] = []
    const attendance: Pick<AttendanceService, 'punch'> = {
      async punch(subject, { kioskId }) {
        punched.push(subject)
        return { id: 'p', employeeId: subject.employeeId, employeeCode: subject.code, employeeName: subject.name, type: 'check-in', time: clock.toISOString(), distance: subject.distance, source: subject.source ?? 'face', kioskId, repeated: false }
      }
    }
    const warn = vi.fn()
    const pins = createPinPunch({ employees: { byCode: async (code) => docs.get(code) ?? null }, attendance,
      kiosks: { station: async (ctx) => ({ kioskId: ctx.kiosk?.kioskId ?? 'desk', timeZone: 'UTC', punchChoice: 'automatic', verifyMode: false }) },
      config: { now: () => clock, kioskId: 'desk', warn }
    })
    const kiosk = createCallContext({ channel: 'browser', kiosk: { kioskId: 'k9' } })
    const code = async (c: string, pin: string) => pins.punch({ code: c, pin }, kiosk).then(() => 'ok', (e: ClockfaceError) => `${e.code}: ${e.message}`)

    const answers = new Set([await code('A', '0000'), await code('B', '2580'), await code('Z', '2580')])
    expect(answers).toEqual(new Set(['unauthorized: Wrong employee code or PIN.']))

    expect(await code('A', '2580')).toBe('ok')
    expect(punched).toEqual([{ employeeId: 'a', code: 'A', name: 'Ann', department: '', distance: null, source: 'pin' }])

    expect(PIN_LOCKOUT.attempts).toBe(3)
    for (let i = 1; i < PIN_LOCKOUT.attempts; i++) await code('A', '1111')
    expect(await code('A', '1111')).toMatch(/^locked-out: /)
    expect(await code('A', '2580')).toMatch(/^locked-out: /)
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/locked out/), expect.objectContaining({ code: 'A', kioskId: 'k9' }))

    pins.reset('A')
    expect(await code('A', '2580')).toBe('ok')

    // A lock-out ends after PIN_LOCKOUT.minutes.
    for (let i = 0; i < PIN_LOCKOUT.attempts; i++) await code('Z', '1111')
    expect(await code('Z', '1111')).toMatch(/^locked-out: /)
    clock = new Date(clock.getTime() + PIN_LOCKOUT.minutes * 60_000 + 1)
    expect(await code('Z', '1111')).toBe('unauthorized: Wrong employee code or PIN.')
  }, 120_000)
})

describe('audit wording', () => {
  const employee: Employee = {
    id: 'e1',
    code: 'E1',
    name: 'Ann',
    department: '',
    templateCount: 1,
    hasPin: true,
    consent: { recordedBy: 'olga', recordedAt: '2024-01-01T00:00:00.000Z', textVersion: CONSENT_TEXT_VERSION },
    createdAt: '',
    updatedAt: ''
  }
  const ok = <T>(value: T) => ({ ok: true as const, value })

  it('says a PIN was set or removed, never its value', () => {
    const created = describeAdminRequest('createEmployee', { code: 'E1', name: 'Ann', pin: '8642' }, ok({ employee, template: { id: 't1', employeeId: 'e1', employeeCode: 'E1', source: 'file' as const, thumbnail: '', createdAt: '' } }), {})
    expect(created.summary).toBe(`added employee E1 "Ann" with a face template (consent recorded: text version "${CONSENT_TEXT_VERSION}") and a kiosk PIN`)
    const set = describeAdminRequest('updateEmployee', { code: 'E1', changes: { pin: '8642' } }, ok(employee), { employee: { code: 'E1', name: 'Ann', department: '' } })
    expect(set.summary).toBe('updated employee E1: set a new kiosk PIN')
    const refused = describeAdminRequest('updateEmployee', { code: 'E1', changes: { pin: '12' } }, { ok: false, error: { code: 'invalid-input', message: 'x', details: [{ path: ['changes', 'pin'] }] } }, {})
    expect(refused.summary).toBe('refused to update employee E1: invalid-input (changes.pin)')
    for (const facts of [created, set, refused]) expect(facts.summary).not.toMatch(/8642|12\b/)
  })

  it('words settings changes, exports and erasure', () => {
    const settings = describeAdminRequest('updateSettings', { idleMinutes: 5 }, ok({ settings: { ...DEFAULT_SETTINGS, idleMinutes: 5 }, changed: [{ name: 'idleMinutes', from: 10, to: 5 }] }), {})
    expect(settings).toEqual({ summary: 'changed settings: idleMinutes 10 → 5' })
    const data: PersonData = { code: 'E1', exportedAt: '', exportedBy: 'olga', employee: null, consent: null, templates: [], attendance: [], auditEntries: [] }
    expect(describeAdminRequest('exportPersonData', { code: 'E1' }, ok(data), {})).toEqual({
      employeeCode: 'E1',
      summary: 'exported the personal data of E1 (employee deleted): 0 face templates, 0 punches, 0 audit entries'
    })
    const kept = describeAdminRequest('deleteEmployee', { code: 'E1' }, ok({ deletedTemplates: 1, erasedFromFiles: false }), {})
    expect(kept.summary).toMatch(/^deleted employee E1 and 1 face template; the data files could not be compacted yet/)
  })
})
