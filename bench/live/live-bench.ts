/**
 * Live-speed benchmark (`npm run bench:live`, built to out/main/bench-live.js). Replays the
 * talking-head clips of `../shared/datasets/video` at their own rate (640×480 RGBA frames)
 * through the kiosk's path (kiosk-pipeline.ts) and, in the same run, through the
 * straightforward face-api pipeline (baseline-pipeline.ts), and prints one table:
 * overlay rate, per-frame latency, landmark error against full-quality landmarks of the same
 * frame, on-screen lag, time to identify, cold start, tensors and RSS over a long run, and 1:N
 * search time and memory for 1,000 / 10,000 / 100,000 templates. The table also goes to
 * bench/results/live.md with the machine, backend, versions and date.
 *
 * Options: `--soak N` frames of the long run (default 5000), `--backend auto|wasm`,
 * `--reference-every N` (full-quality landmarks on every N-th frame, default 1),
 * `--identify-runs N` time-to-identify runs per clip (default 7),
 * `--out FILE` (default bench/results/live.md; `-` prints only). Internal: `--probe
 * ours|baseline` measures one cold start in a fresh process. Datasets: `CLOCKFACE_DATASETS`
 * or `../shared/datasets`. Needs ffmpeg.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import type { BackendChoice } from '../../src/main/engine/engine-types'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import type { Point } from '../../src/shared/models'
import { baselineColdStart, fullQualityLandmarks, startBaselinePipeline } from './baseline-pipeline'
import { decodeClip, emptyFrame, type Clip } from './clip-frames'
import { measureSearch } from './gallery-search'
import { startKioskPipeline } from './kiosk-pipeline'
import { landmarkError, sameFace } from './landmark-error'
import { warmUp, type LiveFace, type LivePipeline } from './live-pipeline'
import { liveReport, TRACKED_FROM_MS, type PipelineFigures } from './live-report'
import { pacedReplay, type Delivery } from './paced-replay'
import { percentile } from './stats'

const { values: args } = parseArgs({
  options: {
    soak: { type: 'string', default: '5000' },
    backend: { type: 'string', default: 'auto' },
    out: { type: 'string' },
    probe: { type: 'string' },
    'reference-every': { type: 'string', default: '1' },
    'identify-runs': { type: 'string', default: '7' }
  }
})
const backend: BackendChoice = args.backend === 'wasm' ? 'wasm' : 'auto'
const soakFrames = Math.max(0, Number(args.soak))
/** Full-quality reference landmarks on every n-th frame only (SSD is slow on a busy machine); errors are measured on those frames. */
const referenceEvery = Math.max(1, Number(args['reference-every']))
const identifyRunsPerClip = Math.max(1, Number(args['identify-runs']))
const paths = defaultEnginePaths()
const projectDir = join(paths.modelsDir, '..', '..')
const datasets = process.env.CLOCKFACE_DATASETS ?? join(projectDir, '..', 'shared', 'datasets')
const clipFile = (who: string): string => join(datasets, 'video', `talking-head-${who}.mp4`)
/** The two clips and the code each person is enrolled under (from the frame at 1 s of their clip). */
const PEOPLE = [
  { who: 'aoc', code: 'A' },
  { who: 'khill', code: 'B' }
] as const
/** Frame each person is enrolled from (1 s into a 25 frames/s clip), as the kiosk bench does. */
const ENROL_FRAME = 25
/** Seconds into a clip where time-to-identify runs start (the first `--identify-runs` of them). */
const IDENTIFY_STARTS_S = [0, 1, 2, 3, 4, 5, 6]
/** Longest a time-to-identify run waits for a decision, in ms. */
const IDENTIFY_GIVE_UP_MS = 2000
/** Cold starts measured per pipeline (the median is reported). */
const COLD_STARTS = 3

