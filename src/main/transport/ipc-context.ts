import { createCallContext, type CallContext } from '../dispatch/call-context'
import type { AuthService } from '../services/auth/auth-service'

/** The part of an IPC event this module reads: which window (web contents) sent it. */
export interface IpcEventLike {
  sender: { id: number }
}

/**
 * Builds call contexts for the Electron window's IPC calls. The window is the kiosk itself
 * (`kioskId`: it runs fullscreen at the desk, and the shell accepts IPC only from the app's
 * own page), and it holds an admin session once someone signs in there. The admin token lives
 * here in main, keyed by the window, and never reaches renderer JavaScript.
 */
export function createIpcContexts(auth: Pick<AuthService, 'resolve'>, kioskId: string): (event: unknown, operation?: string) => Promise<CallContext> {
  const adminTokens = new Map<number, string>()
  return async (event, operation) => {
    const id = (event as IpcEventLike).sender.id
    const { admin } = await auth.resolve({ adminToken: adminTokens.get(id) }, operation)
    return createCallContext({
      channel: 'app',
      admin,
      kiosk: { kioskId },
      session: {
        adminToken: () => adminTokens.get(id),
        setAdminToken(token) {
          if (token === null) adminTokens.delete(id)
          else adminTokens.set(id, token)
        },
        // The window is always the kiosk; there is nothing to register.
        setKioskToken: () => undefined
      }
    })
  }
}
