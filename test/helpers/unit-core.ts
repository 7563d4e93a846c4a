/**
 * A Clockface core for unit tests: a real store in a temporary folder and the app's own
 * wiring (assembleCore: repositories, auth, services, audit and authorisation middleware),
 * with an engine that reports itself unavailable, so non-recognition paths are tested
 * without loading models. Recognition is tested on real photos in test/integration.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OperationName, OperationRequest, OperationResponse } from '../../src/shared/contract'
import { ClockfaceError, type Result } from '../../src/shared/errors'
import type { EngineStatus } from '../../src/shared/models'
import { assembleCore, cliContext, type ClockfaceCore } from '../../src/main/app-core'
import type { CallContext } from '../../src/main/dispatch/call-context'
import type { FaceEngine } from '../../src/main/engine/engine-types'
import { resolveServiceConfig, type ServiceConfig } from '../../src/main/services/service-config'
import { openStore } from '../../src/main/store/open-store'
import type { ClockfaceStore } from '../../src/main/store/store-types'

/** An engine whose models never loaded: status `error`, every detect rejects with `engine-unavailable`. */
export function unavailableEngine(): FaceEngine {
  const status: EngineStatus = { state: 'error', progress: 0, backend: null, models: [], error: 'models missing (test)' }
  const down = () => Promise.reject(new ClockfaceError('engine-unavailable', 'models missing (test)'))
  return { ready: down, status: () => status, onStatus: () => () => undefined, detect: down, analyse: down, memory: down, close: async () => undefined }
}

/** A unit-test core over a temporary folder. */
export interface UnitCore extends Pick<ClockfaceCore, 'dispatch' | 'auth' | 'repos' | 'auditLog'> {
  dir: string
  store: ClockfaceStore
  config: ServiceConfig
  /** Dispatches as the local CLI operator (an owner). */
  call<K extends OperationName>(name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>>
  /** Dispatches with the given context. */
  callAs<K extends OperationName>(ctx: CallContext, name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>>
  /** Closes the store and deletes the folder. */
  close(): Promise<void>
}

/** Opens a store in a new temporary folder and assembles the core over it (settings `config`, optional set-up code). */
export async function openUnitCore(config: Partial<ServiceConfig> = {}, extra: { setupCode?: string; engine?: FaceEngine } = {}): Promise<UnitCore> {
  const dir = mkdtempSync(join(tmpdir(), 'clockface-unit-'))
  const store = await openStore(dir)
  const resolved = resolveServiceConfig({ kioskId: 'unit-kiosk', ...config })
  const core = assembleCore({ store, engine: extra.engine ?? unavailableEngine(), config: resolved, ...(extra.setupCode === undefined ? {} : { setupCode: extra.setupCode }) })
  return {
    ...core,
    dir,
    store,
    config: resolved,
    call: (name, request) => core.dispatch(name, request, cliContext()),
    callAs: (ctx, name, request) => core.dispatch(name, request, ctx),
    async close() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}
