import { InvalidArgumentError } from 'commander'

/** commander parser for a positive number option (e.g. a threshold). */
export function positiveNumber(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number')
  return n
}

/** commander parser for a number ≥ 0 (e.g. a cooldown in seconds). */
export function nonNegativeNumber(value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0')
  return n
}

/** commander parser for a TCP port, 0..65535 (0: any free port). */
export function port(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be an integer port 0..65535')
  return n
}

/** commander parser for a whole number ≥ 1 (e.g. a count of frames). */
export function positiveInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1')
  return n
}

/** commander parser for an admin role: `owner` or `manager`. */
export function adminRole(value: string): 'owner' | 'manager' {
  if (value !== 'owner' && value !== 'manager') throw new InvalidArgumentError('must be owner or manager')
  return value
}
