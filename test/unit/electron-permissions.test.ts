import { describe, expect, it } from 'vitest'
import { isAppUrl } from '../../src/main/electron/app-origin'
import { allowPermissionCheck, allowPermissionRequest } from '../../src/main/electron/permission-policy'

const appOnly = (url: string): boolean => isAppUrl(url, { packaged: true, devServerUrl: 'http://localhost:5173' })
const withDevServer = (url: string): boolean => isAppUrl(url, { packaged: false, devServerUrl: 'http://localhost:5173' })
const page = 'clockface://app/index.html#/kiosk'

describe('allowPermissionRequest', () => {
  it('grants the camera to the app’s page', () => {
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page, securityOrigin: 'clockface://app', mediaTypes: ['video'] }, appOnly)).toBe(true)
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page, mediaTypes: ['video'] }, appOnly)).toBe(true)
  })

  it('never grants the microphone, or media without a device type', () => {
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page, mediaTypes: ['video', 'audio'] }, appOnly)).toBe(false)
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page, mediaTypes: ['audio'] }, appOnly)).toBe(false)
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page, mediaTypes: [] }, appOnly)).toBe(false)
    expect(allowPermissionRequest({ permission: 'media', requestingUrl: page }, appOnly)).toBe(false)
  })

  it('refuses the camera to any other origin, file:// included', () => {
    for (const requestingUrl of ['file:///opt/clockface/index.html', 'https://evil.example/', 'clockface://evil/index.html', '']) {
      expect(allowPermissionRequest({ permission: 'media', requestingUrl, mediaTypes: ['video'] }, appOnly), requestingUrl).toBe(false)
    }
    expect(
      allowPermissionRequest({ permission: 'media', requestingUrl: page, securityOrigin: 'https://evil.example', mediaTypes: ['video'] }, appOnly)
    ).toBe(false)
  })

  it('refuses every other permission, even to the app', () => {
    for (const permission of ['notifications', 'geolocation', 'display-capture', 'clipboard-read', 'fullscreen', 'openExternal', 'hid', 'usb', 'serial', 'midi']) {
      expect(allowPermissionRequest({ permission, requestingUrl: page, mediaTypes: ['video'] }, appOnly), permission).toBe(false)
    }
  })

  it('grants the camera to the dev server only when it is trusted (not packaged)', () => {
    const facts = { permission: 'media', requestingUrl: 'http://localhost:5173/#/kiosk', mediaTypes: ['video'] }
    expect(allowPermissionRequest(facts, withDevServer)).toBe(true)
    expect(allowPermissionRequest(facts, appOnly)).toBe(false)
  })
})

describe('allowPermissionCheck', () => {
  it('passes a camera check from the app’s origin', () => {
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'clockface://app', securityOrigin: 'clockface://app', requestingUrl: page, mediaType: 'video' }, appOnly)).toBe(true)
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'clockface://app', mediaType: 'video' }, appOnly)).toBe(true)
  })

  it('fails microphone, unknown and untyped media checks', () => {
    for (const mediaType of ['audio', 'unknown', undefined]) {
      expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'clockface://app', mediaType }, appOnly), String(mediaType)).toBe(false)
    }
  })

  it('fails checks from other origins or frames', () => {
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'file://', mediaType: 'video' }, appOnly)).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'https://evil.example', mediaType: 'video' }, appOnly)).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'clockface://app', requestingUrl: 'https://evil.example/', mediaType: 'video' }, appOnly)).toBe(false)
    expect(allowPermissionCheck({ permission: 'media', requestingOrigin: 'clockface://app', securityOrigin: 'https://evil.example', mediaType: 'video' }, appOnly)).toBe(false)
  })

  it('fails every other permission', () => {
    for (const permission of ['notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb', 'storage-access']) {
      expect(allowPermissionCheck({ permission, requestingOrigin: 'clockface://app', mediaType: 'video' }, appOnly), permission).toBe(false)
    }
  })
})
