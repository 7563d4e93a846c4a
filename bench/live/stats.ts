/** Small summary statistics for the live bench. */

/** The p-th percentile (0..100, nearest rank) of `values`; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return NaN
  const sorted = [...finite].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number
}

/** `digits` decimals, or an en dash for NaN. */
export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

/** "p50 / p95" of `values` with `digits` decimals. */
export const p50p95 = (values: readonly number[], digits = 1): string => `${fmt(percentile(values, 50), digits)} / ${fmt(percentile(values, 95), digits)}`

/** Bytes as MB with one decimal. */
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`
