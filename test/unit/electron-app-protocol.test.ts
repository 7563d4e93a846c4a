import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path, { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, APP_ORIGIN, appStartUrl, isAppUrl } from '../../src/main/electron/app-origin'
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler, resolveAppFile } from '../../src/main/electron/app-protocol'
import { contentTypeFor } from '../../src/main/electron/content-types'
import { SECURITY_HEADERS } from '../../src/main/transport/security-headers'

const packaged = { packaged: true, devServerUrl: 'http://localhost:5173' }
const development = { packaged: false, devServerUrl: 'http://localhost:5173' }

describe('app origin', () => {
  it('is clockface://app, and the window loads its index.html', () => {
    expect(APP_ORIGIN).toBe('clockface://app')
    expect(APP_ENTRY_URL).toBe('clockface://app/index.html')
    expect(appStartUrl(packaged)).toBe('clockface://app/index.html')
    expect(appStartUrl({ packaged: false })).toBe('clockface://app/index.html')
    expect(appStartUrl(development)).toBe('http://localhost:5173')
  })

  it('accepts the app’s own pages, hash routes and origin', () => {
    for (const url of ['clockface://app/index.html', 'clockface://app/index.html#/admin', 'clockface://app/', 'clockface://app']) {
      expect(isAppUrl(url, packaged), url).toBe(true)
    }
  })

  it('never accepts file://, other hosts, ports, credentials or other schemes', () => {
    for (const url of [
      'file:///opt/Clockface/resources/app.asar/out/renderer/index.html',
      'file://app/index.html',
      'clockface://evil/index.html',
      'clockface://app:8080/index.html',
      'clockface://user@app/index.html',
      'https://app/index.html',
      'http://localhost:5173/',
      'about:blank',
      'not a url',
      ''
    ]) {
      expect(isAppUrl(url, packaged), url).toBe(false)
    }
  })

  it('accepts the dev server only when not packaged, and only its exact origin', () => {
    expect(isAppUrl('http://localhost:5173/#/kiosk', development)).toBe(true)
    expect(isAppUrl('http://localhost:5173', development)).toBe(true)
    expect(isAppUrl('http://localhost:51730/', development)).toBe(false)
    expect(isAppUrl('http://localhost:5173.evil.example/', development)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', development)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', { packaged: false })).toBe(false)
    expect(isAppUrl('file:///x/index.html', development)).toBe(false)
  })
})

describe('scheme registration', () => {
  it('registers clockface as standard, secure, fetch-capable and streamable, and nothing more', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual([{ scheme: 'clockface', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }])
  })
})

describe('resolveAppFile', () => {
  const root = '/opt/clockface/out/renderer'

  it('maps / and paths to files of the renderer folder with their content type', () => {
    expect(resolveAppFile('GET', 'clockface://app/', root)).toEqual({ ok: true, filePath: `${root}/index.html`, contentType: 'text/html; charset=utf-8' })
    expect(resolveAppFile('GET', 'clockface://app/index.html#/admin', root)).toMatchObject({ ok: true, filePath: `${root}/index.html` })
    expect(resolveAppFile('HEAD', 'clockface://app/assets/index-1.js?v=2', root)).toEqual({
      ok: true,
      filePath: `${root}/assets/index-1.js`,
      contentType: 'text/javascript; charset=utf-8'
    })
    expect(resolveAppFile('GET', 'clockface://app/assets/a%20b.css', root)).toMatchObject({ filePath: `${root}/assets/a b.css`, contentType: 'text/css; charset=utf-8' })
  })

  it('refuses every spelling of a path out of the folder', () => {
    for (const url of [
      'clockface://app/..%2f..%2fetc%2fpasswd',
      'clockface://app/assets/..%2F..%2F..%2Fsecret',
      'clockface://app/%2e%2e%2f%2e%2e%2fsecret',
      'clockface://app/..%5c..%5csecret',
      'clockface://app/assets%5cindex.js',
      'clockface://app/index.html%00.png',
      // Stays inside the folder, but an encoded `..` is never a legitimate asset path.
      'clockface://app/assets/..%2findex.html'
    ]) {
      const lookup = resolveAppFile('GET', url, root)
      expect(lookup, url).toMatchObject({ ok: false, status: 403 })
    }
  })

  it('keeps paths the URL parser already collapsed inside the folder', () => {
    const lookup = resolveAppFile('GET', new Request('clockface://app/../../etc/passwd').url, root)
    expect(lookup).toEqual({ ok: true, filePath: `${root}/etc/passwd`, contentType: 'application/octet-stream' })
  })

  it('refuses drive letters and UNC paths on Windows', () => {
    const winRoot = 'C:\\Program Files\\Clockface\\resources\\app.asar\\out\\renderer'
    expect(resolveAppFile('GET', 'clockface://app/C:/Windows/win.ini', winRoot, path.win32)).toMatchObject({ ok: false, status: 403 })
    expect(resolveAppFile('GET', 'clockface://app/%5c%5cserver%5cshare', winRoot, path.win32)).toMatchObject({ ok: false, status: 403 })
    expect(resolveAppFile('GET', 'clockface://app/assets/x.js', winRoot, path.win32)).toMatchObject({ ok: true, filePath: `${winRoot}\\assets\\x.js` })
  })

  it('refuses other methods, hosts, schemes, directories and broken encodings', () => {
    expect(resolveAppFile('POST', 'clockface://app/index.html', root)).toMatchObject({ ok: false, status: 405 })
    expect(resolveAppFile('GET', 'clockface://other/index.html', root)).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile('GET', 'file:///etc/passwd', root)).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile('GET', 'clockface://app/assets/', root)).toMatchObject({ ok: false, status: 404 })
    expect(resolveAppFile('GET', 'clockface://app/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 })
  })
})

