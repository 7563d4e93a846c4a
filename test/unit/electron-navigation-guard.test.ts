import { EventEmitter } from 'node:events'
import type { WebContents } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { isAppUrl } from '../../src/main/electron/app-origin'
import { guardNavigation } from '../../src/main/electron/navigation-guard'

class FakeContents extends EventEmitter {
  openHandler: (() => { action: string }) | undefined
  setWindowOpenHandler(handler: () => { action: string }): void {
    this.openHandler = handler
  }
}

const navigation = (url: string): { url: string; preventDefault: ReturnType<typeof vi.fn> } => ({ url, preventDefault: vi.fn() })

function guarded(): FakeContents {
  const contents = new FakeContents()
  guardNavigation(contents as unknown as WebContents, (url) => isAppUrl(url, { packaged: true }))
  return contents
}

describe('guardNavigation', () => {
  it('cancels navigations, redirects and frame navigations away from the app', () => {
    const contents = guarded()
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'clockface://other/index.html']) {
        const details = navigation(url)
        contents.emit(event, details, url)
        expect(details.preventDefault, `${event} ${url}`).toHaveBeenCalledTimes(1)
      }
    }
  })

  it('lets navigations within the app through', () => {
    const contents = guarded()
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const details = navigation('clockface://app/index.html#/admin')
      contents.emit(event, details, details.url)
      expect(details.preventDefault, event).not.toHaveBeenCalled()
    }
  })

  it('denies new windows and refuses webviews', () => {
    const contents = guarded()
    expect(contents.openHandler?.()).toEqual({ action: 'deny' })
    const attach = { preventDefault: vi.fn() }
    contents.emit('will-attach-webview', attach, {}, {})
    expect(attach.preventDefault).toHaveBeenCalledTimes(1)
  })
})
