/**
 * Accuracy benchmark of the recognition pipelines (`npm run bench:accuracy -- <mode> …`, built
 * to out/main/bench-accuracy.js). Protocols come from files, so any data set in the same
 * formats plugs in. Prints Markdown tables (copied into bench/results/accuracy.md).
 *
 * Modes:
 * - `verify` (default): 1:1 verification on an LFW pairs file (`--pairs`, default View 1's
 *   pairsDevTest.txt). Per pipeline: k-fold accuracy (threshold chosen on k−1 folds, tested
 *   on the remaining one; a single-set file is split into 10 interleaved folds), accuracy at
 *   the shipped threshold and at the threshold chosen on `--calibrate` (default
 *   pairsDevTrain.txt; `--calibrate none` skips it), TAR at FAR = 1% and 0.1%, ROC AUC, images
 *   with no face, and median ms per face. A pair with a missing image or no face is an error.
 * - `identify`: open-set 1:N on `--gallery` and `--probes` CSV files (`path,identity`; see
 *   identify-protocol.ts). Per pipeline: rank-1 identification rate, FNIR at FPIR = 1% and
 *   0.1% with the threshold at each point, and the top non-mated scores.
 * - `make-identify`: writes a seeded 1:N protocol from LFW people not in `--exclude` (default
 *   pairsDevTest.txt) to `--out` (default bench/protocols).
 * - `identify-draws`: the 1:N figures on several seeded draws of that protocol (`--seeds`, the
 *   committed protocol's seed first), one row per draw and their mean ± sd. One draw's FNIR at
 *   FPIR 1% rests on its 20 closest non-mated probes; the mean over draws is a steadier
 *   estimate of the same quantity.
 *
 * Common options: `--images DIR` (default <datasets>/lfw/images), `--pipeline a,b,c,d,e`
 * (pipelines.ts), `--workers N` threads (default 1), `--backend auto|wasm`, `--cache FILE`
 * (JSON lines of descriptors; default in the OS temp folder; `none` disables), `--limit N`
 * (N evenly spaced pairs of each class, or first N gallery and probe rows, for quick runs),
 * `--calibrate-limit N` (N evenly spaced pairs of each class of the calibration file).
 * Datasets: `CLOCKFACE_DATASETS` or `../shared/datasets`.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isMainThread } from 'node:worker_threads'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import { DEFAULT_THRESHOLD } from '../../src/main/services/service-config'
import { computeRecords, isAccuracyWorker, runAccuracyWorker } from './descriptor-store'
import { RECOGNITION_MODEL_ID } from '../../src/main/services/decision/recognition-model'
import { writeCalibration } from './write-calibration'
import { formatProtocol, parseProtocol, type ProtocolEntry } from './identify-protocol'
import { interleaveFolds, parseLfwPairs, type LfwPair } from './lfw-pairs'
import { makeIdentifyProtocol, mulberry32, parseLfwNames, type IdentifyProtocol } from './make-identify-protocol'
import { searchProtocol } from './open-set-search'
import { accuracyAt, bestThreshold, fnirAtFpir, fnirInterval, foldAccuracy, meanSd, rank1Rate, rocAuc, tarAtFar, type ScoredPair } from './metrics'
import {
  displayThreshold,
  facesFound,
  PIPELINE_IDS,
  PIPELINE_METRIC,
  PIPELINE_NAMES,
  pipelineMs,
  similarity,
  templateOf,
  type ImageRecord,
  type PipelineId
} from './pipelines'
import { fixed, markdownTable, median, percent } from './report-table'

const paths = defaultEnginePaths()
const projectRoot = resolve(paths.modelsDir, '..', '..')
const datasets = resolve(process.env.CLOCKFACE_DATASETS ?? join(projectRoot, '..', 'shared', 'datasets'))
const lfw = join(datasets, 'lfw')

/** k of the k-fold accuracy when a pairs file has a single set (LFW's View 2 uses 10 folds). */
const CROSS_VALIDATION_FOLDS = 10

