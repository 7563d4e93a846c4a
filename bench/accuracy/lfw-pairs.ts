/**
 * Parser of the LFW pairs format (G. B. Huang et al., "Labeled Faces in the Wild", UMass TR
 * 07-49, 2007, README "pairs.txt"): a header line, then lines of tab- or space-separated
 * fields, `name i j` for two images of the same person and `name1 i name2 j` for two people.
 * - View 2 (`pairs.txt`): header `folds n`; each fold is n same lines, then n different lines.
 * - View 1 (`pairsDevTrain.txt`, `pairsDevTest.txt`): header `n`; one set of n same lines,
 *   then n different lines.
 * Image i of a person is `<name>/<name>_<iiii>.jpg` (1-based, zero-padded to 4 digits).
 */

/** One pair of image paths relative to the images folder, whether they show the same person, and its fold. */
export interface LfwPair {
  a: string
  b: string
  same: boolean
  /** 0-based fold; always 0 in a single-set (View 1) file. */
  fold: number
}

/** The pairs of a file and how many folds it defines (1 for View 1). */
export interface LfwPairs {
  folds: number
  pairs: LfwPair[]
}

/** `<name>/<name>_<iiii>.jpg` for image `index` (1-based) of `name`. */
export function lfwImagePath(name: string, index: number): string {
  return `${name}/${name}_${String(index).padStart(4, '0')}.jpg`
}

function parseIndex(text: string | undefined, line: number): number {
  const value = Number(text)
  if (!Number.isInteger(value) || value < 1) throw new Error(`pairs line ${line}: bad image number "${text}"`)
  return value
}

/**
 * Parses a pairs file. Throws when a line has neither 3 nor 4 fields, when an image number is
 * not a positive integer, or when the count of lines does not match the header.
 */
export function parseLfwPairs(text: string): LfwPairs {
  const lines = text.split(/\r?\n/).map((l) => l.trim())
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop()
  const header = (lines[0] ?? '').split(/\s+/).map(Number)
  if (header.length === 0 || header.length > 2 || header.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error(`pairs header must be "n" or "folds n", got "${lines[0] ?? ''}"`)
  }
  const [folds, perClass] = header.length === 2 ? (header as [number, number]) : [1, header[0] as number]
  const body = lines.slice(1)
  if (body.length !== folds * perClass * 2) {
    throw new Error(`pairs header announces ${folds} × (${perClass} same + ${perClass} different) lines, the file has ${body.length}`)
  }
  const pairs = body.map((line, i): LfwPair => {
    const fields = line.split(/\s+/)
    const fold = Math.floor(i / (2 * perClass))
    const lineNo = i + 2
    if (fields.length === 3) {
      const [name = '', i1, i2] = fields
      return { a: lfwImagePath(name, parseIndex(i1, lineNo)), b: lfwImagePath(name, parseIndex(i2, lineNo)), same: true, fold }
    }
    if (fields.length === 4) {
      const [n1 = '', i1, n2 = '', i2] = fields
      return { a: lfwImagePath(n1, parseIndex(i1, lineNo)), b: lfwImagePath(n2, parseIndex(i2, lineNo)), same: false, fold }
    }
    throw new Error(`pairs line ${lineNo}: expected 3 or 4 fields, got ${fields.length}`)
  })
  return { folds, pairs }
}

/**
 * Splits a single-set file into `k` folds for cross-validation within it: the i-th same pair
 * and the i-th different pair go to fold i mod k, so every fold keeps the file's balance.
 */
export function interleaveFolds(pairs: readonly LfwPair[], k: number): LfwPair[] {
  let same = 0
  let different = 0
  return pairs.map((p) => ({ ...p, fold: (p.same ? same++ : different++) % k }))
}