/** Everything measured for one pipeline on the clips (the report's figures less name, backend, cold start and soak). */
type ReplayFigures = Omit<PipelineFigures, 'name' | 'backend' | 'coldStartMs' | 'coldReadyMs' | 'soak'>

/** Replays a whole clip; adds latency, same-frame landmark error and on-screen error to `into`. */
async function replayClip(pipeline: LivePipeline, clip: Clip, reference: Point[][][], base: { ms: number }, into: ReplayFigures): Promise<void> {
  const deliveries: Delivery<LiveFace[]>[] = await pacedReplay(0, clip.frames.length, clip.frameMs, (i, at) => pipeline.frame((clip.frames[i] as Uint8Array).slice(), base.ms + at))
  base.ms += clip.frames.length * clip.frameMs + 60_000
  into.delivered += deliveries.length
  into.videoMs += clip.frames.length * clip.frameMs
  into.trackedDelivered += deliveries.filter((d) => d.arrivedMs >= TRACKED_FROM_MS).length
  into.trackedVideoMs += clip.frames.length * clip.frameMs - TRACKED_FROM_MS
  for (const d of deliveries) {
    into.latencies.push(d.latencyMs)
    for (const ref of reference[d.frame] ?? []) {
      const face = sameFace(d.result.map((f) => f.landmarks), ref)
      into.sameFrameErrors.push(face ? landmarkError(face, ref) : NaN)
    }
  }
  // What the screen shows when frame j is on the display: the newest result delivered by then.
  let shown = -1
  for (let j = 0; j < clip.frames.length; j++) {
    while (shown + 1 < deliveries.length && (deliveries[shown + 1] as Delivery<LiveFace[]>).deliveredMs <= j * clip.frameMs) shown++
    const delivery = deliveries[shown]
    if (!delivery) continue
    for (const ref of reference[j] ?? []) {
      const face = sameFace(delivery.result.map((f) => f.landmarks), ref)
      into.onScreenErrors.push(face ? landmarkError(face, ref) : NaN)
    }
  }
}

/** Times from a face's first frame to the identity decision, over runs starting at several points of the clip. */
async function identifyRuns(pipeline: LivePipeline, clip: Clip, code: string, base: { ms: number }, into: ReplayFigures): Promise<void> {
  for (const startS of IDENTIFY_STARTS_S.slice(0, identifyRunsPerClip)) {
    // Nobody in view for a while: the kiosk forgets the face and its confirmation streak.
    for (let k = 0; k < 3; k++) await pipeline.frame(emptyFrame(), base.ms + k * clip.frameMs)
    base.ms += 60_000
    const first = Math.round((startS * 1000) / clip.frameMs)
    const count = Math.min(clip.frames.length - first, Math.ceil(IDENTIFY_GIVE_UP_MS / clip.frameMs))
    const runBase = base.ms
    const deliveries = await pacedReplay(first, count, clip.frameMs, (i, at) => pipeline.frame((clip.frames[i] as Uint8Array).slice(), runBase + at), (faces) => faces.some((f) => f.identity !== null))
    base.ms += IDENTIFY_GIVE_UP_MS + 60_000
    const named = deliveries.find((d) => d.result.some((f) => f.identity !== null))
    if (!named) {
      into.missed++
      continue
    }
    if (named.result.some((f) => f.identity !== null && f.identity !== code)) into.wrongPerson++
    else into.identifyMs.push(named.deliveredMs)
  }
}

async function measurePipeline(pipeline: LivePipeline, clips: Clip[], reference: Point[][][][]): Promise<ReplayFigures> {
  const figures: ReplayFigures = { latencies: [], delivered: 0, videoMs: 0, trackedDelivered: 0, trackedVideoMs: 0, sameFrameErrors: [], onScreenErrors: [], identifyMs: [], missed: 0, wrongPerson: 0 }
  const base = { ms: 0 }
  for (const [i, clip] of clips.entries()) await replayClip(pipeline, clip, reference[i] ?? [], base, figures)
  for (const [i, clip] of clips.entries()) await identifyRuns(pipeline, clip, PEOPLE[i]?.code ?? '?', base, figures)
  return figures
}