/** FAR and FPIR operating points reported (fractions). */
const FALSE_RATES = [0.01, 0.001]

/** Top non-mated scores listed per pipeline in identify mode. */
const TOP_NON_MATED = 5
/** Bootstrap redraws behind each FNIR interval, and the seed of the first (fnirInterval in metrics.ts). */
const BOOTSTRAP_RESAMPLES = 1000
const BOOTSTRAP_SEED = 20261122

/**
 * Seeds of the protocol draws behind `identify-draws`: 20070049 made the committed
 * bench/protocols files; the four after it were fixed before any of their results were seen.
 */
const DRAW_SEEDS = [20070049, 20070050, 20070051, 20070052, 20070053]

const MODES = ['verify', 'identify', 'make-identify', 'identify-draws']

function parseCli() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      pairs: { type: 'string', default: join(lfw, 'pairsDevTest.txt') },
      calibrate: { type: 'string', default: join(lfw, 'pairsDevTrain.txt') },
      images: { type: 'string', default: join(lfw, 'images') },
      gallery: { type: 'string', default: join(projectRoot, 'bench', 'protocols', 'lfw-1n-gallery.csv') },
      probes: { type: 'string', default: join(projectRoot, 'bench', 'protocols', 'lfw-1n-probes.csv') },
      pipeline: { type: 'string', default: PIPELINE_IDS.join(',') },
      workers: { type: 'string', default: '1' },
      backend: { type: 'string', default: 'auto' },
      cache: { type: 'string' },
      limit: { type: 'string' },
      'calibrate-limit': { type: 'string' },
      threshold: { type: 'string', default: String(DEFAULT_THRESHOLD) },
      names: { type: 'string', default: join(lfw, 'lfw-names.txt') },
      exclude: { type: 'string', default: join(lfw, 'pairsDevTest.txt') },
      enrolled: { type: 'string', default: '1000' },
      'non-mated': { type: 'string', default: '2000' },
      seed: { type: 'string', default: String(DRAW_SEEDS[0]) },
      seeds: { type: 'string', default: DRAW_SEEDS.join(',') },
      out: { type: 'string', default: join(projectRoot, 'bench', 'protocols') },
      'write-calibration': { type: 'string' },
      'calibration-pipeline': { type: 'string', default: 'f' }
    }
  })
  const mode = positionals[0] ?? 'verify'
  if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode} (${MODES.join(' | ')})`)
  const pipelines = values.pipeline.split(',').map((p) => p.trim()) as PipelineId[]
  for (const p of pipelines) if (!PIPELINE_IDS.includes(p)) throw new Error(`unknown pipeline ${p} (${PIPELINE_IDS.join(', ')})`)
  const imagesDir = resolve(values.images)
  const cacheKey = createHash('sha256').update(imagesDir).digest('hex').slice(0, 12)
  const cacheFile = values.cache === 'none' ? null : resolve(values.cache ?? join(tmpdir(), 'clockface-accuracy', `${cacheKey}-v1.jsonl`))
  return {
    mode,
    values,
    pipelines,
    imagesDir,
    cacheFile,
    workers: Math.max(1, Number(values.workers)),
    backend: values.backend === 'wasm' ? ('wasm' as const) : ('auto' as const),
    limit: values.limit === undefined ? Infinity : Math.max(1, Number(values.limit)),
    calibrateLimit: values['calibrate-limit'] === undefined ? Infinity : Math.max(1, Number(values['calibrate-limit'])),
    shipped: Number(values.threshold)
  }
}
type Cli = ReturnType<typeof parseCli>

function versions(): string {
  const require = createRequire(join(projectRoot, 'package.json'))
  const version = (name: string): string => {
    try {
      return (require(`${name}/package.json`) as { version: string }).version
    } catch {
      return '?'
    }
  }
  return `@vladmandic/face-api ${version('@vladmandic/face-api')}, @tensorflow/tfjs ${version('@tensorflow/tfjs')}, tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}`
}

function printHeader(cli: Cli, backend: string | null, protocol: string): void {
  const cpu = cpus()
  console.log(`# Clockface accuracy bench: ${cli.mode}\n`)
  console.log(`- date: ${new Date().toISOString()}`)
  console.log(`- machine: ${cpu[0]?.model ?? '?'} × ${cpu.length} logical cores, ${process.platform}/${process.arch}, Node ${process.version}`)
  console.log(`- backend: ${backend ?? '(all descriptors from the cache)'}; ${versions()}; ${cli.workers} worker thread(s)`)
  console.log(`- protocol: ${protocol}`)
  console.log(`- images: ${cli.imagesDir}`)
  console.log(`- cache: ${cli.cacheFile ?? 'none'}`)
}

