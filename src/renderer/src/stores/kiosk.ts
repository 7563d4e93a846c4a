/**
 * What the kiosk shows about the people in front of it and how it punches them: this kiosk's
 * settings (`getKioskConfig`), the faces of the latest frame result (for the overlay), a
 * greeting per recognised person, whether an unknown face is present, the punch choice offered
 * in buttons mode, the 1:1 verification under way in verify mode, and how many times in a row
 * someone was not recognised (to offer the PIN). Greetings are held for a moment after the face
 * was last seen, so a single missed detection does not make them flicker. "Not recognised"
 * shows only while an unknown face is in the picture: it goes as soon as a result has no
 * unknown face (the face left, or was recognised), and a face whose track was greeted is never
 * called unknown while its greeting shows, so each face shows one state at a time.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { friendlyError } from '../api/error-text'
import { useApi } from '../api/use-api'
import { setLanguage } from '../i18n'
import type { KioskConfig } from '../../../shared/attendance-models'
import type { FrameResult, KioskFace, Punch, PunchType } from '../../../shared/models'

/** How long a greeting stays after its face was last recognised, in ms. */
export const GREETING_HOLD_MS = 4000
/** How long "Not recognised" stays after the unknown face was last seen, in ms. */
export const NOT_RECOGNISED_HOLD_MS = 1500
/** How long the kiosk looks for the face of the employee whose code was typed (verify mode), in ms. */
export const VERIFY_WINDOW_MS = 10_000
/** After an offer was used or let run out, further offers for that person are ignored this long, in ms. */
export const OFFER_QUIET_MS = 6000
/** After a choice was punched, further offers for that person are ignored this long, in ms (they just punched). */
export const CHOSEN_QUIET_MS = 30_000
/** How long "Nothing punched" stays after an offer ran out or failed, in ms. */
export const CHOICE_NOTICE_MS = 3500
/** Failed recognitions further apart than this start the count of tries again (probably someone else), in ms. */
export const TRIES_RESET_MS = 60_000
/**
 * An unknown face seen again after at least this long without one is a new try, in ms; shorter
 * gaps (a missed detection, a slow frame) belong to the same try.
 */
export const TRY_GAP_MS = 3000
/** Tries before the PIN is offered while the kiosk's own setting is not known. */
export const DEFAULT_PIN_AFTER_TRIES = 3

/** One greeting banner; its words are made when shown, in the screen's language and zone. */
export interface Greeting {
  /** Employee code; one greeting per code. */
  code: string
  name: string
  /** Type of the punch made (styles the banner), null when the service made none for this face. */
  punchType: PunchType | null
  /** ISO instant of the punch, or of the recognition when there is none (picks the salutation). */
  time: string
}

/** A punch choice on screen (buttons mode): whose, which types, and until when. */
export interface ActiveOffer {
  code: string
  name: string
  /** The one-time token `choosePunch` takes; the newest one the service gave for this person. */
  token: string
  suggested: PunchType
  allowed: PunchType[]
  /** `Date.now()` when the choice runs out, in ms. */
  expiresAt: number
  /** Its full length, in ms (for the countdown bar). */
  durationMs: number
}

/** Verify mode: the code typed and until when frames are checked against it. */
export interface Verification {
  code: string
  /** `Date.now()` when the attempt ends, in ms. */
  until: number
  /** A face was seen during the attempt (tells "did not match" from "no face"). */
  sawFace: boolean
}

/** Why a verification ended without a punch. */
export interface VerifyFailure {
  code: string
  reason: 'no-match' | 'no-face'
}

/** What the kiosk says after an offer ended without a punch: ran out, or the service refused (reason). */
export type ChoiceNotice = { kind: 'expired' } | { kind: 'failed'; reason: string }

function greetingFor(face: KioskFace): Greeting | null {
  if (!face.match || !face.confirmed) return null
  const punch = face.punch
  return {
    code: face.match.code,
    name: face.match.name,
    punchType: punch?.type ?? null,
    time: punch?.time ?? new Date().toISOString()
  }
}

/**
 * Pinia store of the kiosk: its settings, the latest frame result, the greetings held on
 * screen, "Not recognised", the punch choice (buttons mode), the verification (verify mode),
 * the count of failed tries and the last frame error.
 */