/** Live tensors and RSS over `frames` back-to-back frames (the first 200 warm up). */
async function soak(pipeline: LivePipeline, clips: Clip[], frames: number): Promise<PipelineFigures['soak']> {
  const all = clips.flatMap((c) => c.frames)
  let startTensors = 0
  let startRss = 0
  let peakRss = 0
  for (let i = 0; i < frames; i++) {
    if (i === Math.min(200, frames - 1)) {
      startTensors = await pipeline.tensors()
      startRss = process.memoryUsage().rss
    }
    await pipeline.frame((all[i % all.length] as Uint8Array).slice(), i * 40)
    if (i % 100 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss)
  }
  const endRss = process.memoryUsage().rss
  return { frames, startTensors, endTensors: await pipeline.tensors(), startRss, endRss, peakRss: Math.max(peakRss, endRss) }
}

/** Cold start of one pipeline in fresh processes: median ms from process start to models loaded and to first landmarks. */
function coldStart(which: 'ours' | 'baseline'): { readyMs: number; firstMs: number } {
  const first: number[] = []
  const ready: number[] = []
  for (let i = 0; i < COLD_STARTS; i++) {
    const out = spawnSync(process.execPath, [process.argv[1] as string, '--probe', which, '--backend', backend], { encoding: 'utf8', env: process.env })
    const match = /first-landmarks-ms=([\d.]+) ready-ms=([\d.]+)/.exec(out.stdout)
    if (out.status !== 0 || !match) throw new Error(`cold start probe failed: ${out.stderr}`)
    first.push(Number(match[1]))
    ready.push(Number(match[2]))
  }
  return { readyMs: percentile(ready, 50), firstMs: percentile(first, 50) }
}

/**
 * `--probe`: one cold start in this fresh process, printed for the parent: ms from process
 * start to the first landmarks, less the time spent decoding the test clip (a camera hands
 * the kiosk its frames; ffmpeg decoding a whole clip is the bench's cost, not the app's).
 */
async function probe(which: string): Promise<void> {
  const decodeStart = performance.now()
  const clip = await decodeClip('aoc', clipFile('aoc'))
  const decodeMs = performance.now() - decodeStart
  const frame = clip.frames[ENROL_FRAME] as Uint8Array
  let at: { readyAt: number; firstAt: number }
  if (which === 'baseline') {
    at = await baselineColdStart(frame, backend)
  } else {
    const pipeline = await startKioskPipeline(backend)
    const readyAt = performance.now()
    await pipeline.frame(frame, 0)
    at = { readyAt, firstAt: performance.now() }
    await pipeline.close()
  }
  console.log(`first-landmarks-ms=${(at.firstAt - decodeMs).toFixed(1)} ready-ms=${(at.readyAt - decodeMs).toFixed(1)} decode-ms=${decodeMs.toFixed(1)}`)
}

/** One sentence on how busy the machine was: load averages and the CPU this process got. */
function loadSentence(startLoad: number, startCpu: NodeJS.CpuUsage, startMs: number): string {
  const cpu = process.cpuUsage(startCpu)
  const share = (cpu.user + cpu.system) / 1000 / (performance.now() - startMs)
  return (
    `Machine load: 1-minute load average ${startLoad.toFixed(1)} at the start and ${loadavg()[0]?.toFixed(1)} at the end, on ${cpus().length} cores; ` +
    `this process (bench thread + engine thread) used ${(share * 100).toFixed(0)} % of one core on average. Other work on the machine slows every figure alike; the ratios hold better than the absolute times.`
  )
}