async function records(
  cli: Cli,
  imagePaths: readonly string[],
  label: string,
  known?: Map<string, ImageRecord>
): Promise<{ records: Map<string, ImageRecord>; backend: string | null }> {
  let last = 0
  const started = Date.now()
  return computeRecords(imagePaths, {
    script: __filename,
    imagesDir: cli.imagesDir,
    pipelines: cli.pipelines,
    backend: cli.backend,
    workers: cli.workers,
    cacheFile: cli.cacheFile,
    ...(known ? { known } : {}),
    progress: (done, total) => {
      if (done === total || Date.now() - last > 30_000) {
        last = Date.now()
        const perImage = (Date.now() - started) / done
        console.error(`[${label}] ${done}/${total} images, ${(perImage / 1000).toFixed(2)} s/image, ~${(((total - done) * perImage) / 60_000).toFixed(1)} min left`)
      }
    }
  })
}

function readPairs(file: string, limit: number): { folds: number; pairs: LfwPair[] } {
  const parsed = parseLfwPairs(readFileSync(file, 'utf8'))
  if (!Number.isFinite(limit)) return parsed
  // Evenly spaced rather than the first N: the files list people alphabetically.
  const spread = (list: LfwPair[]): LfwPair[] =>
    list.length <= limit ? list : Array.from({ length: limit }, (_, i) => list[Math.floor((i * list.length) / limit)] as LfwPair)
  const same = spread(parsed.pairs.filter((p) => p.same))
  const different = spread(parsed.pairs.filter((p) => !p.same))
  return { folds: parsed.folds, pairs: [...same, ...different] }
}

function scorePairs(pairs: readonly LfwPair[], records: Map<string, ImageRecord>, pipeline: PipelineId): ScoredPair[] {
  return pairs.map((p) => {
    const x = templateOf(records.get(p.a), pipeline)
    const y = templateOf(records.get(p.b), pipeline)
    return { score: x && y ? similarity(pipeline, x, y) : null, same: p.same, fold: p.fold }
  })
}

/** The shipped threshold in a pipeline's score units: −distance, or for cosine the equivalent on unit vectors (1 − d²/2). */
function shippedScore(pipeline: PipelineId, distance: number): number {
  return PIPELINE_METRIC[pipeline] === 'cosine' ? 1 - (distance * distance) / 2 : -distance
}

function imageCounts(imagePaths: readonly string[], records: Map<string, ImageRecord>, pipeline: PipelineId): { noFace: number; unreadable: number; multi: number } {
  let noFace = 0
  let unreadable = 0
  let multi = 0
  for (const path of new Set(imagePaths)) {
    const record = records.get(path)
    const faces = record ? facesFound(record, pipeline) : null
    if (faces === null) unreadable++
    else if (faces === 0) noFace++
    else if (faces > 1) multi++
  }
  return { noFace, unreadable, multi }
}

