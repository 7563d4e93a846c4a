/**
 * Frames of the talking-head clips as a kiosk's 640×480 camera shows them, for the engine's
 * live-path tests: decoded by ffmpeg to raw RGBA.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { talkingHead } from './datasets'

/** Frame size, pixels. */
export const FRAME_WIDTH = 640
export const FRAME_HEIGHT = 480
const FRAME_BYTES = FRAME_WIDTH * FRAME_HEIGHT * 4

/** Whether both talking-head clips and ffmpeg are present. */
export const hasClips = existsSync(talkingHead('aoc')) && existsSync(talkingHead('khill')) && spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0

function decode(args: string[], count: number): Uint8Array[] {
  const out = spawnSync('ffmpeg', ['-v', 'error', ...args, '-frames:v', String(count), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'], { maxBuffer: FRAME_BYTES * (count + 1) })
  return Array.from({ length: Math.floor(out.stdout.length / FRAME_BYTES) }, (_, i) => new Uint8Array(out.stdout.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES)))
}

/** The first `count` frames of a clip, letterboxed to 640×480 RGBA (one head, centred). */
export function clipFrames(who: 'aoc' | 'khill', count: number): Uint8Array[] {
  return decode(['-i', talkingHead(who), '-vf', 'scale=480:480,pad=640:480:80:0'], count)
}

/** The first `count` frames of both clips side by side, each 320×320, in one 640×480 RGBA frame (aoc on the left). */
export function twoPeopleFrames(count: number): Uint8Array[] {
  return decode(['-i', talkingHead('aoc'), '-i', talkingHead('khill'), '-filter_complex', '[0]scale=320:320[a];[1]scale=320:320[b];[a][b]hstack,pad=640:480:0:80'], count)
}

/** A copy of an RGBA frame with every pixel right of `x` painted black. */
export function blankRightOf(frame: Uint8Array, x: number): Uint8Array {
  const out = frame.slice()
  for (let y = 0; y < FRAME_HEIGHT; y++) out.fill(0, (y * FRAME_WIDTH + x) * 4, (y + 1) * FRAME_WIDTH * 4)
  return out
}

/** An RGBA frame as the engine's pixel input (a copy: the engine takes over the buffer). */
export const pixelsOf = (data: Uint8Array) => ({ kind: 'pixels' as const, format: 'rgba' as const, width: FRAME_WIDTH, height: FRAME_HEIGHT, data: data.slice() as Uint8Array<ArrayBuffer> })
