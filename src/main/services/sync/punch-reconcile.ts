/**
 * How the server records a punch a kiosk pushed, possibly hours late: each id once; a punch of
 * the same person within the cooldown of one already recorded (another kiosk, the same minute)
 * is kept as a voided duplicate; otherwise its type follows the person's punches before it,
 * and automatic punches recorded after it are re-decided so in/out alternation stays right.
 */
import type { PunchType } from '../../../shared/models'
import type { SyncPunch, SyncVerdict } from '../../../shared/sync-models'
import type { AttendanceRepository } from '../../store/repositories/attendance-repository'
import type { AttendanceDoc, NewDoc } from '../../store/store-types'
import { nextPunch, type PunchHistory } from '../attendance/punch-rules'

/** Actor named in the revisions the reconciliation writes. */
export const SYNC_ACTOR = 'system:sync'

/** The rules a reconciliation applies: the cooldown and the auto-close limit, both in ms. */
export interface ReconcileRules {
  cooldownMs: number
  autoCloseMs: number
  now(): Date
}

const iso = (ms: number) => new Date(ms).toISOString()
const verdictOf = (doc: AttendanceDoc, status: SyncVerdict['status']): SyncVerdict => ({ id: doc._id, status, type: doc.type, voided: doc.voided === true })

/** The shift state just after `last` (a punch that counts): its type and the check-in time of its open shift. */
async function stateAfter(attendance: AttendanceRepository, last: AttendanceDoc | null): Promise<PunchHistory> {
  if (last === null || last.type === 'check-out') return { lastType: last?.type ?? null, openedAtMs: null }
  if (last.type === 'check-in') return { lastType: last.type, openedAtMs: Date.parse(last.time) }
  const [opened] = await attendance.between({ from: '0000', to: last.time }, { codes: [last.employeeCode], type: 'check-in', includeVoided: false }, 1)
  return { lastType: last.type, openedAtMs: opened ? Date.parse(opened.time) : null }
}

function advance(state: PunchHistory, type: PunchType, timeMs: number): PunchHistory {
  if (type === 'check-out') return { lastType: type, openedAtMs: null }
  if (type === 'check-in') return { lastType: type, openedAtMs: timeMs }
  return { lastType: type, openedAtMs: state.openedAtMs }
}

/**
 * Re-decides the automatic punches of one person after `from` (exclusive of `saved`), oldest
 * first, from the state `saved` leaves; a changed punch keeps an `edit` revision by
 * {@link SYNC_ACTOR} saying why. Punches whose type a person or an admin chose stay as they are.
 */
async function retypeLater(attendance: AttendanceRepository, saved: AttendanceDoc, rules: ReconcileRules): Promise<void> {
  const later = (await attendance.ofEmployeeBetween(saved.employeeId, { from: saved.time, to: '9999' })).filter(
    (d) => d._id !== saved._id && (d.time > saved.time || (d.time === saved.time && d._id > saved._id))
  )
  let state = await stateAfter(attendance, saved)
  for (const doc of later) {
    const timeMs = Date.parse(doc.time)
    let type = doc.type
    if (doc.autoType === true) {
      type = nextPunch(state, timeMs, rules.autoCloseMs).suggested
      if (type !== doc.type) {
        const { _id, ...rest } = doc
        const revision = {
          at: rules.now().toISOString(),
          by: SYNC_ACTOR,
          action: 'edit' as const,
          reason: `a punch made offline at ${saved.time} arrived later`,
          before: { type: doc.type, time: doc.time, voided: false },
          after: { type, time: doc.time, voided: false }
        }
        await attendance.replace(_id, { ...rest, type, revisions: [...(doc.revisions ?? []), revision] })
      }
    }
    state = advance(state, type, timeMs)
  }
}

/**
 * Records one pushed punch at kiosk `kioskId` and resolves to the verdict (see
 * syncVerdictSchema). Callers run reconciliations one at a time (sync-push.ts), so two
 * kiosks' pushes of the same person cannot interleave. Raises `store-error`, `read-only`.
 */
export async function reconcilePunch(attendance: AttendanceRepository, punch: SyncPunch, kioskId: string, rules: ReconcileRules): Promise<SyncVerdict> {
  const known = await attendance.byId(punch.id)
  if (known) return verdictOf(known, 'known')
  const timeMs = Date.parse(punch.time)
  const base: NewDoc<AttendanceDoc> = {
    employeeId: punch.employeeId,
    employeeCode: punch.employeeCode,
    employeeName: punch.employeeName,
    ...(punch.department === undefined ? {} : { department: punch.department }),
    type: punch.type,
    time: new Date(timeMs).toISOString(),
    distance: punch.distance,
    source: punch.source,
    kioskId,
    timeZone: punch.timeZone
  }
  // The common case is a punch newer than any of the person's: then no punch can clash after
  // it or need re-deciding, and fewer queries are needed (a catch-up of days runs thousands).
  const newest = await attendance.lastPunch(punch.employeeId)
  const inOrder = newest === null || newest.time < base.time
  const mayClash = newest !== null && Date.parse(newest.time) > timeMs - rules.cooldownMs
  const near = mayClash ? await attendance.ofEmployeeBetween(punch.employeeId, { from: iso(timeMs - rules.cooldownMs), to: iso(timeMs + rules.cooldownMs) }) : []
  const clash = near.find((d) => d.source !== 'system' && Math.abs(Date.parse(d.time) - timeMs) < rules.cooldownMs)
  if (clash) {
    const revision = {
      at: rules.now().toISOString(),
      by: SYNC_ACTOR,
      action: 'void' as const,
      reason: `duplicate of the ${clash.type} at ${clash.kioskId} at ${clash.time} (within the cooldown)`,
      before: { type: clash.type, time: base.time, voided: false },
      after: { type: clash.type, time: base.time, voided: true }
    }
    const saved = await attendance.insertIfAbsent(punch.id, { ...base, type: clash.type, voided: true, revisions: [revision] })
    return saved ? verdictOf(saved, 'duplicate') : verdictOf((await attendance.byId(punch.id)) as AttendanceDoc, 'known')
  }
  const before = inOrder ? newest : await attendance.lastPunchBefore(punch.employeeId, base.time)
  const type = punch.typeChosen ? punch.type : nextPunch(await stateAfter(attendance, before), timeMs, rules.autoCloseMs).suggested
  const saved = await attendance.insertIfAbsent(punch.id, { ...base, type, ...(punch.typeChosen ? {} : { autoType: true }) })
  if (!saved) return verdictOf((await attendance.byId(punch.id)) as AttendanceDoc, 'known')
  if (!inOrder) await retypeLater(attendance, saved, rules)
  return verdictOf(saved, 'recorded')
}
