/**
 * Checks and reads the face-api model files before TensorFlow.js sees them, so a missing,
 * truncated or swapped file fails with a message naming the file instead of a tensor-shape
 * error deep inside face-api. Format: TensorFlow.js weights manifests
 * (https://www.tensorflow.org/js/guide/save_load#weights_manifest): a JSON array of groups
 * `{ paths: string[], weights: { name, shape, dtype, quantization? }[] }`, each group's
 * weights stored back to back across its `paths` shards.
 */
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'

/**
 * The face-api models the engine loads at start, by file base name as face-api ships them in
 * `model/` (face-api README, "Models"): two detectors (tiny for live frames, SSD for photos)
 * and the 68-point landmark net. Faces are described by MobileFaceNet (mobilefacenet.ts).
 */
export const REQUIRED_MODELS = ['tiny_face_detector_model', 'ssd_mobilenetv1_model', 'face_landmark_68_model'] as const

/**
 * face-api's 128-D recognition net: shipped and checksum-verified with the others, loaded
 * only by the benchmarks' comparison pipelines (bench/accuracy, bench/live's face-api
 * baseline), never by the engine, whose start it would slow by about 0.2 s and 6 MB.
 */
export const COMPARISON_MODELS = ['face_recognition_model'] as const

/**
 * Models of face analysis (age and gender, expression; face-api README, "Models"), loaded by
 * the engine worker only when analysis is first asked for, so kiosk start-up never waits for
 * them and a missing file affects analysis alone. Copied and checksum-verified with the
 * others by scripts/prepare-resources.mjs.
 */
export const ANALYSIS_MODELS = ['age_gender_model', 'face_expression_model'] as const

/** Base name of one of the {@link REQUIRED_MODELS}, {@link COMPARISON_MODELS} or {@link ANALYSIS_MODELS}. */
export type ModelName = (typeof REQUIRED_MODELS)[number] | (typeof COMPARISON_MODELS)[number] | (typeof ANALYSIS_MODELS)[number]

/** One weight entry of a manifest (the subset of tfjs' WeightsManifestEntry we rely on). */
export interface WeightSpec {
  name: string
  shape: number[]
  dtype: string
  /** Present when the stored values are quantized; the stored element type is then `quantization.dtype`. */
  quantization?: { dtype: string; scale?: number; min?: number }
}

/** A model whose files were checked: its weight specs and the stored bytes. */
export interface ModelFiles {
  name: string
  manifestPath: string
  /** Every weight of every group, in storage order. */
  specs: WeightSpec[]
  /** All shards of all groups concatenated, in manifest order; byte length equals the specs' total. */
  weights: ArrayBuffer
}

/** Bytes per stored element, by tfjs dtype (tfjs-core `io/types.ts`, DTYPE_VALUE_SIZE_MAP). */
const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = {
  float32: 4,
  int32: 4,
  uint16: 2,
  float16: 2,
  uint8: 1,
  bool: 1
}

interface ManifestGroup {
  paths: string[]
  specs: WeightSpec[]
}

const manifestPathOf = (modelsDir: string, name: string): string => join(modelsDir, `${name}-weights_manifest.json`)

function isWeightSpec(value: unknown): value is WeightSpec {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  const q = v.quantization
  return (
    typeof v.name === 'string' &&
    typeof v.dtype === 'string' &&
    Array.isArray(v.shape) &&
    v.shape.every((d) => Number.isInteger(d) && (d as number) >= 0) &&
    (q === undefined || (typeof q === 'object' && q !== null && typeof (q as Record<string, unknown>).dtype === 'string'))
  )
}