describe('contentTypeFor', () => {
  it('names the types of built files and falls back to octet-stream', () => {
    expect(contentTypeFor('index.html')).toBe('text/html; charset=utf-8')
    expect(contentTypeFor('a/INDEX-X.JS')).toBe('text/javascript; charset=utf-8')
    expect(contentTypeFor('x.css')).toBe('text/css; charset=utf-8')
    expect(contentTypeFor('x.svg')).toBe('image/svg+xml')
    expect(contentTypeFor('x.woff2')).toBe('font/woff2')
    expect(contentTypeFor('x.wasm')).toBe('application/wasm')
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream')
  })
})

describe('createAppProtocolHandler', () => {
  let base: string
  let rendererDir: string
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'clockface-protocol-'))
    rendererDir = join(base, 'renderer')
    mkdirSync(join(rendererDir, 'assets'), { recursive: true })
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clockface</title>')
    writeFileSync(join(rendererDir, 'assets', 'index-1.js'), 'export const x = 1')
    writeFileSync(join(base, 'secret.txt'), 'TOP SECRET')
  })
  afterAll(() => rmSync(base, { recursive: true, force: true }))

  const expectSecurityHeaders = (response: Response): void => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name), name).toBe(value)
  }

  it('serves index.html and assets with their types and the CSP', async () => {
    const handle = createAppProtocolHandler(rendererDir)
    const page = await handle(new Request('clockface://app/index.html'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await page.text()).toBe('<!doctype html><title>Clockface</title>')
    expectSecurityHeaders(page)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")

    const script = await handle(new Request('clockface://app/assets/index-1.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export const x = 1')
    expectSecurityHeaders(script)

    const head = await handle(new Request('clockface://app/', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('answers traversal with 403 and never the file’s content', async () => {
    const handle = createAppProtocolHandler(rendererDir)
    const response = await handle(new Request('clockface://app/..%2fsecret.txt'))
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain('TOP SECRET')
    expectSecurityHeaders(response)
  })

  it('answers missing files and directories with 404, read failures with 500, all with the CSP', async () => {
    const handle = createAppProtocolHandler(rendererDir)
    const missing = await handle(new Request('clockface://app/nope.js'))
    expect(missing.status).toBe(404)
    expectSecurityHeaders(missing)
    expect((await handle(new Request('clockface://app/assets'))).status).toBe(404)
    const broken = createAppProtocolHandler(rendererDir, {
      readFile: () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }))
    })
    const failed = await broken(new Request('clockface://app/index.html'))
    expect(failed.status).toBe(500)
    expectSecurityHeaders(failed)
  })
})
