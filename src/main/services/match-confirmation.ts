/**
 * Multi-frame confirmation for the kiosk: an employee is named (greeted, punched) only once
 * the same identification has come back in several frames close together. A single frame can
 * be blurred, half-turned or caught mid-blink; requiring agreement across frames cuts the rate
 * of naming the wrong person (the 1:N false accept rate, FPIR; see bench/kiosk-video-bench.ts)
 * far below the per-frame rate at the cost of one or two frames of latency (≈80 ms each on
 * the wasm backend, see bench/engine-bench.ts).
 */

/** Tracks, per kiosk, how many recent frames identified each employee. */
export interface MatchConfirmation {
  /**
   * Records that one frame from `kioskId` at time `nowMs` (ms since epoch) identified the
   * employees in `employeeIds`, and returns those now confirmed: identified in at least
   * `frames` frames, each within `windowMs` of the previous one for that employee.
   */
  observe(kioskId: string, employeeIds: readonly string[], nowMs: number): Set<string>
}

interface Streak {
  count: number
  lastMs: number
}

/**
 * Creates a {@link MatchConfirmation} needing `frames` agreeing frames, each at most `windowMs`
 * (ms) after the previous one. `frames` ≤ 1 confirms every identification at once.
 * Streaks not seen for `windowMs` are forgotten, so memory stays bounded by the people in view.
 */
export function createMatchConfirmation(frames: number, windowMs: number): MatchConfirmation {
  const kiosks = new Map<string, Map<string, Streak>>()
  return {
    observe(kioskId, employeeIds, nowMs) {
      let streaks = kiosks.get(kioskId)
      if (!streaks) kiosks.set(kioskId, (streaks = new Map()))
      for (const [id, streak] of streaks) if (nowMs - streak.lastMs > windowMs) streaks.delete(id)
      const confirmed = new Set<string>()
      for (const id of new Set(employeeIds)) {
        const previous = streaks.get(id)
        const streak = { count: (previous?.count ?? 0) + 1, lastMs: nowMs }
        streaks.set(id, streak)
        if (streak.count >= frames) confirmed.add(id)
      }
      return confirmed
    }
  }
}