function msPerFace(imagePaths: readonly string[], records: Map<string, ImageRecord>, pipeline: PipelineId): number {
  const times: number[] = []
  for (const path of new Set(imagePaths)) {
    const record = records.get(path)
    if (!record || (facesFound(record, pipeline) ?? 0) === 0) continue
    const ms = pipelineMs(record, pipeline)
    if (ms !== null) times.push(ms)
  }
  return median(times)
}

async function verify(cli: Cli): Promise<void> {
  const test = readPairs(cli.values.pairs, cli.limit)
  const calibrateFile = cli.values.calibrate === 'none' || cli.values.calibrate === '' ? null : cli.values.calibrate
  const calibration = calibrateFile && existsSync(calibrateFile) ? readPairs(calibrateFile, Math.min(cli.limit, cli.calibrateLimit)) : null
  const testPaths = test.pairs.flatMap((p) => [p.a, p.b])
  const calibrationPaths = calibration ? calibration.pairs.flatMap((p) => [p.a, p.b]) : []
  // Test images first, so a run stopped during calibration already has the test figures cached.
  const { records: testRecords, backend: testBackend } = await records(cli, testPaths, 'test')
  const { records: all, backend: calibrationBackend } = await records(cli, calibrationPaths, 'calibration', testRecords)
  const backend = testBackend ?? calibrationBackend
  const folds = test.folds > 1 ? test.pairs : interleaveFolds(test.pairs, CROSS_VALIDATION_FOLDS)
  const k = test.folds > 1 ? test.folds : CROSS_VALIDATION_FOLDS
  const count = (pairs: readonly LfwPair[]): string => `${pairs.filter((p) => p.same).length} same + ${pairs.filter((p) => !p.same).length} different pairs`
  printHeader(
    cli,
    backend,
    `${cli.values.pairs} (${count(test.pairs)}, ${test.folds > 1 ? `${test.folds} folds` : `one set, split into ${k} interleaved folds`})` +
      (calibration ? `; threshold calibrated on ${calibrateFile} (${count(calibration.pairs)})` : '')
  )

  const rows: string[][] = []
  const thresholdRows: string[][] = []
  for (const pipeline of cli.pipelines) {
    const scored = scorePairs(folds, all, pipeline)
    const kFold = foldAccuracy(scored)
    const shipped = shippedScore(pipeline, cli.shipped)
    const calibrated = calibration ? bestThreshold(scorePairs(calibration.pairs, all, pipeline)) : null
    const [far1, far01] = FALSE_RATES.map((far) => tarAtFar(scored, far)) as [ReturnType<typeof tarAtFar>, ReturnType<typeof tarAtFar>]
    const images = imageCounts(testPaths, all, pipeline)
    const calImages = imageCounts(calibrationPaths, all, pipeline)
    const failedPairs = scored.filter((p) => p.score === null).length
    rows.push([
      PIPELINE_NAMES[pipeline],
      `${percent(kFold.mean)} ± ${percent(kFold.sd)}`,
      percent(accuracyAt(scored, shipped)),
      calibrated ? percent(accuracyAt(scored, calibrated.threshold)) : '–',
      percent(far1.rate),
      percent(far01.rate),
      fixed(rocAuc(scored), 4),
      `${images.noFace}${images.unreadable ? ` (+${images.unreadable} missing)` : ''}`,
      String(failedPairs),
      calibration ? `${calImages.noFace}${calImages.unreadable ? ` (+${calImages.unreadable})` : ''}` : '–',
      fixed(msPerFace([...testPaths, ...calibrationPaths], all, pipeline), 0)
    ])
    const unit = PIPELINE_METRIC[pipeline] === 'cosine' ? 'cosine ≥' : 'distance <'
    thresholdRows.push([
      PIPELINE_NAMES[pipeline],
      `${unit} ${fixed(displayThreshold(pipeline, shipped))}`,
      calibrated ? `${fixed(displayThreshold(pipeline, calibrated.threshold))} (${percent(calibrated.accuracy)} on calibration)` : '–',
      kFold.folds.map((f) => fixed(displayThreshold(pipeline, f.threshold), 3)).join(' '),
      `${fixed(displayThreshold(pipeline, far1.threshold))} (FAR ${percent(far1.falseRate)})`,
      `${fixed(displayThreshold(pipeline, far01.threshold))} (FAR ${percent(far01.falseRate)})`,
      String(images.multi)
    ])
  }
  const farNote = (far: number): string => {
    const impostors = folds.filter((p) => !p.same).length
    return far * impostors < 1 ? ` (${impostors} different pairs: no false accept allowed)` : ''
  }
  console.log(`\n## 1:1 verification\n`)
  console.log(
    markdownTable(
      ['pipeline', `${k}-fold accuracy`, `acc @ shipped`, 'acc @ calibrated', 'TAR@FAR 1%', 'TAR@FAR 0.1%', 'ROC AUC', 'no-face images (test)', 'failed pairs', 'no-face (calibration)', 'ms/face (median)'],
      rows
    )
  )
  if (calibration) writeCalibrationIfAsked(cli, all, calibrationPaths, `LFW View 1 ${basename(calibrateFile ?? '')} images (${count(calibration.pairs)}), 150×150 copies`)
  console.log(`\nThresholds (Euclidean distance for a–d, cosine similarity for e; the shipped cosine is 1 − d²/2, its equal on unit vectors)${farNote(0.001)}:\n`)
  console.log(markdownTable(['pipeline', 'shipped', 'calibrated', `per-fold (${k}-fold)`, 'at FAR 1%', 'at FAR 0.1%', 'multi-face images (test)'], thresholdRows))
  console.log(
    `\nA pair with a missing image or no face is an error in every accuracy figure and a rejection in TAR@FAR and ROC AUC. ` +
      `With several faces, the one nearest the image centre is used. ms/face: median over images with a face of decode + every stage the pipeline runs, ` +
      `measured in one pass per image (${cli.workers} worker thread(s); cached records keep the times of the run that computed them).`
  )
}