export const useKioskStore = defineStore('kiosk', () => {
  /** This kiosk's settings; null until loaded (then: automatic punches, no verify, machine zone). */
  const config = ref<KioskConfig | null>(null)
  /** Latest frame result; shallow because the overlay replaces it whole. */
  const result = shallowRef<FrameResult | null>(null)
  /** `performance.now()` when {@link result} arrived, in ms. */
  const resultAt = ref(0)
  /** `performance.now()` when the frame of {@link result} was grabbed, in ms (null when unknown). */
  const resultCapturedAt = ref<number | null>(null)
  /** Greetings on screen, one per confirmed employee, each held for {@link GREETING_HOLD_MS}. */
  const greetings = ref<Greeting[]>([])
  /** True while an unknown face was seen within {@link NOT_RECOGNISED_HOLD_MS}. */
  const notRecognised = ref(false)
  /** Friendly text of the last failed frame; cleared by the next result. */
  const lastError = ref<string | null>(null)
  /** The punch choice on screen (buttons mode); one at a time. */
  const offer = ref<ActiveOffer | null>(null)
  /** True while a choice is being sent. */
  const choosing = ref(false)
  /** Shown for {@link CHOICE_NOTICE_MS} after an offer ended without a punch. */
  const choiceNotice = ref<ChoiceNotice | null>(null)
  /** Verify mode: the attempt under way, or null (then the code pad shows). */
  const verification = ref<Verification | null>(null)
  /** Verify mode: how the last attempt failed, or null. */
  const verifyFailure = ref<VerifyFailure | null>(null)
  /** Distinct episodes of an unrecognised face in a row (not frames). */
  const failedTries = ref(0)
  /** True while a recognised face failed the presentation-attack check within {@link NOT_RECOGNISED_HOLD_MS}. */
  const livenessPrompt = ref(false)
  let livenessTimer: ReturnType<typeof setTimeout> | null = null

  /** Shows "Look at the camera and blink" for a face the liveness check did not pass. */
  function holdLivenessPrompt(): void {
    livenessPrompt.value = true
    if (livenessTimer) clearTimeout(livenessTimer)
    livenessTimer = setTimeout(() => {
      livenessTimer = null
      livenessPrompt.value = false
    }, NOT_RECOGNISED_HOLD_MS)
  }

  const greetingTimers = new Map<string, ReturnType<typeof setTimeout>>()
  /** Engine track ids of greeted faces, with the code of their greeting (to know when it is gone). */
  const greetedTracks = new Map<string, string>()
  const quietUntil = new Map<string, number>()
  let notRecognisedTimer: ReturnType<typeof setTimeout> | null = null
  let offerTimer: ReturnType<typeof setTimeout> | null = null
  let noticeTimer: ReturnType<typeof setTimeout> | null = null
  let verifyTimer: ReturnType<typeof setTimeout> | null = null
  let lastTryAt = 0
  let lastUnknownAt = Number.NEGATIVE_INFINITY

  /** IANA zone the kiosk's times are shown in; undefined (machine zone) until the settings are known. */
  const timeZone = computed(() => config.value?.timeZone || undefined)
  /** Buttons mode: recognised people choose the punch type. */
  const buttonsMode = computed(() => config.value?.punchChoice === 'buttons')
  /** Verify mode: employee code first, then a 1:1 face check. */
  const verifyMode = computed(() => config.value?.verifyMode === true)
  /** The code frames are sent with (verify mode, during an attempt), or null. */
  const verifyCode = computed(() => verification.value?.code ?? null)
  /** True once enough tries failed in a row that the PIN should be offered prominently. */
  const pinSuggested = computed(() => {
    const after = config.value?.pinAfterTries ?? DEFAULT_PIN_AFTER_TRIES
    return after > 0 && failedTries.value >= after
  })

  /** Reads this kiosk's settings and switches the screen to its language. Keeps the old ones on failure. */
  async function loadConfig(): Promise<void> {
    const answer = await useApi().getKioskConfig({})
    if (!answer.ok) return
    const turnedOffVerify = config.value?.verifyMode === true && !answer.value.verifyMode
    config.value = answer.value
    setLanguage(answer.value.language)
    if (turnedOffVerify) cancelVerify()
  }

  function holdGreeting(greeting: Greeting): void {
    const index = greetings.value.findIndex((g) => g.code === greeting.code)
    // A held greeting keeps its punch when later frames of the same person carry none.
    const previous = index === -1 ? null : greetings.value[index]
    const next = previous && previous.punchType && !greeting.punchType ? { ...greeting, punchType: previous.punchType, time: previous.time } : greeting
    if (index === -1) greetings.value.push(next)
    else greetings.value[index] = next
    const old = greetingTimers.get(greeting.code)
    if (old) clearTimeout(old)
    greetingTimers.set(
      greeting.code,
      setTimeout(() => {
        greetingTimers.delete(greeting.code)
        greetings.value = greetings.value.filter((g) => g.code !== greeting.code)
        for (const [track, code] of greetedTracks) if (code === greeting.code) greetedTracks.delete(track)
      }, GREETING_HOLD_MS)
    )
  }

  function holdNotRecognised(now: number): void {
    if (now - lastUnknownAt >= TRY_GAP_MS) {
      // A new episode of an unknown face is one try; frames within it are not.
      if (now - lastTryAt > TRIES_RESET_MS) failedTries.value = 0
      failedTries.value++
      lastTryAt = now
    }
    lastUnknownAt = now
    notRecognised.value = true
    if (notRecognisedTimer) clearTimeout(notRecognisedTimer)
    notRecognisedTimer = setTimeout(() => {
      notRecognisedTimer = null
      notRecognised.value = false
    }, NOT_RECOGNISED_HOLD_MS)
  }

  /** Takes "Not recognised" down at once (no unknown face is in the picture any more). */
  function dropNotRecognised(): void {
    if (notRecognisedTimer) clearTimeout(notRecognisedTimer)
    notRecognisedTimer = null
    notRecognised.value = false
  }

  /** Forgets the failed tries (someone was recognised or punched another way). */
  function resetTries(): void {
    failedTries.value = 0
    lastTryAt = 0
    lastUnknownAt = Number.NEGATIVE_INFINITY
  }

  function showNotice(notice: ChoiceNotice): void {
    choiceNotice.value = notice
    if (noticeTimer) clearTimeout(noticeTimer)
    noticeTimer = setTimeout(() => {
      noticeTimer = null
      choiceNotice.value = null
    }, CHOICE_NOTICE_MS)
  }

  /** Ends the offer on screen; further offers for that person are ignored for `quietMs`. */
  function endOffer(quietMs: number): void {
    if (offerTimer) clearTimeout(offerTimer)
    offerTimer = null
    if (offer.value && quietMs > 0) quietUntil.set(offer.value.code, Date.now() + quietMs)
    offer.value = null
  }

  function takeOffer(face: KioskFace): void {
    const match = face.match
    const given = face.offer
    if (!match || !given) return
    const current = offer.value
    if (current) {
      // The same person again: keep the one choice on screen, with the newest token.
      if (current.code === match.code) current.token = given.token
      return
    }
    if ((quietUntil.get(match.code) ?? 0) > Date.now()) return
    if (given.allowed.length === 0) return
    choiceNotice.value = null
    offer.value = {
      code: match.code,
      name: match.name,
      token: given.token,
      suggested: given.suggested,
      allowed: [...given.allowed],
      expiresAt: Date.now() + given.expiresInMs,
      durationMs: given.expiresInMs
    }
    offerTimer = setTimeout(() => {
      endOffer(OFFER_QUIET_MS)
      showNotice({ kind: 'expired' })
    }, given.expiresInMs)
  }

  /**
   * Buttons mode: sends the person's choice. Returns the punch (greeted like any other), or
   * null when there was no offer, or the service refused it (then "Nothing punched" shows).
   */
  async function choose(type: PunchType): Promise<Punch | null> {
    const current = offer.value
    if (!current || choosing.value) return null
    choosing.value = true
    const answer = await useApi().choosePunch({ token: current.token, type })
    choosing.value = false
    endOffer(answer.ok ? CHOSEN_QUIET_MS : OFFER_QUIET_MS)
    if (!answer.ok) {
      showNotice(answer.error.code === 'not-found' ? { kind: 'expired' } : { kind: 'failed', reason: friendlyError(answer.error) })
      return null
    }
    showPunch(answer.value)
    return answer.value
  }

  /** Verify mode: starts checking frames against the employee `code` for {@link VERIFY_WINDOW_MS}. */
  function startVerify(code: string): void {
    if (verifyTimer) clearTimeout(verifyTimer)
    // Each attempt with a code is a try of its own, however soon after the last one.
    lastUnknownAt = Number.NEGATIVE_INFINITY
    verifyFailure.value = null
    verification.value = { code, until: Date.now() + VERIFY_WINDOW_MS, sawFace: false }
    verifyTimer = setTimeout(() => {
      verifyTimer = null
      const attempt = verification.value
      verification.value = null
      if (attempt) verifyFailure.value = { code: attempt.code, reason: attempt.sawFace ? 'no-match' : 'no-face' }
    }, VERIFY_WINDOW_MS)
  }

  /** Verify mode: back to the code pad, forgetting the attempt and its failure. */
  function cancelVerify(): void {
    if (verifyTimer) clearTimeout(verifyTimer)
    verifyTimer = null
    verification.value = null
    verifyFailure.value = null
  }

  /**
   * Takes in one frame result (`now`: `performance.now()` in ms when it arrived, `capturedAt`
   * when its frame was grabbed). Returns true when it holds a new (not repeated) punch, so the
   * caller can refresh the latest check-ins.
   */
  function applyResult(frame: FrameResult, now: number, capturedAt: number | null = null): boolean {
    result.value = frame
    resultAt.value = now
    resultCapturedAt.value = capturedAt
    lastError.value = null
    let newPunch = false
    let unknownInView = false
    const attempt = verification.value
    for (const face of frame.faces) {
      if (attempt) attempt.sawFace = true
      if (face.match && face.confirmed && face.liveness && !face.liveness.passed) {
        // Recognised but not punched: a suspected presentation attack, or no sign of life yet.
        holdLivenessPrompt()
      } else if (face.match && face.confirmed) {
        // A face checked against another code than the one typed is not this attempt's person.
        if (attempt && face.match.code !== attempt.code) continue
        resetTries()
        if (face.offer && !face.punch) takeOffer(face)
        else {
          const greeting = greetingFor(face)
          if (greeting) {
            holdGreeting(greeting)
            if (face.trackId) greetedTracks.set(face.trackId, greeting.code)
          }
        }
        if (attempt && (face.punch || face.offer)) cancelVerify()
      } else if (!face.match && !(face.trackId && greetedTracks.has(face.trackId))) {
        // A match still awaiting confirmation is neither greeted nor called unknown, nor is a
        // greeted face that turned away for a moment (its greeting stays).
        unknownInView = true
        holdNotRecognised(Date.now())
      }
      if (face.punch && !face.punch.repeated) newPunch = true
    }
    if (!unknownInView) dropNotRecognised()
    return newPunch
  }

  /** Greets the person of a punch made without the camera (code and PIN) or chosen on a button. */
  function showPunch(punch: Punch): void {
    resetTries()
    holdGreeting({ code: punch.employeeCode, name: punch.employeeName, punchType: punch.type, time: punch.time })
  }

  /** Records a failed frame (shown discreetly; the loop retries). */
  function setError(message: string | null): void {
    lastError.value = message
  }

  /** Forgets faces, greetings, offers and attempts, e.g. when the camera stops or the view closes. */
  function clear(): void {
    for (const timer of greetingTimers.values()) clearTimeout(timer)
    greetingTimers.clear()
    greetedTracks.clear()
    resultCapturedAt.value = null
    quietUntil.clear()
    if (notRecognisedTimer) clearTimeout(notRecognisedTimer)
    if (noticeTimer) clearTimeout(noticeTimer)
    if (livenessTimer) clearTimeout(livenessTimer)
    notRecognisedTimer = null
    livenessTimer = null
    livenessPrompt.value = false
    noticeTimer = null
    endOffer(0)
    cancelVerify()
    greetings.value = []
    notRecognised.value = false
    choiceNotice.value = null
    result.value = null
    lastError.value = null
    resetTries()
  }

  return {
    config,
    result,
    resultAt,
    resultCapturedAt,
    greetings,
    notRecognised,
    livenessPrompt,
    lastError,
    offer,
    choosing,
    choiceNotice,
    verification,
    verifyFailure,
    failedTries,
    timeZone,
    buttonsMode,
    verifyMode,
    verifyCode,
    pinSuggested,
    loadConfig,
    applyResult,
    choose,
    startVerify,
    cancelVerify,
    showPunch,
    resetTries,
    setError,
    clear
  }
})
