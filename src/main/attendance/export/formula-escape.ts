/**
 * Guard against CSV (formula) injection as OWASP describes it: spreadsheet programs run a cell
 * that starts with `=`, `+`, `-` or `@` as a formula (and strip a leading tab or carriage
 * return first), so a name such as `=HYPERLINK(...)` typed at enrolment could run on the
 * payroll clerk's machine. Prefixing a single quote makes the program show the text as is.
 */

/** The characters that make a spreadsheet read a text cell as a formula (OWASP CSV injection). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r']

/** `text` prefixed with `'` when it starts with one of {@link FORMULA_TRIGGERS}; otherwise unchanged. */
export function escapeFormula(text: string): string {
  return FORMULA_TRIGGERS.some((trigger) => text.startsWith(trigger)) ? `'${text}` : text
}