function readProtocol(file: string, gallery: boolean, limit: number): ProtocolEntry[] {
  const entries = parseProtocol(readFileSync(file, 'utf8'), { gallery })
  if (!Number.isFinite(limit)) return entries
  if (gallery) return entries.slice(0, limit)
  return [...entries.filter((e) => e.identity !== null).slice(0, limit), ...entries.filter((e) => e.identity === null).slice(0, limit)]
}

/** With `--write-calibration FILE`: the calibration of `--calibration-pipeline` over every pair of `paths`, written and summarised. */
function writeCalibrationIfAsked(cli: Cli, all: Map<string, ImageRecord>, paths: readonly string[], source: string): void {
  const out = cli.values['write-calibration']
  if (!out) return
  const pipeline = cli.values['calibration-pipeline'] as PipelineId
  const written = writeCalibration(resolve(out), RECOGNITION_MODEL_ID, pipeline, all, paths, `${source}; every pair of two images of the set`)
  console.log(
    `\nCalibration of pipeline ${pipeline} written to ${out}: ${written.images} images, ${written.genuinePairs} genuine and ${written.impostorPairs} impostor pairs; ` +
      `closest impostor distances ${written.tail.closestImpostors.slice(0, 5).join(', ')}.`
  )
}

async function identify(cli: Cli): Promise<void> {
  const gallery = readProtocol(cli.values.gallery, true, cli.limit)
  const probes = readProtocol(cli.values.probes, false, cli.limit)
  const { records: all, backend } = await records(cli, [...gallery, ...probes].map((e) => e.path), 'identify')
  const enrolledIds = new Set(gallery.map((g) => g.identity))
  const matedCount = probes.filter((p) => p.identity !== null && enrolledIds.has(p.identity)).length
  writeCalibrationIfAsked(
    cli,
    all,
    [...gallery, ...probes].map((e) => e.path),
    `LFW open-set protocol images (${basename(cli.values.gallery)} + ${basename(cli.values.probes)}: ${gallery.length + probes.length} images of people outside View 1's test pairs), 150×150 copies`
  )
  printHeader(
    cli,
    backend,
    `${cli.values.gallery} (${gallery.length} enrolled identities, one image each); ${cli.values.probes} (${matedCount} mated + ${probes.length - matedCount} non-mated probes)`
  )
  const rows: string[][] = []
  const topLines: string[] = []
  for (const pipeline of cli.pipelines) {
    const { searches, nonMatedTop, enrolled } = searchProtocol(gallery, probes, all, pipeline)
    const points = FALSE_RATES.map((fpir) => fnirAtFpir(searches, fpir))
    const probePaths = probes.map((p) => p.path)
    const noFace = imageCounts(probePaths, all, pipeline)
    const unit = PIPELINE_METRIC[pipeline] === 'cosine' ? 'cos ≥' : 'dist <'
    rows.push([
      PIPELINE_NAMES[pipeline],
      percent(rank1Rate(searches)),
      ...points.map((p, i) => {
        // A fixed seed per pipeline and point: the same records print the same interval.
        const ci = fnirInterval(searches, FALSE_RATES[i] as number, mulberry32(BOOTSTRAP_SEED + i), BOOTSTRAP_RESAMPLES)
        return `${percent(p.rate)} (95% CI ${percent(ci.low)}–${percent(ci.high)}; ${unit} ${fixed(displayThreshold(pipeline, p.threshold))}, FPIR ${percent(p.falseRate)})`
      }),
      `${gallery.length - enrolled}`,
      `${noFace.noFace}${noFace.unreadable ? ` (+${noFace.unreadable} missing)` : ''}`,
      fixed(msPerFace([...gallery.map((g) => g.path), ...probePaths], all, pipeline), 0)
    ])
    topLines.push(
      `- ${PIPELINE_NAMES[pipeline]}: ` +
        nonMatedTop
          .slice(0, TOP_NON_MATED)
          .map((n) => `${fixed(displayThreshold(pipeline, n.score))} (${n.probe} → ${n.candidate})`)
          .join('; ')
    )
  }
  console.log(`\n## Open-set 1:N identification\n`)
  console.log(markdownTable(['pipeline', 'rank-1', 'FNIR @ FPIR 1%', 'FNIR @ FPIR 0.1%', 'failed enrolments', 'no-face probes', 'ms/face (median)'], rows))
  console.log(`\nTop ${TOP_NON_MATED} non-mated scores (the closest impostors; distance for a–d, cosine for e):\n`)
  console.log(topLines.join('\n'))
  console.log(
    `\nFPIR: share of non-mated probes whose best gallery score passes the threshold; FNIR: share of mated probes whose mate is not the ` +
      `rank-1 candidate passing it. 95% CI: percentile bootstrap over ${BOOTSTRAP_RESAMPLES} redraws of the mated and of the non-mated probes (threshold re-chosen on each). A probe with no face is a miss (mated) or a correct rejection (non-mated); a gallery image with no face leaves that identity unenrolled.`
  )
}

