/**
 * Who a timesheet reports: the employees the caller lists, and (when asked) the codes that
 * only appear in punches (deleted employees), named from their latest punch.
 */
import type { TimedPunch } from './shifts'

/** An employee of the timesheet: code, name, department ('' when none), whether the caller listed them, and their punches in time order. */
export interface RosterEntry {
  code: string
  name: string
  department: string
  listed: boolean
  punches: TimedPunch[]
}

/**
 * Groups `punches` (timed, sorted, voided ones already dropped) by employee code and returns
 * one entry per listed employee (with their punches, possibly none), followed, when
 * `includeUnlisted` is true, by one per other code found in the punches, named after the
 * employee name and department of that code's latest punch.
 */
export function buildRoster(
  employees: readonly { code: string; name: string; department: string }[],
  punches: readonly TimedPunch[],
  includeUnlisted: boolean
): RosterEntry[] {
  const byCode = new Map<string, TimedPunch[]>()
  for (const timed of punches) {
    const own = byCode.get(timed.punch.employeeCode)
    if (own) own.push(timed)
    else byCode.set(timed.punch.employeeCode, [timed])
  }
  const listedCodes = new Set(employees.map((employee) => employee.code))
  const roster: RosterEntry[] = employees.map((employee) => ({ ...employee, listed: true, punches: byCode.get(employee.code) ?? [] }))
  if (!includeUnlisted) return roster
  for (const [code, own] of byCode) {
    const latest = own[own.length - 1]
    if (listedCodes.has(code) || !latest) continue
    roster.push({ code, name: latest.punch.employeeName, department: latest.punch.department ?? '', listed: false, punches: own })
  }
  return roster
}
