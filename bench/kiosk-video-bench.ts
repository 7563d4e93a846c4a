/**
 * Kiosk benchmark on real video (`npm run bench:kiosk`, built to out/main/bench-kiosk.js).
 * Plays the two talking-head clips of `../shared/datasets/video` through the real kiosk path
 * (raw 640×480 RGBA frames → recogniseFrame → identification → multi-frame confirmation →
 * punch), after enrolling person A from one frame of A's clip, exactly as the Admin view's
 * camera capture does. Prints, per clip:
 * - frames with a face, frames identified as A (per-frame identification rate for A; for B it
 *   is the per-frame false positive identification rate, FPIR), punches recorded;
 * - Euclidean distance to A's template (median, min, max);
 * - time to the first punch in video time (frames × 1/15 s) and engine latency per frame.
 *
 * Needs ffmpeg on the PATH. Options: `--fps N` (default 15), `--enrol-at S` seconds into A's
 * clip (default 1). Datasets: `CLOCKFACE_DATASETS` or `../shared/datasets`.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CONSENT_TEXT_VERSION } from '../src/shared/consent-text'
import type { OperationName, OperationRequest } from '../src/shared/contract'
import type { Result } from '../src/shared/errors'
import type { FrameResult } from '../src/shared/models'
import { cliContext, startClockface } from '../src/main/app-core'
import { defaultEnginePaths } from '../src/main/engine/engine-paths'

const WIDTH = 640
const HEIGHT = 480
const FRAME_BYTES = WIDTH * HEIGHT * 4
/** Square 512×512 clips letterboxed into a 4:3 webcam frame, as the e2e fake camera does. */
const VIDEO_FILTER = 'scale=480:480,pad=640:480:80:0'

const { values: args } = parseArgs({
  options: { fps: { type: 'string', default: '15' }, 'enrol-at': { type: 'string', default: '1' } }
})
const fps = Math.max(1, Number(args.fps))
const enrolAt = Math.max(0, Number(args['enrol-at']))

const paths = defaultEnginePaths()
const datasets = process.env.CLOCKFACE_DATASETS ?? join(paths.modelsDir, '..', '..', '..', 'shared', 'datasets')
const clip = (who: string): string => join(datasets, 'video', `talking-head-${who}.mp4`)

/** One RGBA frame of `file` at `seconds`, letterboxed to 640×480. */
function frameAt(file: string, seconds: number): Uint8Array {
  const out = spawnSync(
    'ffmpeg',
    ['-v', 'error', '-ss', String(seconds), '-i', file, '-frames:v', '1', '-vf', VIDEO_FILTER, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    { maxBuffer: FRAME_BYTES * 2 }
  )
  if (out.status !== 0 || out.stdout.length !== FRAME_BYTES) throw new Error(`ffmpeg could not read a frame of ${file}: ${out.stderr}`)
  return new Uint8Array(out.stdout)
}

/** Every frame of `file` at `fps` as 640×480 RGBA, in order. */
async function* frames(file: string): AsyncGenerator<Uint8Array> {
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-i', file, '-vf', `fps=${fps},${VIDEO_FILTER}`, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'])
  let pending = Buffer.alloc(0)
  for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= FRAME_BYTES) {
      yield new Uint8Array(pending.subarray(0, FRAME_BYTES))
      pending = pending.subarray(FRAME_BYTES)
    }
  }
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length === 0 ? NaN : (sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN)
}
const p95 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN
}
const fmt = (n: number, digits = 3): string => (Number.isFinite(n) ? n.toFixed(digits) : '–')

/** The value of a Result; throws with the error otherwise, so the bench stops at the first failure. */
function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

async function main(): Promise<void> {
  if (!existsSync(clip('aoc')) || !existsSync(clip('khill'))) {
    console.log(`kiosk bench skipped: talking-head clips not found under ${join(datasets, 'video')}`)
    return
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'clockface-bench-'))
  let videoMs = 0
  const core = await startClockface({ dataDir, config: { kioskId: 'bench', now: () => new Date(Date.UTC(2026, 0, 5, 8) + videoMs) } })
  try {
    await core.engine.ready()
    // The bench is the local operator (as the CLI is): it enrols, then acts as the kiosk.
    const call = <K extends OperationName>(name: K, request: OperationRequest<K>) => core.dispatch(name, request, cliContext()).then(valueOf)
    const enrolled = await call('createEmployee', {
      code: 'A',
      name: 'Person A',
      department: '',
      source: 'camera',
      photo: { kind: 'pixels', format: 'rgba', width: WIDTH, height: HEIGHT, data: frameAt(clip('aoc'), enrolAt) as Uint8Array<ArrayBuffer> },
      consent: { textVersion: CONSENT_TEXT_VERSION }
    })
    const templateId = enrolled.template?.id ?? '?'
    console.log(`Clockface kiosk bench: ${fps} frames/s, 640×480 RGBA; A enrolled from the frame at ${enrolAt} s (template ${templateId})`)
    console.log(`threshold ${core.config.threshold}, confirmation ${core.config.confirmFrames} frames within ${core.config.confirmWindowMs} ms, backend ${core.engine.status().backend}\n`)

    const header = ['clip', 'frames', 'with face', 'named A', 'rate', 'punches', 'first punch', 'dist median', 'min', 'max', 'engine ms p50/p95']
    const rows: string[][] = []
    for (const who of ['aoc', 'khill'] as const) {
      let count = 0
      let withFace = 0
      let namedA = 0
      let firstPunchMs: number | null = null
      const distances: number[] = []
      const engineMs: number[] = []
      const punchIds = new Set<string>()
      videoMs = who === 'aoc' ? 0 : 3_600_000 // B an hour later, outside A's cooldown
      const start = videoMs
      for await (const data of frames(clip(who))) {
        const result: FrameResult = await call('recogniseFrame', {
          frame: { kind: 'pixels', format: 'rgba', width: WIDTH, height: HEIGHT, data: data as Uint8Array<ArrayBuffer> }
        })
        count++
        engineMs.push(result.inferenceMs)
        if (result.faces.length > 0) withFace++
        for (const face of result.faces) {
          if (face.nearestDistance !== null) distances.push(face.nearestDistance)
          if (face.match?.code === 'A') namedA += face.confirmed ? 1 : 0
          if (face.punch && !face.punch.repeated) {
            punchIds.add(face.punch.id)
            firstPunchMs ??= videoMs - start
          }
        }
        videoMs += 1000 / fps
      }
      rows.push([
        who === 'aoc' ? 'A (enrolled)' : 'B (not enrolled)',
        String(count),
        String(withFace),
        String(namedA),
        `${((100 * namedA) / Math.max(1, withFace)).toFixed(1)}%`,
        String(punchIds.size),
        firstPunchMs === null ? 'none' : `${Math.round(firstPunchMs)} ms`,
        fmt(median(distances)),
        fmt(Math.min(...distances)),
        fmt(Math.max(...distances)),
        `${fmt(median(engineMs), 1)}/${fmt(p95(engineMs), 1)}`
      ])
    }
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
    const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')
    console.log(line(header))
    console.log(widths.map((w) => '-'.repeat(w)).join('  '))
    for (const row of rows) console.log(line(row))
    console.log('\n"named A" counts confirmed identifications; for B every one would be a false positive (FPIR per frame).')
  } finally {
    await core.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
