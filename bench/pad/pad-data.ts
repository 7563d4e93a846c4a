/**
 * The benchmark's inputs: a folder in the NUAA Photograph Imposter Database layout
 * (`db/ClientRaw/<subject>/*.jpg` bona fide, `db/ImposterRaw/<subject>/*.jpg` printed-photo
 * attacks; an optional `manifest.csv` with columns `path` and `official_split` tells training
 * rows from test rows, otherwise every image is a test row), and video files decoded to raw
 * RGB frames with ffmpeg.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** One image of the data set. */
export interface PadImage {
  /** Path relative to the data folder. */
  path: string
  attack: boolean
  subject: string
  split: 'train' | 'test'
}

/** Lists the images of a NUAA-layout folder, sorted by path. Throws when neither class folder exists. */
export function listPadImages(dir: string): PadImage[] {
  const splits = new Map<string, string>()
  const manifest = join(dir, 'manifest.csv')
  if (existsSync(manifest)) {
    const [header = '', ...lines] = readFileSync(manifest, 'utf8').trim().split(/\r?\n/)
    const cols = header.split(',')
    const pathAt = cols.indexOf('path')
    const splitAt = cols.indexOf('official_split')
    if (pathAt >= 0 && splitAt >= 0) for (const line of lines) splits.set(line.split(',')[pathAt] ?? '', line.split(',')[splitAt] ?? '')
  }
  const images: PadImage[] = []
  const classes = [
    ['ClientRaw', false],
    ['ImposterRaw', true]
  ] as const
  let found = false
  for (const [folder, attack] of classes) {
    const root = join(dir, 'db', folder)
    if (!existsSync(root)) continue
    found = true
    for (const subject of readdirSync(root).sort()) {
      const sub = join(root, subject)
      for (const file of readdirSync(sub).sort()) {
        if (!/\.(jpe?g|png)$/i.test(file)) continue
        const path = `db/${folder}/${subject}/${file}`
        images.push({ path, attack, subject, split: splits.get(path) === 'train' ? 'train' : 'test' })
      }
    }
  }
  if (!found) throw new Error(`${dir} has neither db/ClientRaw nor db/ImposterRaw`)
  return images
}

/** Frames of a video as raw RGB (`width`×`height`, 3 bytes per pixel), `fps` per second, decoded by ffmpeg. */
export function videoFrames(file: string, fps: number, width: number, height: number): Uint8Array[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', `fps=${fps},scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 30 })
  const size = width * height * 3
  return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => new Uint8Array(raw.subarray(i * size, (i + 1) * size)))
}