/** The seeded LFW protocol the options describe (`--names`, `--exclude`, `--enrolled`, `--non-mated`). */
function protocolFor(cli: Cli, seed: number): IdentifyProtocol {
  const people = parseLfwNames(readFileSync(cli.values.names, 'utf8'))
  const excluded = parseLfwPairs(readFileSync(cli.values.exclude, 'utf8')).pairs
  return makeIdentifyProtocol(people, excluded, { enrolled: Number(cli.values.enrolled), nonMated: Number(cli.values['non-mated']), seed })
}

function makeIdentify(cli: Cli): void {
  const protocol = protocolFor(cli, Number(cli.values.seed))
  mkdirSync(cli.values.out, { recursive: true })
  const galleryFile = join(cli.values.out, 'lfw-1n-gallery.csv')
  const probesFile = join(cli.values.out, 'lfw-1n-probes.csv')
  writeFileSync(galleryFile, formatProtocol(protocol.gallery))
  writeFileSync(probesFile, formatProtocol(protocol.probes))
  const mated = protocol.probes.filter((p) => p.identity !== null).length
  console.log(
    `wrote ${galleryFile} (${protocol.gallery.length} identities) and ${probesFile} (${mated} mated + ${protocol.probes.length - mated} non-mated), ` +
      `seed ${cli.values.seed}, people of ${cli.values.exclude} excluded`
  )
}

