/**
 * The `clockface://` protocol: serves the built renderer (out/renderer) to the window, and
 * nothing else. Kept free of Electron imports so the handler can be exercised with the
 * standard Request/Response classes in unit tests; setup-protocol.ts registers it.
 */
import { readFile } from 'node:fs/promises'
import nodePath from 'node:path'
import type { CustomScheme } from 'electron'
import { SECURITY_HEADERS } from '../transport/security-headers'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { contentTypeFor } from './content-types'

/**
 * How the scheme is registered, before the app is ready:
 * `standard` (relative URLs and a real origin, so 'self' in the CSP means this origin),
 * `secure` (a secure context, which getUserMedia needs for the camera), `supportFetchAPI`
 * and `stream` (media responses can be streamed). No `bypassCSP`, no `corsEnabled`,
 * no service workers: the page needs none of them.
 */
export const APP_SCHEME_PRIVILEGES: readonly CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }
]

/** Outcome of mapping a request onto a file of the renderer folder. */
export type AppFileLookup =
  | { ok: true; filePath: string; contentType: string }
  | { ok: false; status: 400 | 403 | 404 | 405; reason: string }

/**
 * Maps a request to a file inside `rendererDir`, without touching the disk.
 * Only GET and HEAD on `clockface://app/...` are served; `/` means index.html. The path is
 * percent-decoded and then refused (403) if it contains a backslash, a NUL byte or a `..`
 * segment, or if it resolves outside `rendererDir` (an absolute or drive-letter path), so no
 * spelling of a traversal reaches a file outside the renderer folder.
 * @param method HTTP method of the request
 * @param url full request URL
 * @param rendererDir absolute path of out/renderer
 * @param paths path functions; `node:path` (the platform's) unless a test passes `path.win32`
 */
export function resolveAppFile(method: string, url: string, rendererDir: string, paths: nodePath.PlatformPath = nodePath): AppFileLookup {
  if (method !== 'GET' && method !== 'HEAD') return { ok: false, status: 405, reason: `method ${method} not allowed` }
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return { ok: false, status: 400, reason: 'malformed URL' }
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { ok: false, status: 404, reason: 'not an app URL' }
  let decoded: string
  try {
    decoded = decodeURIComponent(parsed.pathname)
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent-encoding' }
  }
  if (decoded.includes('\\') || decoded.includes('\0')) return { ok: false, status: 403, reason: 'forbidden character in path' }
  if (decoded.split('/').some((segment) => segment === '..')) return { ok: false, status: 403, reason: 'path traversal' }
  const relative = decoded.replace(/^\/+/, '') || 'index.html'
  if (relative.endsWith('/')) return { ok: false, status: 404, reason: 'no directory listings' }
  const root = paths.resolve(rendererDir)
  const filePath = paths.resolve(root, relative)
  if (!filePath.startsWith(root + paths.sep)) return { ok: false, status: 403, reason: 'path outside the renderer folder' }
  return { ok: true, filePath, contentType: contentTypeFor(filePath) }
}

/** What {@link createAppProtocolHandler} reads files with; tests may count or fail reads. */
export interface AppProtocolDeps {
  /** Reads a whole file; rejects with a Node error (`code` ENOENT and so on) when it cannot. */
  readFile?: (filePath: string) => Promise<Uint8Array>
}

/** Headers of every response: the CSP and security headers of browser mode, plus ours. */
function headersFor(contentType: string): Headers {
  const headers = new Headers(SECURITY_HEADERS)
  headers.set('Content-Type', contentType)
  // The files change with each build of the app; a stale cached chunk must never be run.
  headers.set('Cache-Control', 'no-cache')
  return headers
}

const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR'])

/**
 * The `protocol.handle('clockface', ...)` handler: answers each request with the file
 * {@link resolveAppFile} maps it to, with its content type and the security headers
 * (CSP included) on every response, errors included. Missing files and directories are 404,
 * other read failures 500 (logged by the caller's console, not shown to the page).
 * @param rendererDir absolute path of out/renderer (see resource-paths.ts)
 */
export function createAppProtocolHandler(rendererDir: string, deps: AppProtocolDeps = {}): (request: Request) => Promise<Response> {
  const read = deps.readFile ?? ((filePath: string) => readFile(filePath))
  return async (request) => {
    const lookup = resolveAppFile(request.method, request.url, rendererDir)
    if (!lookup.ok) return new Response(lookup.reason, { status: lookup.status, headers: headersFor('text/plain; charset=utf-8') })
    let body: Uint8Array
    try {
      body = await read(lookup.filePath)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code
      if (code !== undefined && NOT_FOUND_CODES.has(code)) {
        return new Response('not found', { status: 404, headers: headersFor('text/plain; charset=utf-8') })
      }
      console.error('Clockface: cannot read', lookup.filePath, error)
      return new Response('cannot read file', { status: 500, headers: headersFor('text/plain; charset=utf-8') })
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headersFor(lookup.contentType) })
  }
}
