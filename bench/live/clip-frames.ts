/**
 * Real video as a webcam would deliver it: every frame of a clip at the clip's own rate,
 * decoded by ffmpeg to 640×480 RGBA (the 512×512 talking-head clips letterboxed into 4:3, as
 * the e2e fake camera shows them). Needs ffmpeg/ffprobe on the PATH.
 */
import { spawn, spawnSync } from 'node:child_process'

/** Webcam frame size the kiosk grabs, in pixels. */
export const FRAME_WIDTH = 640
export const FRAME_HEIGHT = 480
const FRAME_BYTES = FRAME_WIDTH * FRAME_HEIGHT * 4
/** Square clips letterboxed into a 4:3 frame (same filter as bench/kiosk-video-bench.ts and the e2e camera). */
const VIDEO_FILTER = `scale=${FRAME_HEIGHT}:${FRAME_HEIGHT},pad=${FRAME_WIDTH}:${FRAME_HEIGHT}:${(FRAME_WIDTH - FRAME_HEIGHT) / 2}:0`

/** A decoded clip: its frames (RGBA, 640×480, in order) and the clip's frame interval in ms. */
export interface Clip {
  name: string
  frameMs: number
  frames: Uint8Array[]
}

/** The clip's own frame rate (frames/s) from its stream header. Throws when ffprobe cannot read it. */
export function clipFps(file: string): number {
  const out = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=r_frame_rate', '-of', 'csv=p=0', file], { encoding: 'utf8' })
  const [num, den] = out.stdout.trim().split('/').map(Number)
  const fps = (num ?? NaN) / (den ?? 1)
  if (out.status !== 0 || !(fps > 0)) throw new Error(`ffprobe could not read the frame rate of ${file}: ${out.stderr}`)
  return fps
}

/** Decodes every frame of `file` at its own rate. Throws when ffmpeg fails or yields no frame. */
export async function decodeClip(name: string, file: string): Promise<Clip> {
  const fps = clipFps(file)
  const ffmpeg = spawn('ffmpeg', ['-v', 'error', '-i', file, '-vf', VIDEO_FILTER, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'])
  const frames: Uint8Array[] = []
  let pending = Buffer.alloc(0)
  for await (const chunk of ffmpeg.stdout as AsyncIterable<Buffer>) {
    pending = Buffer.concat([pending, chunk])
    while (pending.length >= FRAME_BYTES) {
      frames.push(new Uint8Array(pending.subarray(0, FRAME_BYTES)))
      pending = pending.subarray(FRAME_BYTES)
    }
  }
  if (frames.length === 0) throw new Error(`ffmpeg decoded no frame of ${file}`)
  return { name, frameMs: 1000 / fps, frames }
}

/** A frame of the same size with no face in it (mid grey), to make the kiosk lose a face between runs. */
export function emptyFrame(): Uint8Array {
  return new Uint8Array(FRAME_BYTES).fill(128)
}
