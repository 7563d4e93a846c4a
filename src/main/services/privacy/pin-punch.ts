/**
 * Punching by employee code and PIN at the kiosk, for staff who have no face data (they did
 * not consent, or recognition does not work for them). The PIN is stored only as a scrypt
 * hash; wrong PINs lock the code out like admin sign-in does.
 */
import type { ValidatedRequest } from '../../../shared/contract'
import { ClockfaceError } from '../../../shared/errors'
import type { Punch } from '../../../shared/models'
import type { CallContext } from '../../dispatch/call-context'
import type { EmployeeRepository } from '../../store/repositories/employee-repository'
import type { AttendanceService } from '../attendance/attendance-service'
import type { KioskSettings } from '../attendance/kiosk-settings'
import { hashSecret, verifySecret } from '../auth/password-hash'
import { punchKioskId } from '../kiosk-id'
import type { ServiceConfig } from '../service-config'

/**
 * Most PIN checks waiting at once. Checks run one at a time (each scrypt verification takes
 * about 0.3 s and 128 MiB), so a script hammering the kiosk cannot exhaust memory; past this
 * queue length requests are refused as `busy` instead of piling up. A kiosk with people
 * queueing at the door produces a handful at most.
 */
export const MAX_PENDING_PIN_CHECKS = 20

/**
 * Wrong PINs in a row after which a code is locked, and for how long. Three tries: a 4-digit
 * PIN has 10,000 values, so an attacker at the kiosk gets 3 guesses per 15 minutes (about 290 a
 * day, a 3% chance in a day); an employee who mistypes twice still gets in on the third.
 */
export const PIN_LOCKOUT = { attempts: 3, minutes: 15 } as const

/** Codes whose failures are remembered at most; the oldest entry goes first beyond it. */
const MAX_TRACKED_CODES = 10_000

/** Hashes a kiosk PIN for EmployeeDoc.pinHash (scrypt, about 0.3 s; see password-hash.ts). */
export function hashPin(pin: string): Promise<string> {
  return hashSecret(pin)
}

/** The PIN punch service. */
export interface PinPunch {
  /**
   * punchWithPin: checks the code and PIN, then punches that employee through the attendance
   * service (`source` `pin`, `distance` null; same cooldown and check-in/check-out rules as a
   * face punch) at the caller's kiosk (see punchKioskId: `api:<key name>` for an API key,
   * `config.kioskId` for an admin without a kiosk session). Raises `unauthorized` with one
   * message for an unknown code, an employee without a PIN and a wrong PIN (so codes cannot
   * be probed); after {@link PIN_LOCKOUT}.attempts
   * failures in a row for one code, `locked-out` for {@link PIN_LOCKOUT}.minutes (details:
   * `retryAfterMs`), whether the code exists or not. Also `busy` (see
   * {@link MAX_PENDING_PIN_CHECKS}), `store-error`, `read-only`.
   */
  punch(request: ValidatedRequest<'punchWithPin'>, ctx: CallContext): Promise<Punch>
  /** Forgets the failures and lock-out of one code (an admin has just set or removed its PIN). */
  reset(code: string): void
}

/**
 * Creates the PIN punch service. Failure counts live in memory (a restart clears them, as it
 * ends admin sessions), keyed by code so unknown codes lock out exactly like real ones.
 */
export function createPinPunch(deps: {
  employees: Pick<EmployeeRepository, 'byCode'>
  attendance: Pick<AttendanceService, 'punch'>
  kiosks: Pick<KioskSettings, 'station'>
  config: Pick<ServiceConfig, 'now' | 'kioskId' | 'warn'>
}): PinPunch {
  const { employees, attendance, kiosks, config } = deps
  const failures = new Map<string, { count: number; lockedUntil: number }>()
  // Verified against when there is no hash to check, so every answer takes as long.
  let dummyHash: Promise<string> | undefined
  let queue: Promise<unknown> = Promise.resolve()
  let pending = 0

  function lockedOut(untilMs: number, nowMs: number): ClockfaceError {
    const minutes = Math.max(1, Math.ceil((untilMs - nowMs) / 60_000))
    return new ClockfaceError('locked-out', `Too many wrong PINs for this code: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
      retryAfterMs: untilMs - nowMs
    })
  }

  async function check({ code, pin }: ValidatedRequest<'punchWithPin'>, ctx: CallContext): Promise<Punch> {
    const now = config.now().getTime()
    const state = failures.get(code)
    if (state && state.lockedUntil > now) throw lockedOut(state.lockedUntil, now)
    const doc = await employees.byCode(code)
    dummyHash ??= hashSecret('clockface-dummy-pin')
    const hash = doc?.pinHash ?? (await dummyHash)
    const verified = (await verifySecret(pin, hash)) && doc?.pinHash !== undefined
    if (!doc || !verified) {
      const count = (state?.count ?? 0) + 1
      failures.delete(code)
      if (count >= PIN_LOCKOUT.attempts) {
        const until = now + PIN_LOCKOUT.minutes * 60_000
        failures.set(code, { count: 0, lockedUntil: until })
        config.warn('kiosk PIN punches locked out after repeated wrong PINs', { code, kioskId: punchKioskId(ctx, config), minutes: PIN_LOCKOUT.minutes })
        throw lockedOut(until, now)
      }
      failures.set(code, { count, lockedUntil: 0 })
      if (failures.size > MAX_TRACKED_CODES) failures.delete(failures.keys().next().value as string)
      throw new ClockfaceError('unauthorized', 'Wrong employee code or PIN.')
    }
    failures.delete(code)
    const subject = { employeeId: doc._id, code: doc.code, name: doc.name, department: doc.department, distance: null, source: 'pin' as const }
    return attendance.punch(subject, await kiosks.station(ctx))
  }

  return {
    punch(request, ctx) {
      if (pending >= MAX_PENDING_PIN_CHECKS) {
        return Promise.reject(new ClockfaceError('busy', 'The kiosk is checking other PINs; try again in a moment.'))
      }
      pending++
      const result = queue.then(() => check(request, ctx)).finally(() => pending--)
      queue = result.catch(() => undefined)
      return result
    },
    reset(code) {
      failures.delete(code)
    }
  }
}
