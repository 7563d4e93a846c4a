/** A kiosk's sync settings from its environment: server address and key file, or none. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { kioskSyncFromEnv } from '../../src/main/sync/sync-env'

describe('kiosk sync settings from the environment', () => {
  it('is a kiosk on its own without CLOCKFACE_SYNC_SERVER', () => {
    expect(kioskSyncFromEnv({})).toBeUndefined()
  })

  it('reads the key from the first line of the key file, else from CLOCKFACE_KIOSK_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clockface-key-'))
    try {
      writeFileSync(join(dir, 'key'), 'from-file\nignored\n')
      expect(kioskSyncFromEnv({ CLOCKFACE_SYNC_SERVER: 'https://clock.example', CLOCKFACE_KIOSK_KEY_FILE: join(dir, 'key'), CLOCKFACE_KIOSK_KEY: 'env' })).toEqual({
        serverUrl: 'https://clock.example',
        key: 'from-file'
      })
      expect(kioskSyncFromEnv({ CLOCKFACE_SYNC_SERVER: 'http://10.0.0.2:5780', CLOCKFACE_KIOSK_KEY: ' k ' })).toEqual({ serverUrl: 'http://10.0.0.2:5780', key: 'k' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('refuses a server without a key, a missing key file and an address that is not http(s)', () => {
    expect(() => kioskSyncFromEnv({ CLOCKFACE_SYNC_SERVER: 'https://clock.example' })).toThrow(/no kiosk key/)
    expect(() => kioskSyncFromEnv({ CLOCKFACE_SYNC_SERVER: 'https://clock.example', CLOCKFACE_KIOSK_KEY_FILE: '/nonexistent/key' })).toThrow(/cannot be read/)
    expect(() => kioskSyncFromEnv({ CLOCKFACE_SYNC_SERVER: 'clock.example', CLOCKFACE_KIOSK_KEY: 'k' })).toThrow(/http:\/\/ or https:\/\//)
  })
})
