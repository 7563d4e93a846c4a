/**
 * The caller's sessions as the server reports them (`getSession`): first-run set-up needed,
 * the signed-in admin, the kiosk this screen is registered as, and the idle minutes after
 * which an admin is signed out. Read once at start and whenever an answer says a session is
 * gone; changed by sign-in, set-up, sign-out and kiosk registration. The session tokens
 * themselves never reach this code (HttpOnly cookies, or main's window table in Electron).
 */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useApi } from '../api/use-api'
import { setLanguage } from '../i18n'
import type { OperationRequest } from '../../../shared/contract'
import type { OperationError, Result } from '../../../shared/errors'
import type { KioskRegistration, SessionState } from '../../../shared/models'
import type { SignInReason } from '../router/admin-access'

/** Retry interval while the session cannot be read (service unreachable), in ms. */
export const SESSION_RETRY_MS = 2000

/** Pinia store of the session state, with the operations that change it. */
export const useSessionStore = defineStore('session', () => {
  const api = useApi()
  /** Last state the server reported; null before the first answer or while it cannot be read. */
  const state = ref<SessionState | null>(null)
  /** Why the last {@link load} failed; null after a success. */
  const loadError = ref<OperationError | null>(null)
  /** Why the admin was last signed out without asking (shown once on the sign-in screen). */
  const signedOutReason = ref<SignInReason | null>(null)
  let inflight: Promise<void> | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null

  const admin = computed(() => state.value?.admin ?? null)
  const kiosk = computed(() => state.value?.kiosk ?? null)
  const setupRequired = computed(() => state.value?.setupRequired ?? false)
  const isOwner = computed(() => admin.value?.role === 'owner')
  /** Idle minutes before an admin is signed out (the server's setting; 10 until it answers). */
  const idleMinutes = computed(() => state.value?.idleMinutes ?? 10)

  async function fetchState(): Promise<void> {
    const result = await api.getSession({})
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
    if (result.ok) {
      state.value = result.value
      setLanguage(result.value.language)
      loadError.value = null
      return
    }
    loadError.value = result.error
    // Until the first answer the screens cannot tell what to show: keep asking.
    if (state.value === null) retryTimer = setTimeout(() => void load(), SESSION_RETRY_MS)
  }

  /** Reads the session again; calls made while one read is under way share it. */
  function load(): Promise<void> {
    inflight ??= fetchState().finally(() => (inflight = null))
    return inflight
  }

  /** Reads the session unless it has been read already. */
  async function ensureLoaded(): Promise<void> {
    if (state.value === null) await load()
  }

  function adopt<T extends SessionState>(result: Result<T>): Result<T> {
    if (result.ok) {
      state.value = result.value
      signedOutReason.value = null
    }
    return result
  }

  /** First run: creates the owner account and signs it in. */
  async function setupOwner(request: OperationRequest<'setupOwner'>): Promise<Result<SessionState>> {
    return adopt(await api.setupOwner(request))
  }

  /** Signs an admin in with user name and password or PIN. */
  async function login(username: string, password: string): Promise<Result<SessionState>> {
    return adopt(await api.login({ username, password }))
  }

  /**
   * Signs the admin out; `reason` says why when it was not asked for. The screen counts as
   * signed out even when the answer does not arrive, so a kiosk is never left signed in.
   */
  async function logout(reason: SignInReason | null = null): Promise<void> {
    const result = await api.logout({})
    if (result.ok) state.value = result.value
    else if (state.value) state.value = { ...state.value, admin: null }
    signedOutReason.value = reason
  }

  /** Marks the admin session as ended by the server (idle, password changed elsewhere). */
  function sessionEnded(): void {
    if (state.value?.admin) state.value = { ...state.value, admin: null }
    signedOutReason.value = 'expired'
  }

  /** Changes the signed-in admin's own password or PIN. */
  function changePassword(currentPassword: string, newPassword: string) {
    return api.changePassword({ currentPassword, newPassword })
  }

  /** Registers this screen as the kiosk `kioskId`, then re-reads the session (which now names it). */
  async function registerKiosk(kioskId: string): Promise<Result<KioskRegistration>> {
    const result = await api.registerKiosk({ kioskId })
    if (result.ok) await load()
    return result
  }

  return {
    state,
    loadError,
    signedOutReason,
    admin,
    kiosk,
    setupRequired,
    isOwner,
    idleMinutes,
    load,
    ensureLoaded,
    setupOwner,
    login,
    logout,
    sessionEnded,
    changePassword,
    registerKiosk
  }
})
