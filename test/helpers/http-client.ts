/**
 * A tiny HTTP client for tests of browser mode: JSON posts to `/api/<operation>` with a cookie
 * jar, like one browser profile (each client is its own "browser").
 */
import type { Result } from '../../src/shared/errors'

/** One browser's view of the server. */
export interface TestBrowser {
  /** Posts `body` as JSON to the operation; resolves to the HTTP status and the Result. */
  post<T = unknown>(operation: string, body?: unknown): Promise<{ status: number; result: Result<T>; headers: Headers }>
  /** The cookies this browser holds, by name. */
  cookies: Map<string, string>
}

/** A new browser (empty cookie jar) against the server at `baseUrl` (ending in `/`). */
export function testBrowser(baseUrl: string): TestBrowser {
  const cookies = new Map<string, string>()
  return {
    cookies,
    async post<T>(operation: string, body: unknown = {}) {
      const response = await fetch(`${baseUrl}api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
        body: JSON.stringify(body, (_key, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))
      })
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair!.indexOf('=')
        const name = pair!.slice(0, eq)
        const value = pair!.slice(eq + 1)
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) cookies.delete(name)
        else cookies.set(name, value)
      }
      return { status: response.status, result: (await response.json()) as Result<T>, headers: response.headers }
    }
  }
}
