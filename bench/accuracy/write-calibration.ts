/**
 * The calibration file the product decides with (src/main/services/decision/calibration/):
 * from the calibration images of a verify run, every pair of two different LFW people is an
 * impostor comparison and every pair of two images of one person a genuine one; their
 * Euclidean distances (unit-length descriptors) give FAR and FRR on a grid of thresholds, and
 * the impostor tail an exponential fit for false-accept rates below what the sample resolves
 * (the open-set rule asks for FAR ≈ FPIR / N, e.g. 10⁻⁵ for 1,000 people at FPIR 1%).
 */
import { writeFileSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import type { RecognitionCalibration } from '../../src/main/services/decision/calibration-types'
import { templateOf, type ImageRecord, type PipelineId } from './pipelines'

/** Thresholds of the grid: Euclidean distances 0.40…1.60 in steps of 0.01. */
const GRID = Array.from({ length: 121 }, (_, i) => Math.round((0.4 + i * 0.01) * 100) / 100)

/** Impostor distances below this many samples of the sorted tail are fitted, not counted. */
const TAIL_SAMPLES = 2000

function distance(x: readonly number[], y: readonly number[]): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2
  return Math.sqrt(s)
}

/** Count of values in a sorted array strictly below `t`. */
function below(sorted: Float64Array, t: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((sorted[mid] as number) < t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Builds the calibration of `pipeline` from the records of `paths` (LFW layout `Name/Name_NNNN.jpg`) and writes it as JSON. */
export function writeCalibration(file: string, model: string, pipeline: PipelineId, records: Map<string, ImageRecord>, paths: readonly string[], protocol: string): RecognitionCalibration {
  const items: { who: string; t: number[] }[] = []
  for (const path of new Set(paths)) {
    const t = templateOf(records.get(path), pipeline)
    if (t) items.push({ who: basename(dirname(path)), t })
  }
  const genuine: number[] = []
  const impostor: number[] = []
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as { who: string; t: number[] }
      const b = items[j] as { who: string; t: number[] }
      ;(a.who === b.who ? genuine : impostor).push(distance(a.t, b.t))
    }
  }
  const g = Float64Array.from(genuine).sort()
  const im = Float64Array.from(impostor).sort()
  const points = GRID.map((d) => ({ distance: d, far: below(im, d) / im.length, frr: 1 - below(g, d) / g.length }))
  // Exponential tail: log FAR against distance, least squares over the closest impostors.
  const n = Math.min(TAIL_SAMPLES, im.length)
  let sx = 0
  let sy = 0
  let sxx = 0
  let sxy = 0
  for (let k = 0; k < n; k++) {
    const x = im[k] as number
    const y = Math.log((k + 1) / im.length)
    sx += x
    sy += y
    sxx += x * x
    sxy += x * y
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
  const intercept = (sy - slope * sx) / n
  const calibration: RecognitionCalibration = {
    model,
    metric: 'euclidean-l2',
    protocol,
    measuredAt: new Date().toISOString().slice(0, 10),
    images: items.length,
    genuinePairs: g.length,
    impostorPairs: im.length,
    points,
    tail: { slope, intercept, validBelowFar: n / im.length, closestImpostors: Array.from(im.subarray(0, 10), (d) => Math.round(d * 10000) / 10000) }
  }
  writeFileSync(file, `${JSON.stringify(calibration, null, 1)}\n`)
  return calibration
}
