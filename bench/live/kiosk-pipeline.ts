/**
 * The kiosk's live path as the bench drives it: the app core (store, engine thread, services)
 * with `recogniseFrame` dispatched exactly as the kiosk screen's transport does, so the figures
 * include detection/tracking, descriptors, 1:N search, multi-frame confirmation and punching.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONSENT_TEXT_VERSION } from '../../src/shared/consent-text'
import type { OperationName, OperationRequest } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { cliContext, startClockface } from '../../src/main/app-core'
import type { BackendChoice } from '../../src/main/engine/engine-types'
import { FRAME_DETECTOR } from '../../src/main/services/recognition'
import { FRAME_HEIGHT, FRAME_WIDTH } from './clip-frames'
import type { LivePipeline } from './live-pipeline'

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** The kiosk path, and the engine's descriptors of a frame's faces (for the search bench). */
export interface KioskPipeline extends LivePipeline {
  /** MobileFaceNet descriptors (192-D, unit length) of the faces in one 640×480 RGBA frame. */
  describe(rgba: Uint8Array): Promise<Float32Array[]>
}

/** Starts the app core in a temporary data folder and waits for its engine. */
export async function startKioskPipeline(backend: BackendChoice): Promise<KioskPipeline> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clockface-live-'))
  let now = Date.UTC(2026, 0, 5, 8)
  const core = await startClockface({ dataDir, dailyBackups: false, engineOptions: { backend }, config: { kioskId: 'bench-live', now: () => new Date(now), liveTracking: true } })
  await core.engine.ready()
  const call = <K extends OperationName>(name: K, request: OperationRequest<K>) => core.dispatch(name, request, cliContext()).then(valueOf)
  const pixels = (data: Uint8Array) => ({ kind: 'pixels' as const, format: 'rgba' as const, width: FRAME_WIDTH, height: FRAME_HEIGHT, data: data as Uint8Array<ArrayBuffer> })
  const start = now
  return {
    name: 'Clockface kiosk path',
    backend: core.engine.status().backend ?? '?',
    async enrol(code, rgba) {
      await call('createEmployee', { code, name: `Person ${code}`, department: '', source: 'camera', photo: pixels(rgba), consent: { textVersion: CONSENT_TEXT_VERSION } })
    },
    async frame(rgba, nowMs) {
      now = start + nowMs
      const result = await call('recogniseFrame', { frame: pixels(rgba) })
      return result.faces.map((face) => ({ landmarks: face.landmarks, identity: face.confirmed && face.match ? face.match.code : null }))
    },
    async describe(rgba) {
      const detection = await core.engine.detect(pixels(rgba), { detector: FRAME_DETECTOR, withDescriptors: true })
      return detection.faces.flatMap((face) => (face.descriptor ? [Float32Array.from(face.descriptor)] : []))
    },
    tensors: async () => (await core.engine.memory()).numTensors,
    async close() {
      await core.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
}
