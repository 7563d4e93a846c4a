/**
 * The recognition pipelines the accuracy bench compares, built from face-api and TensorFlow.js
 * directly (loaded as the engine worker loads them), and how two of their templates compare.
 *
 * - a `production`: what the engine does for photos today: the decoded image → SSD MobileNet v1
 *   (min confidence 0.5) → 68 landmarks → FaceRecognitionNet on face-api's axis-aligned crop
 *   (`landmarks.align(null, { useDlibAlignment: true })`); Euclidean distance.
 * - b `padded`: the same, with the image centred in a black canvas twice its size first: SSD
 *   resizes every input to 512×512, and a face that fills the frame is then larger than most
 *   faces it was trained on.
 * - c `chip`: b's detection and landmarks, but the descriptor is computed on dlib's canonical
 *   150 px chip (padding 0.25) cut by a 5-point similarity alignment (face-chip.ts).
 * - d `mirror`: c plus test-time augmentation: the descriptors of the chip and of its mirror
 *   image are added (and halved, which keeps Euclidean distances on one descriptor's scale).
 * - e `cosine`: d's descriptor L2-normalised, compared by cosine similarity.
 * - f `mobilefacenet`: b's detection and landmarks, MobileFaceNet (192-D) on the 112 px chip
 *   aligned to insightface's ArcFace template, with mirror TTA, L2-normalised, cosine similarity.
 * - g `product`: exactly what the engine does for a photo today (run-detection.ts: SSD on the
 *   image, again on a padded canvas when that finds no face or a face filling ≥ 30% of the
 *   shorter side; ArcFace chip; MobileFaceNet with mirror TTA), called through the engine's
 *   own function.
 *
 * One pass per image computes every stage the chosen pipelines need, and times each stage, so
 * a pipeline's time is the sum of the stages it runs, measured in the same pass.
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { detectorOptions } from '../../src/main/engine/detector-options'
import type { LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { prepareImage } from '../../src/main/engine/image-input'
import { rgbValues, runDetection } from '../../src/main/engine/run-detection'
import { extractChip, mirror, type Point, type RgbImage } from '../../src/main/engine/face-chip'
import type { MobileFaceNet } from '../../src/main/engine/mobilefacenet'

/** Pipeline identifiers, in the order they build on each other. */
export const PIPELINE_IDS = ['a', 'b', 'c', 'd', 'e', 'f', 'g'] as const
/** One of {@link PIPELINE_IDS}. */
export type PipelineId = (typeof PIPELINE_IDS)[number]

/** Short description of each pipeline for tables. */
export const PIPELINE_NAMES: Readonly<Record<PipelineId, string>> = {
  a: 'a production (SSD, face-api crop, Euclidean)',
  b: 'b + padded canvas',
  c: 'c + 5-point dlib chip',
  d: 'd + mirror TTA',
  e: 'e + cosine on L2-normalised',
  f: 'f MobileFaceNet, ArcFace chip, mirror, cosine',
  g: 'g product engine (SSD, padded canvas on a miss or a large face, tiny detector last; landmarks twice)'
}

/** How a pipeline compares two templates: by Euclidean distance (lower is closer) or cosine similarity. */
export const PIPELINE_METRIC: Readonly<Record<PipelineId, 'euclidean' | 'cosine'>> = { a: 'euclidean', b: 'euclidean', c: 'euclidean', d: 'euclidean', e: 'cosine', f: 'cosine', g: 'cosine' }

/**
 * Canvas side as a multiple of the image side for pipelines b–e: the image is centred with
 * half its width (height) of black on each side, so the face covers a quarter of the area SSD
 * sees instead of all of it.
 */
export const CANVAS_FACTOR = 2

/** What one face-api pass over the image as sent (pipeline a) produced. */
export interface RawStage {
  faces: number
  descriptor: number[] | null
  /** Decode + detection + landmarks + descriptors, ms. */
  ms: number
}

