/**
 * Shared set-up of the engine integration tests: makes sure the built worker exists, and
 * gives the paths and sample images the tests use.
 */
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import sharp from 'sharp'
import type { PixelImage } from '../../src/shared/contract'

/** Project root. */
export const projectRoot = resolve(__dirname, '..', '..')
/** The built engine worker the tests run. */
export const workerPath = join(projectRoot, 'out', 'main', 'engine-worker.js')
/** The verified model files. */
export const modelsDir = join(projectRoot, 'resources', 'models')

/**
 * Builds the app with electron-vite when out/main/engine-worker.js is missing (`npm test`
 * builds before it runs the tests, so this only matters for a lone `npx vitest`).
 */
export function ensureEngineBuilt(): void {
  if (existsSync(workerPath)) return
  execSync('npx electron-vite build', { cwd: projectRoot, stdio: 'pipe' })
  if (!existsSync(workerPath)) throw new Error(`build did not produce ${workerPath}`)
}

/** A photo decoded and resized to `width`×`height` (cover fit) as a raw RGBA frame, like a camera gives. */
export async function rgbaFrame(file: string, width: number, height: number): Promise<PixelImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize(width, height, { fit: 'cover' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { kind: 'pixels', format: 'rgba', width: info.width, height: info.height, data: new Uint8Array(data) }
}

/** A photo at its own size as raw RGBA pixels (EXIF orientation applied). */
export async function rgbaPhoto(file: string): Promise<PixelImage> {
  const { data, info } = await sharp(file).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true })
  return { kind: 'pixels', format: 'rgba', width: info.width, height: info.height, data: new Uint8Array(data) }
}

/** Euclidean distance between two descriptors. */
export function euclidean(a: readonly number[], b: readonly number[]): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += ((a[i] ?? 0) - (b[i] ?? 0)) ** 2
  return Math.sqrt(sum)
}
