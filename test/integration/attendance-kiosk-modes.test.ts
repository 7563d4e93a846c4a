/**
 * The kiosk's punch modes on real photos through the app's dispatch: buttons mode offers a
 * choice instead of punching and only the kiosk that saw the face can take it; verify mode
 * checks the face 1:1 against the typed employee code; punch snapshots are kept when on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { OperationRequest } from '../../src/shared/contract'
import { createCallContext } from '../../src/main/dispatch/call-context'
import { deepfaceUnit, hasDeepfaceUnit, identityClusters, missingDatasetsReason } from '../helpers/datasets'
import { rgbaFrame } from './engine-harness'
import { photo, startTestCore, value, type TestCore } from './services-fixture'

const consent = { textVersion: CONSENT_TEXT_VERSION }

describe.skipIf(!hasDeepfaceUnit)('kiosk punch modes on real faces', () => {
  let t: TestCore
  let fileOfP1 = ''
  let fileOfP2 = ''
  // A fresh frame per request: the engine takes over (detaches) the pixel buffer it is sent.
  const frameOf = async (file: string) => (await rgbaFrame(deepfaceUnit(file), 640, 480)) as OperationRequest<'recogniseFrame'>['frame']
  const frameOfP1 = () => frameOf(fileOfP1)
  const frameOfP2 = () => frameOf(fileOfP2)
  const lobby = createCallContext({ channel: 'browser', kiosk: { kioskId: 'lobby' } })
  const garage = createCallContext({ channel: 'browser', kiosk: { kioskId: 'garage' } })
  const kioskIds: Record<string, string> = {}

  beforeAll(async () => {
    // One frame is enough to confirm here; the confirmation rule has its own tests.
    t = await startTestCore({ confirmFrames: 1, timeZone: 'UTC' })
    const [person = [], other = []] = identityClusters()
    value(await t.call('createEmployee', { code: 'P1', name: 'Person One', department: 'Desk', photo: photo(person[0]!), consent }))
    value(await t.call('createEmployee', { code: 'P2', name: 'Person Two', department: 'Desk', photo: photo(other[0]!), consent }))
    // The enrolment photos themselves: these tests are about the punch modes, not accuracy.
    fileOfP1 = person[0]!
    fileOfP2 = other[0]!
    for (const kioskId of ['lobby', 'garage']) {
      const doc = await t.core.repos.kiosks.insert({ kioskId, tokenHash: kioskId.padEnd(64, '0'), createdBy: 'test', createdAt: new Date().toISOString() })
      kioskIds[kioskId] = doc._id
    }
  }, 120_000)

  afterAll(async () => {
    await t?.stop()
  })

  it('buttons mode: offers the allowed types, punches only the choice, only at the kiosk that saw the face', async () => {
    value(await t.call('updateKiosk', { id: kioskIds['lobby']!, punchChoice: 'buttons', timeZone: 'Europe/Madrid' }))
    expect(value(await t.callAs(lobby, 'getKioskConfig', {}))).toMatchObject({ kioskId: 'lobby', punchChoice: 'buttons', timeZone: 'Europe/Madrid', verifyMode: false, pinAfterTries: 3 })

    const seen = value(await t.callAs(lobby, 'recogniseFrame', { frame: await frameOfP1() }))
    const face = seen.faces.find((f) => f.match?.code === 'P1')
    expect(face).toMatchObject({ confirmed: true, punch: null, offer: { suggested: 'check-in', allowed: ['check-in'] } })
    expect(value(await t.call('searchAttendance', {})).total).toBe(0)
    // A second frame of the same person gets the same offer, not a second one.
    const again = value(await t.callAs(lobby, 'recogniseFrame', { frame: await frameOfP1() })).faces.find((f) => f.match?.code === 'P1')
    expect(again?.offer?.token).toBe(face!.offer!.token)

    const token = face!.offer!.token
    expect(await t.callAs(garage, 'choosePunch', { token, type: 'check-in' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    const punch = value(await t.callAs(lobby, 'choosePunch', { token: again!.offer!.token, type: 'check-in' }))
    expect(punch).toMatchObject({ employeeCode: 'P1', type: 'check-in', kioskId: 'lobby', timeZone: 'Europe/Madrid', source: 'face', repeated: false })
    expect(await t.callAs(lobby, 'choosePunch', { token, type: 'check-in' })).toMatchObject({ ok: false, error: { code: 'not-found' } })
    value(await t.call('updateKiosk', { id: kioskIds['lobby']!, punchChoice: 'automatic' }))
  }, 60_000)

  it('verify mode: names nobody without a code, refuses another person, punches the typed one', async () => {
    value(await t.call('updateKiosk', { id: kioskIds['garage']!, verifyMode: true }))
    const noCode = value(await t.callAs(garage, 'recogniseFrame', { frame: await frameOfP2() }))
    expect(noCode.faces.length).toBeGreaterThan(0)
    expect(noCode.faces.every((f) => f.match === null && f.punch === null)).toBe(true)
    // P1 typed, P2 in front of the camera: not verified, nothing punched.
    const wrong = value(await t.callAs(garage, 'recogniseFrame', { frame: await frameOfP2(), code: 'P1' }))
    expect(wrong.faces.every((f) => f.match === null && f.punch === null)).toBe(true)
    const right = value(await t.callAs(garage, 'recogniseFrame', { frame: await frameOfP2(), code: 'P2' }))
    expect(right.faces.find((f) => f.punch)).toMatchObject({ match: { code: 'P2' }, punch: { employeeCode: 'P2', type: 'check-in', kioskId: 'garage' } })
  }, 60_000)

  it('keeps a small snapshot with a face punch when the owner turned snapshots on', async () => {
    value(await t.call('updateSettings', { punchPhotos: true }))
    // P1 checked in at the lobby in the first test; past the cooldown this frame checks them out.
    await t.restart({ confirmFrames: 1, timeZone: 'UTC', cooldownMs: 0 })
    const seen = value(await t.callAs(lobby, 'recogniseFrame', { frame: await frameOfP1() }))
    const punch = seen.faces.find((f) => f.punch)?.punch
    expect(punch).toMatchObject({ employeeCode: 'P1', type: 'check-out' })
    const detail = value(await t.call('getPunch', { punchId: punch!.id }))
    expect(detail.hasPhoto).toBe(true)
    expect(detail.photo).toMatch(/^data:image\/jpeg;base64,\/9j\//)
    expect(Buffer.from(detail.photo!.split(',')[1]!, 'base64').byteLength).toBeLessThan(10_000)
  }, 60_000)
})

describe.skipIf(hasDeepfaceUnit)('kiosk punch modes (skipped)', () => {
  it.skip(missingDatasetsReason, () => undefined)
})
