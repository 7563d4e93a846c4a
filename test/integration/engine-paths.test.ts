import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createEngine } from '../../src/main/engine/create-engine'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import { WASM_FILES } from '../../src/main/engine/face-api-loader'
import { ensureEngineBuilt, modelsDir, projectRoot, workerPath } from './engine-harness'

describe('engine default paths', () => {
  it('resolve the project files from the built bundle folder and from a chunk folder', () => {
    for (const from of [join(projectRoot, 'out', 'main'), join(projectRoot, 'out', 'main', 'chunks')]) {
      const paths = defaultEnginePaths(from)
      expect(paths.modelsDir).toBe(modelsDir)
      expect(paths.workerPath).toBe(workerPath)
      for (const file of WASM_FILES) expect(existsSync(join(paths.wasmDir, file))).toBe(true)
    }
  })

  it('let createEngine() start with no options, falling back to wasm when tfjs-node is absent', async () => {
    ensureEngineBuilt()
    const engine = createEngine()
    try {
      await engine.ready()
      const status = engine.status()
      expect(status.state).toBe('ready')
      expect(['wasm', 'tensorflow']).toContain(status.backend)
    } finally {
      await engine.close()
    }
  })
})
