/**
 * Where the shared real-face datasets live. Tests read them in place from
 * `CLOCKFACE_DATASETS` (default `../shared/datasets` beside the checkout) and skip with a
 * clear message where they are absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/** Absolute path of the datasets folder. */
export const datasetsDir = resolve(process.env.CLOCKFACE_DATASETS ?? join(__dirname, '..', '..', '..', 'shared', 'datasets'))

/** True when the deepface-unit photos are present. */
export const hasDeepfaceUnit = existsSync(join(datasetsDir, 'deepface-unit', 'master.csv'))

/** Reason printed by skipped suites. */
export const missingDatasetsReason = `real-face datasets not found at ${datasetsDir} (set CLOCKFACE_DATASETS)`

/** Absolute path of a deepface-unit photo, e.g. `deepfaceUnit('img1.jpg')`. */
export const deepfaceUnit = (file: string): string => join(datasetsDir, 'deepface-unit', file)

/** One labelled pair of deepface-unit's master.csv. */
export interface LabelledPair {
  a: string
  b: string
  same: boolean
}

/** The 300 pairs of deepface-unit/master.csv (CRLF line ends handled). */
export function masterPairs(): LabelledPair[] {
  const lines = readFileSync(join(datasetsDir, 'deepface-unit', 'master.csv'), 'utf8').trim().split(/\r?\n/).slice(1)
  return lines.map((line) => {
    const [a = '', b = '', decision = ''] = line.split(',').map((s) => s.trim())
    return { a, b, same: decision === 'Yes' }
  })
}

/**
 * Identity clusters derived from the Yes pairs (connected components), each a sorted list
 * of file names, largest first.
 */
export function identityClusters(pairs: LabelledPair[] = masterPairs()): string[][] {
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let p = parent.get(x) ?? x
    if (p !== x) {
      p = find(p)
      parent.set(x, p)
    }
    return p
  }
  for (const { a, b, same } of pairs) {
    for (const f of [a, b]) if (!parent.has(f)) parent.set(f, f)
    if (same) parent.set(find(a), find(b))
  }
  const groups = new Map<string, string[]>()
  for (const f of parent.keys()) {
    const root = find(f)
    groups.set(root, [...(groups.get(root) ?? []), f])
  }
  return [...groups.values()].map((g) => g.sort()).sort((x, y) => y.length - x.length)
}

/** Video clips used as a simulated webcam. */
export const talkingHead = (who: 'aoc' | 'khill'): string => join(datasetsDir, 'video', `talking-head-${who}.mp4`)

/** Whether the LFW copies (150×150 JPEGs, one folder per person) are present. */
export const hasLfw = existsSync(join(datasetsDir, 'lfw', 'images'))

/** Path of LFW image `index` (1-based) of `person`, e.g. lfwImage('John_Stallworth', 1). */
export const lfwImage = (person: string, index: number): string => join(datasetsDir, 'lfw', 'images', person, `${person}_${String(index).padStart(4, '0')}.jpg`)
