/**
 * The flags a timesheet day can carry while it is computed, and which of them payroll must
 * review. `missing-check-in` (a check-out or break punch with no open shift) is computed and
 * counted in `flaggedDays` like the others; it is written to a day's `flags` only when the
 * shared {@link dayFlagSchema} lists it, so a timesheet always parses with its schema.
 */
import { dayFlagSchema, type DayFlag } from '../../../shared/attendance-models'

/** A flag of a timesheet day: the shared {@link DayFlag} values plus `missing-check-in`. */
export type TimesheetFlag = DayFlag | 'missing-check-in'

/** Flags that make a day count in `flaggedDays` (timesheetTotalsSchema): days payroll should review. */
export const REVIEW_FLAGS: readonly TimesheetFlag[] = ['missing-check-out', 'missing-check-in', 'open', 'break-open']

/** True when any of `flags` is one of {@link REVIEW_FLAGS}. */
export function needsReview(flags: readonly TimesheetFlag[]): boolean {
  return flags.some((flag) => REVIEW_FLAGS.includes(flag))
}

/** The flags the shared {@link dayFlagSchema} accepts, in the order given; any other flag is left out. */
export function publishedFlags(flags: readonly TimesheetFlag[]): DayFlag[] {
  return flags.flatMap((flag) => {
    const parsed = dayFlagSchema.safeParse(flag)
    return parsed.success ? [parsed.data] : []
  })
}