/** What one pass over the padded canvas (pipelines b–e) produced, with its stage times in ms. */
export interface PaddedStage {
  faces: number
  /** Descriptor of face-api's crop (b). */
  crop: number[] | null
  /** Descriptor of the dlib chip (c) and of its mirror image (d, e). */
  chip: number[] | null
  chipMirror: number[] | null
  /** MobileFaceNet descriptor with mirror TTA, unit length (f); absent when not computed. */
  mfn?: number[] | null
  ms: { input: number; detect: number; crop: number; chip: number; mirror: number; mfn?: number }
}

/** Bumped whenever the engine's photo path changes what it returns, so cached g records are redone (2: the padded look for large faces; 3: the tiny detector when SSD finds none; 4: landmarks looked at twice, landmark-square.ts; 5: the padded look when SSD finds only small faces). */
export const ENGINE_STAGE_VERSION = 5

/** What the engine's own photo detection (pipeline g) gave: faces found, the central face's descriptor, ms. */
export interface EngineStage {
  /** {@link ENGINE_STAGE_VERSION} of the engine path that made it; older records are recomputed. */
  version?: number
  faces: number
  descriptor: number[] | null
  ms: number
}

/** Everything computed for one image; `error` when it could not be read (e.g. a missing file). */
export interface ImageRecord {
  path: string
  error?: string
  raw?: RawStage
  padded?: PaddedStage
  engine?: EngineStage
}

/** The stages a set of pipelines needs. */
export function stagesFor(pipelines: readonly PipelineId[]): { raw: boolean; padded: boolean; engine: boolean } {
  return { raw: pipelines.includes('a'), padded: pipelines.some((p) => p !== 'a' && p !== 'g'), engine: pipelines.includes('g') }
}

/** True when `record` already holds every stage `pipelines` needs (or records a read error). */
export function recordCovers(record: ImageRecord, pipelines: readonly PipelineId[]): boolean {
  if (record.error) return true
  const need = stagesFor(pipelines)
  const mfn = !pipelines.includes('f') || record.padded?.mfn !== undefined || record.padded?.faces === 0
  return (!need.raw || record.raw !== undefined) && (!need.padded || record.padded !== undefined) && (!need.engine || record.engine?.version === ENGINE_STAGE_VERSION) && mfn
}

/** Index of the face whose box centre is nearest the image centre (LFW centres the labelled person). */
function centralFace(boxes: readonly { x: number; y: number; width: number; height: number }[], width: number, height: number): number {
  let best = -1
  let bestDistance = Infinity
  boxes.forEach((b, i) => {
    const d = (b.x + b.width / 2 - width / 2) ** 2 + (b.y + b.height / 2 - height / 2) ** 2
    if (d < bestDistance) {
      best = i
      bestDistance = d
    }
  })
  return best
}

const ssdOptions = (api: LoadedFaceApi): ReturnType<typeof detectorOptions> => detectorOptions(api.faceapi, { detector: 'ssd-mobilenetv1', withDescriptors: true })

async function rawStage(api: LoadedFaceApi, bytes: Uint8Array): Promise<RawStage> {
  const { faceapi, tf } = api
  const t0 = performance.now()
  // As the engine worker: prepareImage (sharp decode, EXIF orientation) → int32 RGB tensor.
  const image = await prepareImage({ kind: 'encoded', data: bytes })
  const input = tf.tensor3d(rgbValues(image.pixels), [image.pixels.height, image.pixels.width, 3], 'int32')
  try {
    const results = await faceapi.detectAllFaces(input, ssdOptions(api)).withFaceLandmarks().withFaceDescriptors()
    const ms = performance.now() - t0
    const i = centralFace(
      results.map((r) => r.detection.box),
      image.pixels.width,
      image.pixels.height
    )
    const chosen = results[i]
    return { faces: results.length, descriptor: chosen ? Array.from(chosen.descriptor) : null, ms }
  } finally {
    input.dispose()
  }
}

