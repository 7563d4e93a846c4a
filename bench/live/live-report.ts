/**
 * The live bench's table, as Markdown: one row per figure, the kiosk path beside the
 * straightforward face-api pipeline, their ratio, the target and whether it is met; then the
 * 1:N search figures and the run's machine, backend, versions and date.
 */
import { cpus, totalmem } from 'node:os'
import { createRequire } from 'node:module'
import type { SearchFigures } from './gallery-search'
import { WARM_UP_MS } from './live-pipeline'
import { fmt, mb, p50p95, percentile } from './stats'

/** Figures of one pipeline (times in ms, errors as fractions of face width, memory in bytes). */
export interface PipelineFigures {
  name: string
  backend: string
  coldStartMs: number
  /** Process start to models loaded (engine ready), ms: the part of the cold start before the first frame. */
  coldReadyMs: number
  latencies: number[]
  delivered: number
  videoMs: number
  /** Results delivered for frames from {@link TRACKED_FROM_MS} into each clip on (the face found and tracked), and the video time they cover. */
  trackedDelivered: number
  trackedVideoMs: number
  sameFrameErrors: number[]
  onScreenErrors: number[]
  identifyMs: number[]
  missed: number
  wrongPerson: number
  soak: { frames: number; startTensors: number; endTensors: number; startRss: number; endRss: number; peakRss: number }
}

/** Input of {@link liveReport}. */
export interface LiveReportInput {
  ours: PipelineFigures
  baseline: PipelineFigures
  search: SearchFigures[]
  clips: { name: string; frames: number; fps: number }[]
  /** How busy the machine was meanwhile (other processes share its cores), one sentence. */
  load: string
}

/**
 * From this far into a clip, ms, the overlay rate is also reported on its own: a face's first
 * frames cost the full-frame detection and its first descriptors, so frames are dropped then
 * whatever the steady rate.
 */
export const TRACKED_FROM_MS = 1000

const rate = (f: PipelineFigures): number => f.delivered / (f.videoMs / 1000)
const trackedRate = (f: PipelineFigures): number => f.trackedDelivered / (f.trackedVideoMs / 1000)
const pct = (values: number[]): string => p50p95(values.map((v) => v * 100), 1)
const missedShare = (values: number[]): string => {
  const missed = values.filter((v) => !Number.isFinite(v)).length
  return missed ? ` (face missed in ${missed}/${values.length})` : ''
}
const yes = (ok: boolean): string => (ok ? 'yes' : '**no**')

function version(name: string): string {
  try {
    return (createRequire(__filename)(`${name}/package.json`) as { version: string }).version
  } catch {
    return 'not installed'
  }
}