async function main(): Promise<void> {
  if (args.probe) return probe(args.probe)
  const startLoad = loadavg()[0] ?? NaN
  const startCpu = process.cpuUsage()
  const startMs = performance.now()
  if (!PEOPLE.every((p) => existsSync(clipFile(p.who)))) {
    console.log(`live bench skipped: talking-head clips not found under ${join(datasets, 'video')}`)
    return
  }
  const clips = await Promise.all(PEOPLE.map((p) => decodeClip(p.who, clipFile(p.who))))
  console.log(`clips: ${clips.map((c) => `${c.name} ${c.frames.length} frames at ${(1000 / c.frameMs).toFixed(0)} frames/s`).join(', ')}`)
  const coldOurs = coldStart('ours')
  const coldBaseline = coldStart('baseline')
  console.log(`cold start: ours ${coldOurs.firstMs.toFixed(0)} ms (models loaded at ${coldOurs.readyMs.toFixed(0)}), baseline ${coldBaseline.firstMs.toFixed(0)} ms (${coldBaseline.readyMs.toFixed(0)})`)

  const baseline = await startBaselinePipeline(backend)
  const reference: Point[][][][] = []
  for (const clip of clips) {
    const perFrame: Point[][][] = []
    for (const [i, frame] of clip.frames.entries()) perFrame.push(i % referenceEvery === 0 ? await fullQualityLandmarks(baseline.api, frame) : [])
    reference.push(perFrame)
  }
  console.log('reference landmarks computed')

  const ours = await startKioskPipeline(backend)
  for (const [i, p] of PEOPLE.entries()) await ours.enrol(p.code, (clips[i]?.frames[ENROL_FRAME] as Uint8Array).slice())
  await warmUp(ours, emptyFrame, clips[0]?.frameMs ?? 40, -600_000)
  const oursFigures = await measurePipeline(ours, clips, reference)
  console.log('kiosk path replayed')
  const oursSoak = await soak(ours, clips, soakFrames)
  console.log(`soak of ${soakFrames} frames done`)

  for (const [i, p] of PEOPLE.entries()) await baseline.enrol(p.code, (clips[i]?.frames[ENROL_FRAME] as Uint8Array).slice())
  const baselineFigures = await measurePipeline(baseline, clips, reference)
  const baselineSoak = { frames: 0, startTensors: 0, endTensors: await baseline.tensors(), startRss: 0, endRss: process.memoryUsage().rss, peakRss: process.memoryUsage().rss }
  console.log('baseline replayed')

  // Real MobileFaceNet descriptors join the random templates; other frames of the same clips probe them.
  const real: Float32Array[] = []
  const probes: Float32Array[] = []
  for (const clip of clips) {
    for (let i = 0; i < clip.frames.length; i += 10) real.push(...(await ours.describe((clip.frames[i] as Uint8Array).slice())))
    for (let i = 5; i < clip.frames.length; i += 10) probes.push(...(await ours.describe((clip.frames[i] as Uint8Array).slice())))
  }
  const search = await measureSearch([1_000, 10_000, 100_000], real, probes)
  const ourBackend = ours.backend
  await ours.close()
  const report = liveReport({
    ours: { name: ours.name, backend: ourBackend, coldStartMs: coldOurs.firstMs, coldReadyMs: coldOurs.readyMs, soak: oursSoak, ...oursFigures },
    baseline: { name: baseline.name, backend: baseline.backend, coldStartMs: coldBaseline.firstMs, coldReadyMs: coldBaseline.readyMs, soak: baselineSoak, ...baselineFigures },
    search,
    clips: clips.map((c) => ({ name: c.name, frames: c.frames.length, fps: 1000 / c.frameMs })),
    load: loadSentence(startLoad, startCpu, startMs)
  })
  console.log(`\n${report}`)
  const out = args.out ?? join(projectDir, 'bench', 'results', 'live.md')
  if (out !== '-') {
    mkdirSync(dirname(out), { recursive: true })
    writeFileSync(out, report)
    console.log(`written to ${out}`)
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