async function describe(api: LoadedFaceApi, tensor: ReturnType<LoadedFaceApi['tf']['tensor3d']>): Promise<number[]> {
  const descriptor = (await api.faceapi.nets.faceRecognitionNet.computeFaceDescriptor(tensor)) as Float32Array
  return Array.from(descriptor)
}

async function describeRgb(api: LoadedFaceApi, image: RgbImage): Promise<number[]> {
  const tensor = api.tf.tensor3d(Int32Array.from(image.data), [image.height, image.width, 3], 'int32')
  try {
    return await describe(api, tensor)
  } finally {
    tensor.dispose()
  }
}

async function paddedStage(api: LoadedFaceApi, bytes: Uint8Array, withChips: boolean, mfn: MobileFaceNet | undefined): Promise<PaddedStage> {
  const { faceapi, tf } = api
  const t0 = performance.now()
  const meta = await sharp(bytes).metadata()
  const { width, height } = meta.autoOrient
  const padX = Math.round(((CANVAS_FACTOR - 1) * width) / 2)
  const padY = Math.round(((CANVAS_FACTOR - 1) * height) / 2)
  const { data, info } = await sharp(bytes)
    .rotate()
    .extend({ top: padY, bottom: padY, left: padX, right: padX, background: { r: 0, g: 0, b: 0, alpha: 1 } })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
  const canvas: RgbImage = { width: info.width, height: info.height, data: new Uint8Array(data) }
  const input = tf.tensor3d(Int32Array.from(canvas.data), [canvas.height, canvas.width, 3], 'int32')
  const ms: PaddedStage['ms'] = { input: 0, detect: 0, crop: 0, chip: 0, mirror: 0 }
  try {
    const t1 = performance.now()
    ms.input = t1 - t0
    const results = await faceapi.detectAllFaces(input, ssdOptions(api)).withFaceLandmarks()
    const t2 = performance.now()
    ms.detect = t2 - t1
    const chosen = results[centralFace(
      results.map((r) => r.detection.box),
      canvas.width,
      canvas.height
    )]
    if (!chosen) return { faces: 0, crop: null, chip: null, chipMirror: null, ms }

    // b: exactly what face-api's withFaceDescriptors() does for this face.
    const [crop] = await faceapi.extractFaceTensors(input, [chosen.landmarks.align(null, { useDlibAlignment: true })])
    let cropDescriptor: number[] | null = null
    if (crop) {
      try {
        cropDescriptor = await describe(api, crop)
      } finally {
        crop.dispose()
      }
    }
    const t3 = performance.now()
    ms.crop = t3 - t2
    let mfnDescriptor: number[] | null | undefined
    if (mfn) {
      const t = performance.now()
      mfnDescriptor = Array.from(mfn.describe(canvas, chosen.landmarks.positions as Point[]))
      ms.mfn = performance.now() - t
    }
    const t3b = performance.now()
    if (!withChips) return { faces: results.length, crop: cropDescriptor, chip: null, chipMirror: null, mfn: mfnDescriptor, ms }

    const chip = extractChip(canvas, chosen.landmarks.positions as Point[])
    const chipDescriptor = await describeRgb(api, chip)
    const t4 = performance.now()
    ms.chip = t4 - t3b
    const mirrorDescriptor = await describeRgb(api, mirror(chip))
    ms.mirror = performance.now() - t4
    return { faces: results.length, crop: cropDescriptor, chip: chipDescriptor, chipMirror: mirrorDescriptor, mfn: mfnDescriptor, ms }
  } finally {
    input.dispose()
  }
}

async function engineStage(api: LoadedFaceApi, mfn: MobileFaceNet, bytes: Uint8Array): Promise<EngineStage> {
  const t0 = performance.now()
  const image = await prepareImage({ kind: 'encoded', data: bytes })
  const faces = await runDetection(api, mfn, image, { detector: 'ssd-mobilenetv1', withDescriptors: true })
  const ms = performance.now() - t0
  const chosen = faces[centralFace(faces.map((f) => f.box), image.width, image.height)]
  return { version: ENGINE_STAGE_VERSION, faces: faces.length, descriptor: chosen?.descriptor ?? null, ms }
}

