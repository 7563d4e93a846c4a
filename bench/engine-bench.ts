/**
 * Engine benchmark (`npm run bench`, built to out/main/bench-engine.js). Prints:
 * 1. per-stage latency (median / p95, ms) of face-api in this thread, on 640×480 frames made
 *    from deepface-unit photos: tiny detector at 320 and 416 px, + 68 landmarks, + descriptors,
 *    and SSD MobileNet v1;
 *    and the product's descriptor per face: 5-point ArcFace chip + MobileFaceNet on the chip
 *    and its mirror (192-D);
 * 2. the kiosk path through the engine worker (raw RGBA frame → tiny 416 + landmarks +
 *    MobileFaceNet descriptors): round-trip latency and frames/s;
 * 3. the photo path (encoded JPEG → SSD + landmarks + descriptors + thumbnail);
 * 4. memory before/after N kiosk frames: live tensors in the worker and process RSS.
 *
 * Options: `--frames N` kiosk frames (default 300), `--runs N` per stage (default 40),
 * `--backend auto|wasm`. Datasets: `CLOCKFACE_DATASETS` or `../shared/datasets`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import type { PixelImage } from '../src/shared/contract'
import { createEngine } from '../src/main/engine/create-engine'
import { defaultEnginePaths } from '../src/main/engine/engine-paths'
import type { BackendChoice, DetectOptions } from '../src/main/engine/engine-types'
import { loadFaceApi, type LoadedFaceApi } from '../src/main/engine/face-api-loader'
import { COMPARISON_MODELS, readModelFiles, REQUIRED_MODELS } from '../src/main/engine/model-files'
import { rgbValues } from '../src/main/engine/run-detection'
import { loadMobileFaceNet, MOBILEFACENET_FILE, type MobileFaceNet } from '../src/main/engine/mobilefacenet'
import type { TfNamespace } from '../src/main/engine/tflite/tflite-runner'

const FRAME_WIDTH = 640
const FRAME_HEIGHT = 480

const { values: args } = parseArgs({
  options: {
    frames: { type: 'string', default: '300' },
    runs: { type: 'string', default: '40' },
    backend: { type: 'string', default: 'auto' }
  }
})
const frameCount = Math.max(1, Number(args.frames))
const runs = Math.max(1, Number(args.runs))
const backend: BackendChoice = args.backend === 'wasm' ? 'wasm' : 'auto'

const paths = defaultEnginePaths()
const datasets = process.env.CLOCKFACE_DATASETS ?? join(paths.modelsDir, '..', '..', '..', 'shared', 'datasets')
const photoDir = join(datasets, 'deepface-unit')

interface Row {
  stage: string
  median: number
  p95: number
  faces: string
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index] ?? NaN
}

function summarise(stage: string, times: number[], faces: number[]): Row {
  const sorted = [...times].sort((a, b) => a - b)
  const meanFaces = faces.reduce((a, b) => a + b, 0) / Math.max(1, faces.length)
  return { stage, median: percentile(sorted, 50), p95: percentile(sorted, 95), faces: meanFaces.toFixed(2) }
}

function printTable(title: string, rows: Row[]): void {
  const width = Math.max(...rows.map((r) => r.stage.length), 5)
  console.log(`\n${title}`)
  console.log(`${'stage'.padEnd(width)}  ${'median ms'.padStart(9)}  ${'p95 ms'.padStart(8)}  ${'faces/img'.padStart(9)}`)
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(9)}  ${'-'.repeat(8)}  ${'-'.repeat(9)}`)
  for (const r of rows) {
    console.log(`${r.stage.padEnd(width)}  ${r.median.toFixed(1).padStart(9)}  ${r.p95.toFixed(1).padStart(8)}  ${r.faces.padStart(9)}`)
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

async function frame(file: string): Promise<PixelImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize(FRAME_WIDTH, FRAME_HEIGHT, { fit: 'cover' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { kind: 'pixels', format: 'rgba', width: info.width, height: info.height, data: new Uint8Array(data) }
}

async function inThread(api: LoadedFaceApi, frames: PixelImage[]): Promise<Row[]> {
  const { faceapi, tf } = api
  const tiny = (inputSize: number): InstanceType<typeof faceapi.TinyFaceDetectorOptions> =>
    new faceapi.TinyFaceDetectorOptions({ inputSize, scoreThreshold: 0.5 })
  const ssd = new faceapi.SsdMobilenetv1Options({ minConfidence: 0.5 })
  type Input = ReturnType<typeof tf.tensor3d>
  const stages: [string, (input: Input) => Promise<unknown[]>][] = [
    ['tiny 320: detect', (t) => faceapi.detectAllFaces(t, tiny(320)).run()],
    ['tiny 416: detect', (t) => faceapi.detectAllFaces(t, tiny(416)).run()],
    ['tiny 320: + landmarks', (t) => faceapi.detectAllFaces(t, tiny(320)).withFaceLandmarks().run()],
    ['tiny 416: + landmarks', (t) => faceapi.detectAllFaces(t, tiny(416)).withFaceLandmarks().run()],
    ['tiny 320: + landmarks + descriptors', (t) => faceapi.detectAllFaces(t, tiny(320)).withFaceLandmarks().withFaceDescriptors().run()],
    ['tiny 416: + landmarks + descriptors', (t) => faceapi.detectAllFaces(t, tiny(416)).withFaceLandmarks().withFaceDescriptors().run()],
    ['ssd: detect', (t) => faceapi.detectAllFaces(t, ssd).run()],
    ['ssd: + landmarks + descriptors', (t) => faceapi.detectAllFaces(t, ssd).withFaceLandmarks().withFaceDescriptors().run()]
  ]
  const rows: Row[] = []
  const toTensorTimes: number[] = []
  for (const [stage, run] of stages) {
    const times: number[] = []
    const faces: number[] = []
    for (let i = -2; i < runs; i++) {
      const f = frames[((i % frames.length) + frames.length) % frames.length] as PixelImage
      const t0 = performance.now()
      const input = tf.tensor3d(rgbValues({ width: f.width, height: f.height, channels: 4, data: f.data }), [f.height, f.width, 3], 'int32')
      const t1 = performance.now()
      const result = await run(input)
      const t2 = performance.now()
      input.dispose()
      if (i < 0) continue // warm-up: first calls allocate kernels' buffers
      toTensorTimes.push(t1 - t0)
      times.push(t2 - t1)
      faces.push(result.length)
    }
    rows.push(summarise(stage, times, faces))
  }
  rows.unshift(summarise('RGBA pixels → tensor', toTensorTimes, []))
  return rows
}

/** Per face: the ArcFace 5-point chip and MobileFaceNet on chip + mirror, as the engine describes every face. */
async function describePerFace(api: LoadedFaceApi, describer: MobileFaceNet, frames: PixelImage[]): Promise<Row> {
  const { faceapi, tf } = api
  const times: number[] = []
  for (let i = -2; i < runs; i++) {
    const f = frames[((i % frames.length) + frames.length) % frames.length] as PixelImage
    const values = rgbValues({ width: f.width, height: f.height, channels: 4, data: f.data })
    const rgb = { width: f.width, height: f.height, data: Uint8Array.from(values) }
    const input = tf.tensor3d(values, [f.height, f.width, 3], 'int32')
    const found = await faceapi.detectAllFaces(input, new faceapi.TinyFaceDetectorOptions({ inputSize: 416, scoreThreshold: 0.5 })).withFaceLandmarks().run()
    input.dispose()
    for (const face of found) {
      const t0 = performance.now()
      tf.tidy(() => describer.describe(rgb, face.landmarks.positions))
      if (i >= 0) times.push(performance.now() - t0)
    }
  }
  return summarise('MobileFaceNet: 5-point chip + chip and mirror, per face', times, times.map(() => 1))
}

