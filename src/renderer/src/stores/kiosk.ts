/**
 * What the kiosk shows about the people in front of it: the faces of the latest frame result
 * (for the overlay), a greeting per recognised person, and whether an unknown face is present.
 * Greetings and the "Not recognised" note are held for a moment after the face was last seen,
 * so a single missed detection does not make them flicker.
 */
import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { FrameResult, KioskFace, Punch, PunchType } from '../../../shared/models'
import { greetingLine, punchLine } from '../format/greeting-text'

/** How long a greeting stays after its face was last recognised, in ms. */
export const GREETING_HOLD_MS = 4000
/** How long "Not recognised" stays after the unknown face was last seen, in ms. */
export const NOT_RECOGNISED_HOLD_MS = 1500

/** One greeting banner. */
export interface Greeting {
  /** Employee code; one greeting per code. */
  code: string
  name: string
  /** "Good morning, Ana Lopes". */
  text: string
  /** "Checked in 08:59", or null when the service made no punch for this face. */
  punchText: string | null
  /** Type of that punch (styles the banner), null when there is none. */
  punchType: PunchType | null
}

function greetingFor(face: KioskFace): Greeting | null {
  if (!face.match || !face.confirmed) return null
  const punch = face.punch
  return {
    code: face.match.code,
    name: face.match.name,
    text: greetingLine(face.match.name, punch ? new Date(punch.time) : new Date()),
    punchText: punch ? punchLine(punch.type, punch.time) : null,
    punchType: punch?.type ?? null
  }
}

/**
 * Pinia store of what the kiosk shows: the latest frame result, the greetings held on screen,
 * whether "Not recognised" is shown, and the last frame error.
 */
export const useKioskStore = defineStore('kiosk', () => {
  /** Latest frame result; shallow because the overlay replaces it whole. */
  const result = shallowRef<FrameResult | null>(null)
  /** `performance.now()` when {@link result} arrived, in ms. */
  const resultAt = ref(0)
  /** Greetings on screen, one per confirmed employee, each held for {@link GREETING_HOLD_MS}. */
  const greetings = ref<Greeting[]>([])
  /** True while an unknown face was seen within {@link NOT_RECOGNISED_HOLD_MS}. */
  const notRecognised = ref(false)
  /** Friendly text of the last failed frame; cleared by the next result. */
  const lastError = ref<string | null>(null)
  const greetingTimers = new Map<string, ReturnType<typeof setTimeout>>()
  let notRecognisedTimer: ReturnType<typeof setTimeout> | null = null

  function holdGreeting(greeting: Greeting): void {
    const index = greetings.value.findIndex((g) => g.code === greeting.code)
    if (index === -1) greetings.value.push(greeting)
    else greetings.value[index] = greeting
    const old = greetingTimers.get(greeting.code)
    if (old) clearTimeout(old)
    greetingTimers.set(
      greeting.code,
      setTimeout(() => {
        greetingTimers.delete(greeting.code)
        greetings.value = greetings.value.filter((g) => g.code !== greeting.code)
      }, GREETING_HOLD_MS)
    )
  }

  function holdNotRecognised(): void {
    notRecognised.value = true
    if (notRecognisedTimer) clearTimeout(notRecognisedTimer)
    notRecognisedTimer = setTimeout(() => {
      notRecognisedTimer = null
      notRecognised.value = false
    }, NOT_RECOGNISED_HOLD_MS)
  }

  /**
   * Takes in one frame result. Returns true when it holds a new (not repeated) punch, so the
   * caller can refresh the latest check-ins.
   */
  function applyResult(frame: FrameResult, now: number): boolean {
    result.value = frame
    resultAt.value = now
    lastError.value = null
    let newPunch = false
    for (const face of frame.faces) {
      const greeting = greetingFor(face)
      if (greeting) holdGreeting(greeting)
      // A match still awaiting confirmation is neither greeted nor called unknown.
      else if (!face.match) holdNotRecognised()
      if (face.punch && !face.punch.repeated) newPunch = true
    }
    return newPunch
  }

  /** Greets the person of a punch made without the camera (code and PIN). */
  function showPunch(punch: Punch): void {
    holdGreeting({
      code: punch.employeeCode,
      name: punch.employeeName,
      text: greetingLine(punch.employeeName, new Date(punch.time)),
      punchText: punchLine(punch.type, punch.time),
      punchType: punch.type
    })
  }

  /** Records a failed frame (shown discreetly; the loop retries). */
  function setError(message: string | null): void {
    lastError.value = message
  }

  /** Forgets faces and greetings, e.g. when the camera stops or the view closes. */
  function clear(): void {
    for (const timer of greetingTimers.values()) clearTimeout(timer)
    greetingTimers.clear()
    if (notRecognisedTimer) clearTimeout(notRecognisedTimer)
    notRecognisedTimer = null
    greetings.value = []
    notRecognised.value = false
    result.value = null
    lastError.value = null
  }

  return { result, resultAt, greetings, notRecognised, lastError, applyResult, showPunch, setError, clear }
})
