/**
 * Set-up shared by the services, recognition and CLI integration tests: a Clockface core
 * (real engine, real store) on a fresh temporary data folder, and a typed call helper that
 * goes through shared/dispatch.ts like every transport does.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { OperationName, OperationRequest, OperationResponse } from '../../src/shared/contract'
import type { Result } from '../../src/shared/errors'
import { cliContext, startClockface, type ClockfaceCore } from '../../src/main/app-core'
import type { CallContext } from '../../src/main/dispatch/call-context'
import type { ServiceConfig } from '../../src/main/services/service-config'
import { deepfaceUnit } from '../helpers/datasets'
import { ensureEngineBuilt, modelsDir, projectRoot, workerPath } from './engine-harness'

/** A running core on a temporary folder. */
export interface TestCore {
  core: ClockfaceCore
  dataDir: string
  /** Dispatches as the local CLI operator (an owner), like the command line. */
  call<K extends OperationName>(name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>>
  /** Dispatches with the given context (a kiosk, a manager, nobody). */
  callAs<K extends OperationName>(ctx: CallContext, name: K, request: OperationRequest<K>): Promise<Result<OperationResponse<K>>>
  /** Closes the core and starts a new one on the same folder (same config unless given). */
  restart(config?: Partial<ServiceConfig>): Promise<void>
  /** Closes the core and deletes the folder. */
  stop(): Promise<void>
}

/**
 * Starts a core with the built engine worker and waits until its models are loaded. `call`
 * dispatches as the local operator of the CLI (channel `cli`, an owner); `callAs` with any
 * context, so tests can act as a kiosk, a manager or an anonymous caller.
 */
export async function startTestCore(config: Partial<ServiceConfig> = {}): Promise<TestCore> {
  ensureEngineBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), 'clockface-it-'))
  const core = await startClockface({ dataDir, engineOptions: { workerPath, modelsDir }, config: { kioskId: 'test-kiosk', ...config } })
  await core.engine.ready()
  const t: TestCore = {
    core,
    dataDir,
    call: (name, request) => t.core.dispatch(name, request, cliContext()),
    callAs: (ctx, name, request) => t.core.dispatch(name, request, ctx),
    async restart(overrides = config) {
      await t.core.close()
      t.core = await startClockface({ dataDir, engineOptions: { workerPath, modelsDir }, config: { kioskId: 'test-kiosk', ...overrides } })
      await t.core.engine.ready()
    },
    async stop() {
      await t.core.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
  }
  return t
}

/** A deepface-unit photo as an encoded-image request field. */
export function photo(file: string): { kind: 'encoded'; data: Uint8Array<ArrayBuffer> } {
  return { kind: 'encoded', data: new Uint8Array(readFileSync(deepfaceUnit(file))) }
}

/** The value of a successful Result; throws with the error otherwise (clear test failures). */
export function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`operation failed: ${result.error.code}: ${result.error.message}`)
  return result.value
}

/**
 * Makes sure out/main/<entry>.js is built from the current sources (scripts/ensure-built.mjs,
 * the check `npm run cli` / `npm run serve` use). When the rebuild fails but a bundle exists
 * (another part of the app mid-edit), the existing bundle is used with a warning.
 */
export function ensureBundle(entry: 'cli' | 'server'): string {
  const bundle = join(projectRoot, 'out', 'main', `${entry}.js`)
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import('./scripts/ensure-built.mjs'); m.ensureBuilt(${JSON.stringify(entry)})`], {
      cwd: projectRoot,
      stdio: 'pipe'
    })
  } catch (error) {
    if (!existsSync(bundle)) throw error
    console.warn(`could not rebuild ${bundle}; testing the existing bundle:\n${String((error as { stderr?: unknown }).stderr ?? error)}`)
  }
  return bundle
}