async function main(): Promise<void> {
  if (!existsSync(photoDir)) {
    console.error(`engine bench: ${photoDir} not found (set CLOCKFACE_DATASETS); nothing to measure`)
    process.exit(1)
  }
  const photos = readdirSync(photoDir)
    .filter((f) => /^img\d+\.jpg$/.test(f))
    .sort((a, b) => Number(a.slice(3, -4)) - Number(b.slice(3, -4)))
    .slice(0, 12)
    .map((f) => join(photoDir, f))
  const frames = await Promise.all(photos.map(frame))
  console.log(`Clockface engine bench: ${frames.length} deepface-unit photos as ${FRAME_WIDTH}×${FRAME_HEIGHT} frames, ${runs} runs/stage`)

  // 1. Stages, in this thread, with the same loader and model files as the worker.
  const api = await loadFaceApi({ backend, wasmDir: paths.wasmDir })
  const nets = [api.faceapi.nets.tinyFaceDetector, api.faceapi.nets.ssdMobilenetv1, api.faceapi.nets.faceLandmark68Net, api.faceapi.nets.faceRecognitionNet]
  for (const [i, name] of [...REQUIRED_MODELS, ...COMPARISON_MODELS].entries()) {
    const files = readModelFiles(paths.modelsDir, name)
    nets[i]?.loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
  }
  console.log(`backend: ${api.backend}, Node ${process.version}`)
  const describer = loadMobileFaceNet(api.tf as unknown as TfNamespace, new Uint8Array(readFileSync(join(paths.modelsDir, MOBILEFACENET_FILE))))
  printTable('Per stage (face-api in-thread, 640×480 frames)', [...(await inThread(api, frames)), await describePerFace(api, describer, frames)])
  describer.dispose()

  // 2–4. Through the engine worker, as the services call it.
  const engine = createEngine({ backend })
  try {
    await engine.ready()
    const kiosk: DetectOptions = { detector: 'tiny-face-detector', withDescriptors: true }
    const copy = (f: PixelImage): PixelImage => ({ ...f, data: f.data.slice() })
    for (let i = 0; i < 10; i++) await engine.detect(copy(frames[i % frames.length] as PixelImage), kiosk)
    const before = await engine.memory()
    const rssBefore = process.memoryUsage().rss
    const times: number[] = []
    const engineTimes: number[] = []
    const faces: number[] = []
    const started = performance.now()
    for (let i = 0; i < frameCount; i++) {
      const input = copy(frames[i % frames.length] as PixelImage)
      const t0 = performance.now()
      const result = await engine.detect(input, kiosk)
      times.push(performance.now() - t0)
      engineTimes.push(result.elapsedMs)
      faces.push(result.faces.length)
    }
    const seconds = (performance.now() - started) / 1000
    const after = await engine.memory()
    const rssAfter = process.memoryUsage().rss

    const photoTimes: number[] = []
    const photoFaces: number[] = []
    const photoOptions: DetectOptions = { detector: 'ssd-mobilenetv1', withDescriptors: true, withThumbnails: true }
    for (let i = -1; i < Math.min(runs, photos.length * 2); i++) {
      const bytes = new Uint8Array(readFileSync(photos[((i % photos.length) + photos.length) % photos.length] as string))
      const t0 = performance.now()
      const result = await engine.detect({ kind: 'encoded', data: bytes }, photoOptions)
      if (i < 0) continue
      photoTimes.push(performance.now() - t0)
      photoFaces.push(result.faces.length)
    }

    printTable('Through the engine worker (round trip)', [
      summarise(`kiosk: RGBA ${FRAME_WIDTH}×${FRAME_HEIGHT}, tiny 416 + landmarks + MobileFaceNet`, times, faces),
      summarise('  of which inside the worker', engineTimes, faces),
      summarise('photo: JPEG decode + ssd + landmarks + descriptors + thumbnail', photoTimes, photoFaces)
    ])
    console.log(`\nKiosk throughput: ${(frameCount / seconds).toFixed(1)} frames/s over ${frameCount} frames (one request at a time)`)
    console.log('\nMemory (worker tensors; RSS of the whole process, worker included)')
    console.log(`  before ${frameCount} frames: ${before.numTensors} tensors, ${mb(before.numBytes)} in tensors, RSS ${mb(rssBefore)}`)
    console.log(`  after  ${frameCount} frames: ${after.numTensors} tensors, ${mb(after.numBytes)} in tensors, RSS ${mb(rssAfter)}`)
  } finally {
    await engine.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