/** Runs every stage `pipelines` needs on the image file `file` (read errors are recorded, not thrown). */
export async function processImage(api: LoadedFaceApi, file: string, path: string, pipelines: readonly PipelineId[], mfn?: MobileFaceNet): Promise<ImageRecord> {
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(readFileSync(file))
  } catch (error) {
    return { path, error: (error as Error).message }
  }
  const need = stagesFor(pipelines)
  const record: ImageRecord = { path }
  if (need.engine && mfn) record.engine = await engineStage(api, mfn, bytes)
  if (need.raw) record.raw = await rawStage(api, bytes)
  if (need.padded) record.padded = await paddedStage(api, bytes, pipelines.some((p) => p === 'c' || p === 'd' || p === 'e'), pipelines.includes('f') ? mfn : undefined)
  return record
}

function l2normalise(v: readonly number[]): number[] {
  const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0))
  return norm === 0 ? [...v] : v.map((x) => x / norm)
}

/** The template of an image under a pipeline (128 numbers), or null when it has no face or was unreadable. */
export function templateOf(record: ImageRecord | undefined, pipeline: PipelineId): number[] | null {
  if (!record || record.error) return null
  if (pipeline === 'a') return record.raw?.descriptor ?? null
  if (pipeline === 'g') return record.engine?.descriptor ?? null
  const padded = record.padded
  if (!padded) return null
  if (pipeline === 'b') return padded.crop
  if (pipeline === 'c') return padded.chip
  if (pipeline === 'f') return padded.mfn ?? null
  if (!padded.chip || !padded.chipMirror) return null
  const mirror = padded.chipMirror
  const averaged = padded.chip.map((x, i) => (x + (mirror[i] as number)) / 2)
  return pipeline === 'd' ? averaged : l2normalise(averaged)
}

/**
 * Similarity of two templates of a pipeline, higher meaning more alike: the negated Euclidean
 * distance for a–d, the cosine similarity (dot product of unit vectors, −1..1) for e.
 */
export function similarity(pipeline: PipelineId, x: readonly number[], y: readonly number[]): number {
  if (PIPELINE_METRIC[pipeline] === 'cosine') return x.reduce((a, v, i) => a + v * (y[i] as number), 0)
  return -Math.sqrt(x.reduce((a, v, i) => a + (v - (y[i] as number)) ** 2, 0))
}

/** A similarity threshold as users set it: a Euclidean distance for a–d, a cosine similarity for e. */
export function displayThreshold(pipeline: PipelineId, score: number): number {
  return PIPELINE_METRIC[pipeline] === 'cosine' ? score : -score
}

/** Time in ms this pipeline spent on the image (decode and every stage it runs), or null when not run. */
export function pipelineMs(record: ImageRecord, pipeline: PipelineId): number | null {
  if (pipeline === 'a') return record.raw?.ms ?? null
  if (pipeline === 'g') return record.engine?.ms ?? null
  const ms = record.padded?.ms
  if (!ms) return null
  const base = ms.input + ms.detect
  if (pipeline === 'b') return base + ms.crop
  if (pipeline === 'c') return base + ms.chip
  if (pipeline === 'f') return base + (ms.mfn ?? 0)
  return base + ms.chip + ms.mirror
}

/** Faces the detector found in the image for this pipeline (a: the image as sent; b–e: the padded canvas), null when unreadable. */
export function facesFound(record: ImageRecord, pipeline: PipelineId): number | null {
  if (record.error) return null
  if (pipeline === 'g') return record.engine?.faces ?? null
  return (pipeline === 'a' ? record.raw?.faces : record.padded?.faces) ?? null
}
