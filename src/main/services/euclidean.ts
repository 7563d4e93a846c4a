/**
 * Euclidean (L2) distance between two face descriptors of equal length; lower is more alike.
 * face-api (like dlib) calls two faces the same person under about 0.6.
 * Throws a RangeError when the lengths differ (descriptors of another model).
 */
export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`descriptor lengths differ: ${a.length} vs ${b.length}`)
  let sum = 0
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number)
    sum += d * d
  }
  return Math.sqrt(sum)
}
