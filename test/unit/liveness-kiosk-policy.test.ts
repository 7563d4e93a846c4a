/**
 * A kiosk's presentation-attack policy through the contract: updateKiosk validates and merges
 * it, listKiosks reports it with the defaults filled in, the audit log words it, and a
 * registered kiosk with the check on takes no face punch from an uploaded photo (refused
 * before any engine work).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_LIVENESS_POLICY } from '../../src/shared/liveness-policy'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { openUnitCore, type UnitCore } from '../helpers/unit-core'

describe('kiosk presentation-attack policy', () => {
  let core: UnitCore
  let id = ''
  const lobby = createCallContext({ channel: 'browser', kiosk: { kioskId: 'lobby' } })

  beforeEach(async () => {
    core = await openUnitCore()
    id = (await core.repos.kiosks.insert({ kioskId: 'lobby', tokenHash: 'not-a-real-token', createdBy: 'test', createdAt: new Date().toISOString() }))._id
  })
  afterEach(async () => {
    await core.close()
  })

  it('is off by default and merges the fields an owner changes', async () => {
    const listed = await core.call('listKiosks', {})
    expect(listed.ok && listed.value[0]?.liveness).toEqual(DEFAULT_LIVENESS_POLICY)
    const first = await core.call('updateKiosk', { id, liveness: { mode: 'both', attackThreshold: 0.3 } })
    expect(first.ok && first.value.liveness).toEqual({ ...DEFAULT_LIVENESS_POLICY, mode: 'both', attackThreshold: 0.3 })
    const second = await core.call('updateKiosk', { id, liveness: { movementDegrees: 5 } })
    expect(second.ok && second.value.liveness).toEqual({ ...DEFAULT_LIVENESS_POLICY, mode: 'both', attackThreshold: 0.3, movementDegrees: 5 })
  })

  it('refuses an unknown mode, a threshold out of range and unknown fields', async () => {
    for (const liveness of [{ mode: 'maybe' }, { attackThreshold: 1.5 }, { blink: true }]) {
      const answer = await core.call('updateKiosk', { id, liveness } as never)
      expect(answer.ok ? 'ok' : answer.error.code).toBe('invalid-input')
    }
  })

  it('words the policy in the audit log', async () => {
    await core.call('updateKiosk', { id, liveness: { mode: 'passive' } })
    const entries = await core.call('listAuditLog', { limit: 5 })
    const entry = entries.ok ? entries.value.find((e) => e.action === 'updateKiosk') : undefined
    expect(entry?.summary).toContain(`presentation-attack check passive (threshold ${DEFAULT_LIVENESS_POLICY.attackThreshold}`)
  })

  it('takes no face punch from an uploaded photo at a kiosk with the check on', async () => {
    await core.call('updateKiosk', { id, liveness: { mode: 'passive' } })
    const answer = await core.callAs(lobby, 'punchFromApi', { image: { kind: 'encoded', data: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) } })
    expect(answer.ok ? 'ok' : answer.error.code).toBe('forbidden')
  })
})
