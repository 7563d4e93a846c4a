/** Ordering of names (employees, departments) as people read them. */

/**
 * Compares two texts for sorting: by the English collation of the ICU data Node ships
 * (accents and case after the base letter), then by UTF-16 code units so two different texts
 * never tie. Negative when `a` comes first, 0 when equal, positive otherwise.
 */
export function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'en') || (a < b ? -1 : a > b ? 1 : 0)
}
