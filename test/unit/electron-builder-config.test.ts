import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Configuration } from 'app-builder-lib'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { DebugLogger } from 'builder-util/out/DebugLogger'
import { describe, expect, it } from 'vitest'

const projectDir = resolve(__dirname, '..', '..')

/** electron-builder.yml as electron-builder itself reads it (its own loader, YAML parser included). */
const loadConfig = (): Promise<Configuration> => getConfig(projectDir, resolve(projectDir, 'electron-builder.yml'), null)

describe('electron-builder.yml', () => {
  it('flips the Electron fuses of a locked-down kiosk', async () => {
    const config = await loadConfig()
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('packs the app into an asar archive (onlyLoadAppFromAsar loads nothing else)', async () => {
    const config = await loadConfig()
    expect(config.asar ?? true).not.toBe(false)
    expect(JSON.stringify(config.files)).toContain('"out/**"')
  })

  it('sets only fuses electron-builder’s schema knows', async () => {
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>
    }
    const known = Object.keys(scheme.definitions['FuseOptionsV1']?.properties ?? {})
    expect(known).toContain('grantFileProtocolExtraPrivileges')
    const set = Object.keys((await loadConfig()).electronFuses ?? {})
    expect(set).toHaveLength(7)
    for (const fuse of set) expect(known, fuse).toContain(fuse)
  })

  it('passes electron-builder’s own configuration validation', async () => {
    const config = await loadConfig()
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('would fail that validation with a misspelt fuse (the check is live)', async () => {
    const config = await loadConfig()
    const broken = { ...config, electronFuses: { ...config.electronFuses, runAsNodeX: false } } as Configuration
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  })
})
