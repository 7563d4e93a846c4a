/**
 * Cosine similarity of two face descriptors of equal length: the cosine of the angle between
 * them, from -1 (opposite) through 0 (unrelated) to 1 (same direction); higher is more alike.
 * Integrators that compare embeddings by angle (as most face APIs report "similarity") can
 * read it beside the Euclidean distance the decisions use. Zero-length vectors (never a
 * face-api descriptor) give 0. Throws a RangeError when the lengths differ.
 */
export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`descriptor lengths differ: ${a.length} vs ${b.length}`)
  let dot = 0
  let normA = 0
  let normB = 0
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number
    const y = b[i] as number
    dot += x * y
    normA += x * x
    normB += y * y
  }
  if (normA === 0 || normB === 0) return 0
  return dot / Math.sqrt(normA * normB)
}
