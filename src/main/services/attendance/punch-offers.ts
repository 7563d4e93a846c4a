/**
 * Buttons mode: after recognition the kiosk shows In / Out / Break buttons instead of punching
 * at once. The offer is a one-time token bound to the recognised employee and to the kiosk
 * that saw them, so the screen can only choose the type, never whom to punch.
 */
import { randomBytes } from 'node:crypto'
import type { PunchOffer, PunchType } from '../../../shared/models'
import type { PunchSubject } from './attendance-service'
import type { KioskStation } from './kiosk-settings'
import type { NextPunch } from './punch-rules'

/**
 * How long the buttons stay up, in ms: long enough to read four buttons and press one while
 * standing at a desk, short enough that the next person in the queue cannot use the offer.
 */
export const OFFER_MS = 8_000

/** Most offers kept at once; beyond it the oldest go (a kiosk has a handful, a flood cannot grow memory). */
const MAX_OFFERS = 1_000

/** An offer taken back by its token: whom to punch, where, and the types allowed. */
export interface TakenOffer {
  subject: PunchSubject
  station: KioskStation
  allowed: PunchType[]
}

/** The open offers of one service. */
export interface PunchOffers {
  /**
   * An offer for `subject` at `station`; while an earlier offer for the same person at the same
   * kiosk is still open, that one comes back (with its remaining time) instead of a second.
   */
  offer(subject: PunchSubject, station: KioskStation, next: NextPunch, nowMs: number): PunchOffer
  /** Takes (and so ends) the offer `token` made to kiosk `kioskId`; null when unknown, expired or made to another kiosk. */
  take(token: string, kioskId: string, nowMs: number): TakenOffer | null
}

/** Creates an empty set of offers (in memory: a restart ends them, as it ends sessions). */
export function createPunchOffers(): PunchOffers {
  const offers = new Map<string, TakenOffer & { token: string; expiresAtMs: number; suggested: PunchType }>()
  const prune = (nowMs: number): void => {
    for (const [token, offer] of offers) if (offer.expiresAtMs <= nowMs) offers.delete(token)
    while (offers.size >= MAX_OFFERS) offers.delete(offers.keys().next().value as string)
  }
  return {
    offer(subject, station, next, nowMs) {
      prune(nowMs)
      for (const open of offers.values()) {
        if (open.subject.employeeId === subject.employeeId && open.station.kioskId === station.kioskId) {
          return { token: open.token, expiresInMs: open.expiresAtMs - nowMs, suggested: open.suggested, allowed: open.allowed }
        }
      }
      const token = randomBytes(18).toString('base64url')
      offers.set(token, { token, subject, station, allowed: next.allowed, suggested: next.suggested, expiresAtMs: nowMs + OFFER_MS })
      return { token, expiresInMs: OFFER_MS, suggested: next.suggested, allowed: next.allowed }
    },
    take(token, kioskId, nowMs) {
      const offer = offers.get(token)
      if (!offer || offer.station.kioskId !== kioskId) return null
      offers.delete(token)
      if (offer.expiresAtMs <= nowMs) return null
      return { subject: offer.subject, station: offer.station, allowed: offer.allowed }
    }
  }
}