function readManifest(modelsDir: string, name: string): { manifestPath: string; groups: ManifestGroup[] } {
  const manifestPath = manifestPathOf(modelsDir, name)
  let text: string
  try {
    text = readFileSync(manifestPath, 'utf8')
  } catch (error) {
    throw new Error(`model file ${manifestPath} is missing or unreadable (${(error as Error).message})`)
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`model file ${manifestPath} is not valid JSON (${(error as Error).message})`)
  }
  const malformed = (why: string): Error => new Error(`model file ${manifestPath} is not a TensorFlow.js weights manifest: ${why}`)
  if (!Array.isArray(json) || json.length === 0) throw malformed('expected a non-empty array of weight groups')
  const groups = json.map((group: unknown, g): ManifestGroup => {
    const { paths, weights } = (group ?? {}) as { paths?: unknown; weights?: unknown }
    if (!Array.isArray(paths) || paths.length === 0 || !paths.every((p) => typeof p === 'string')) {
      throw malformed(`group ${g} has no "paths"`)
    }
    if (!Array.isArray(weights) || !weights.every(isWeightSpec)) throw malformed(`group ${g} has malformed "weights"`)
    for (const p of paths) {
      const rel = relative(modelsDir, join(modelsDir, p))
      if (rel.startsWith('..') || isAbsolute(rel)) throw malformed(`shard path ${p} leaves the models folder`)
    }
    return { paths, specs: weights }
  })
  return { manifestPath, groups }
}

/**
 * Byte length the weights of a manifest group occupy on disk: Σ (product of shape) × bytes of
 * the stored dtype, where the stored dtype is `quantization.dtype` when present, else `dtype`.
 * Throws for dtypes with no fixed size (`string`, `complex64`), which face-api models do not use.
 */
export function expectedByteLength(specs: readonly WeightSpec[]): number {
  let total = 0
  for (const spec of specs) {
    const stored = spec.quantization?.dtype ?? spec.dtype
    const size = BYTES_PER_ELEMENT[stored]
    if (size === undefined) throw new Error(`weight ${spec.name} has unsupported stored dtype ${stored}`)
    total += spec.shape.reduce((a, b) => a * b, 1) * size
  }
  return total
}

function checkGroupSizes(
  manifestPath: string,
  group: ManifestGroup,
  shardBytes: (path: string) => number
): void {
  const expected = expectedByteLength(group.specs)
  const sizes = group.paths.map(shardBytes)
  const actual = sizes.reduce((a, b) => a + b, 0)
  if (actual !== expected) {
    const files = group.paths.join(', ')
    throw new Error(
      `model file ${group.paths.length === 1 ? group.paths[0] : `shards ${files}`} has ${actual} bytes but its manifest ` +
        `${manifestPath} describes ${expected} bytes: the file is truncated or does not belong to this manifest`
    )
  }
}

function shardPath(modelsDir: string, path: string): string {
  return join(modelsDir, path)
}

/**
 * Verifies that every named model has a parseable manifest and weight files of exactly the
 * size the manifest implies (stat only, nothing is read beyond the manifests).
 * Throws an Error naming the absolute path of the first missing or damaged file.
 */
export function verifyModelFiles(modelsDir: string, names: readonly string[] = REQUIRED_MODELS): void {
  for (const name of names) {
    const { manifestPath, groups } = readManifest(modelsDir, name)
    for (const group of groups) {
      checkGroupSizes(manifestPath, { ...group, paths: group.paths.map((p) => shardPath(modelsDir, p)) }, (file) => {
        try {
          return statSync(file).size
        } catch {
          throw new Error(`model file ${file} is missing (listed in ${manifestPath})`)
        }
      })
    }
  }
}

/**
 * Reads one model: its manifest and all its weight shards, checked as in
 * {@link verifyModelFiles} against the bytes actually read.
 * Throws an Error naming the absolute path of a missing or damaged file.
 */
export function readModelFiles(modelsDir: string, name: string): ModelFiles {
  const { manifestPath, groups } = readManifest(modelsDir, name)
  const chunks: Uint8Array[] = []
  for (const group of groups) {
    const files = group.paths.map((p) => shardPath(modelsDir, p))
    const read = new Map<string, Uint8Array>()
    checkGroupSizes(manifestPath, { ...group, paths: files }, (file) => {
      try {
        const bytes = readFileSync(file)
        read.set(file, bytes)
        return bytes.byteLength
      } catch {
        throw new Error(`model file ${file} is missing (listed in ${manifestPath})`)
      }
    })
    for (const file of files) chunks.push(read.get(file) as Uint8Array)
  }
  const total = chunks.reduce((n, c) => n + c.byteLength, 0)
  const weights = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    weights.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { name, manifestPath, specs: groups.flatMap((g) => g.specs), weights: weights.buffer }
}