/** The Markdown report. */
export function liveReport({ ours, baseline, search, clips, load }: LiveReportInput): string {
  const oursRate = rate(ours)
  const baseRate = rate(baseline)
  const lat50 = percentile(ours.latencies, 50)
  const err95 = percentile(ours.sameFrameErrors, 95)
  const tti95 = percentile(ours.identifyMs, 95)
  const search100k = search.find((s) => s.templates === 100_000)
  const rows: string[][] = [
    ['overlay rate (frames/s with landmarks, clip at its own rate)', fmt(oursRate), fmt(baseRate), `${fmt(oursRate / baseRate)}×`, '≥ 25, ≥ 8× baseline', yes(oursRate >= 25 && oursRate / baseRate >= 8)],
    [`overlay rate from ${TRACKED_FROM_MS / 1000} s into each clip (the face tracked), frames/s`, fmt(trackedRate(ours)), fmt(trackedRate(baseline)), `${fmt(trackedRate(ours) / trackedRate(baseline))}×`, '', ''],
    ['per-frame latency p50 / p95 (ms)', p50p95(ours.latencies), p50p95(baseline.latencies), `${fmt(percentile(baseline.latencies, 50) / lat50)}× (p50)`, 'p50 ≤ 40', yes(lat50 <= 40)],
    [
      'landmark error vs full quality, same frame, p50 / p95 (% face width)',
      pct(ours.sameFrameErrors) + missedShare(ours.sameFrameErrors),
      pct(baseline.sameFrameErrors) + missedShare(baseline.sameFrameErrors),
      '',
      'p95 ≤ 10',
      yes(err95 <= 0.1)
    ],
    ['on-screen lag: shown landmarks vs the frame on screen, p50 / p95 (% face width)', pct(ours.onScreenErrors) + missedShare(ours.onScreenErrors), pct(baseline.onScreenErrors) + missedShare(baseline.onScreenErrors), '', '', ''],
    [
      'time to identify p50 / p95 (ms from the first frame of the face)',
      `${p50p95(ours.identifyMs, 0)} (${ours.identifyMs.length} runs, ${ours.missed} not named in 2 s)`,
      `${p50p95(baseline.identifyMs, 0)} (${baseline.identifyMs.length} runs, ${baseline.missed} not named in 2 s)`,
      `${fmt(percentile(baseline.identifyMs, 95) / tti95)}× (p95)`,
      'p95 ≤ 250',
      yes(tti95 <= 250 && ours.missed === 0)
    ],
    ['wrong person named', String(ours.wrongPerson), String(baseline.wrongPerson), '', '0', yes(ours.wrongPerson === 0)],
    [
      'cold start: process start to first landmarks (ms, median of 3; of which models loaded at)',
      `${fmt(ours.coldStartMs, 0)} (${fmt(ours.coldReadyMs, 0)})`,
      `${fmt(baseline.coldStartMs, 0)} (${fmt(baseline.coldReadyMs, 0)})`,
      `${fmt(baseline.coldStartMs / ours.coldStartMs)}×`,
      '≤ 2000',
      yes(ours.coldStartMs <= 2000)
    ],
    [
      `tfjs tensors, frame 200 → ${ours.soak.frames}`,
      `${ours.soak.startTensors} → ${ours.soak.endTensors}`,
      baseline.soak.frames ? `${baseline.soak.startTensors} → ${baseline.soak.endTensors}` : `${baseline.soak.endTensors} after the replay`,
      '',
      'no growth',
      yes(ours.soak.endTensors <= ours.soak.startTensors)
    ],
    [
      `RSS, frame 200 → ${ours.soak.frames} (peak)`,
      `${mb(ours.soak.startRss)} → ${mb(ours.soak.endRss)} (${mb(ours.soak.peakRss)})`,
      `${mb(baseline.soak.endRss)} whole bench process`,
      '',
      'no growth',
      yes(ours.soak.endRss <= ours.soak.startRss * 1.05)
    ]
  ]
  const table = (header: string[], body: string[][]): string =>
    [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...body.map((r) => `| ${r.join(' | ')} |`)].join('\n')
  const searchTable = table(
    ['templates', 'search p50 / p95 (ms)', 'memory', 'target'],
    search.map((s) => [s.templates.toLocaleString('en-US'), `${fmt(s.p50Ms, 2)} / ${fmt(s.p95Ms, 2)}`, mb(s.bytes), s.templates === 100_000 ? `≤ 10 ms: ${yes(s.p95Ms <= 10)}` : ''])
  )
  const cpu = cpus()
  return [
    '# Live speed (`npm run bench:live`)',
    '',
    `Clips: ${clips.map((c) => `${c.name} (${c.frames} frames, ${fmt(c.fps, 0)} frames/s)`).join(', ')}, decoded to 640×480 RGBA and replayed at their own rate in real time; a pipeline that is busy drops frames and takes the newest (never stacks requests).`,
    `Ours: ${ours.name}, backend \`${ours.backend}\`, measured after ${WARM_UP_MS / 1000} s of empty frames (a kiosk already on: the engine's live helper thread, started by the first tracked frame, has loaded; cold start is its own row). Baseline: ${baseline.name}, backend \`${baseline.backend}\`, in the bench's own thread.`,
    'Landmark error: mean distance of the 68 points to those of SSD + 68 landmarks on the whole frame (the full-quality reference; the baseline *is* that pipeline, hence 0), divided by the jaw width (points 0–16).',
    '',
    table(['figure', 'ours', 'baseline', 'ratio', 'target', 'met'], rows),
    '',
    '1:N search (gallery.ts; 192-D unit vectors, 5 templates per synthetic person, plus the real descriptors; real probes):',
    '',
    searchTable,
    '',
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${mb(totalmem())} RAM, ${process.platform} ${process.arch}. Node ${process.version}, @tensorflow/tfjs ${version('@tensorflow/tfjs')}, tfjs-backend-wasm ${version('@tensorflow/tfjs-backend-wasm')}, @vladmandic/face-api ${version('@vladmandic/face-api')}, @tensorflow/tfjs-node ${version('@tensorflow/tfjs-node')}. Date: ${new Date().toISOString()}. 100k search target met: ${yes((search100k?.p95Ms ?? Infinity) <= 10)}.`,
    '',
    load,
    ''
  ].join('\n')
}
