/** First retry delay after a failed sync, in ms. */
export const FIRST_RETRY_MS = 1_000

/** Longest retry delay, in ms: a kiosk offline for days still tries once a minute. */
export const MAX_RETRY_MS = 60_000

/**
 * Delay before the next sync attempt after `failures` failures in a row (1, 2, 3…):
 * exponential from {@link FIRST_RETRY_MS}, capped at {@link MAX_RETRY_MS}, with up to 20 %
 * random jitter so kiosks that lost the server together do not all come back in one burst.
 * `random` is Math.random by default (tests pass a fixed one).
 */
export function retryDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1))
  return Math.round(base * (1 + 0.2 * random()))
}
