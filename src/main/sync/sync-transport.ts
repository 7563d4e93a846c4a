/**
 * How a syncing kiosk reaches the server: the server's HTTP operations (`POST /api/<name>`,
 * transport/http-server.ts) with the kiosk key in the kiosk cookie, exactly as a browser
 * kiosk registered on the server sends its token.
 */
import type { OperationRequest, OperationResponse } from '../../shared/contract'
import { KIOSK_COOKIE } from '../transport/http-session'

/**
 * Why a sync call failed: `offline` (no answer: network down, server stopped, time-out; retry
 * later), `refused` (the server answered that this key is not valid: revoked or unknown;
 * retrying will not help until an admin issues a new key), `failed` (any other error answer).
 */
export class SyncError extends Error {
  constructor(
    readonly kind: 'offline' | 'refused' | 'failed',
    message: string
  ) {
    super(message)
    this.name = 'SyncError'
  }
}

/** The two calls a kiosk makes. Both reject with {@link SyncError}. */
export interface SyncTransport {
  push(request: OperationRequest<'syncPush'>): Promise<OperationResponse<'syncPush'>>
  pull(request: OperationRequest<'syncPull'>): Promise<OperationResponse<'syncPull'>>
}

/** Where the server is and how long one call may take. */
export interface HttpSyncOptions {
  /** The server's browser-mode address, e.g. `https://clock.example.com` (behind a TLS proxy). */
  serverUrl: string
  /** The kiosk key an admin issued (issueKioskKey). */
  key: string
  /** Time-out of one call in ms (default 60 000: a batch of 500 late punches or a page of templates takes seconds on a busy server). */
  timeoutMs?: number
}

/** Creates the HTTP transport. */
export function createHttpSyncTransport({ serverUrl, key, timeoutMs = 60_000 }: HttpSyncOptions): SyncTransport {
  const base = serverUrl.replace(/\/+$/, '')
  async function call<T>(operation: string, body: unknown, timeout = timeoutMs): Promise<T> {
    let response: Response
    try {
      response = await fetch(`${base}/api/${operation}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `${KIOSK_COOKIE}=${key}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeout)
      })
    } catch (error) {
      throw new SyncError('offline', `${base} did not answer: ${(error as Error).message}`)
    }
    let result: { ok: boolean; value?: T; error?: { code: string; message: string } }
    try {
      result = (await response.json()) as typeof result
    } catch (error) {
      throw new SyncError('offline', `${base} answered ${response.status} without a Clockface result: ${(error as Error).message}`)
    }
    if (result.ok) return result.value as T
    const code = result.error?.code ?? 'internal'
    const message = `${operation}: ${code}: ${result.error?.message ?? 'no message'}`
    throw new SyncError(code === 'unauthorized' || code === 'forbidden' ? 'refused' : 'failed', message)
  }
  return {
    push: (request) => call('syncPush', request),
    pull: (request) => call('syncPull', request)
  }
}