async function identifyDraws(cli: Cli): Promise<void> {
  const seeds = cli.values.seeds.split(',').map((s) => Number(s.trim()))
  if (seeds.some((s) => !Number.isInteger(s))) throw new Error(`--seeds must list integers, got ${cli.values.seeds}`)
  const draws = seeds.map((seed) => ({ seed, ...protocolFor(cli, seed) }))
  const imagePaths = [...new Set(draws.flatMap((d) => [...d.gallery, ...d.probes].map((e) => e.path)))]
  const { records: all, backend } = await records(cli, imagePaths, 'identify-draws')
  printHeader(
    cli,
    backend,
    `${draws.length} draws (seeds ${seeds.join(', ')}) of ${cli.values.enrolled} enrolled LFW people (one gallery image and one mated probe each) and ` +
      `${cli.values['non-mated']} non-mated probes, people of ${cli.values.exclude} excluded; ${imagePaths.length} distinct images`
  )
  for (const pipeline of cli.pipelines) {
    const unit = PIPELINE_METRIC[pipeline] === 'cosine' ? 'cos ≥' : 'dist <'
    const perDraw = draws.map((d) => {
      const { searches, nonMatedTop } = searchProtocol(d.gallery, d.probes, all, pipeline)
      return { seed: d.seed, rank1: rank1Rate(searches), points: FALSE_RATES.map((fpir) => fnirAtFpir(searches, fpir)), closest: nonMatedTop[0] }
    })
    const rows = perDraw.map((d) => [
      String(d.seed),
      percent(d.rank1),
      ...d.points.map((p) => `${percent(p.rate)} (${unit} ${fixed(displayThreshold(pipeline, p.threshold))})`),
      d.closest ? `${fixed(displayThreshold(pipeline, d.closest.score))} (${d.closest.probe} → ${d.closest.candidate})` : '–'
    ])
    const summary = (values: number[]): string => {
      const { mean, sd } = meanSd(values)
      return `${percent(mean)} ± ${percent(sd)}`
    }
    rows.push(['mean ± sd', summary(perDraw.map((d) => d.rank1)), ...FALSE_RATES.map((_, i) => summary(perDraw.map((d) => d.points[i]?.rate ?? NaN))), ''])
    console.log(`\n## Open-set 1:N over protocol draws: ${PIPELINE_NAMES[pipeline]}\n`)
    console.log(markdownTable(['seed', 'rank-1', 'FNIR @ FPIR 1%', 'FNIR @ FPIR 0.1%', 'closest non-mated'], rows))
  }
  console.log(
    `\nEach draw picks the enrolled people, their gallery and mated images and the non-mated people anew (make-identify-protocol.ts), so draws share ` +
      `people and images; sd is over draws. FPIR and FNIR as in identify mode.`
  )
}

async function main(): Promise<void> {
  const cli = parseCli()
  if (cli.mode === 'make-identify') return makeIdentify(cli)
  if (!existsSync(cli.imagesDir)) {
    console.error(`accuracy bench: ${cli.imagesDir} not found (set CLOCKFACE_DATASETS or --images); nothing to measure`)
    process.exit(1)
  }
  if (cli.mode === 'identify') return identify(cli)
  if (cli.mode === 'identify-draws') return identifyDraws(cli)
  return verify(cli)
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
} else if (isAccuracyWorker()) {
  runAccuracyWorker().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
