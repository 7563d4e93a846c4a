/**
 * Computes the {@link ImageRecord}s of many images in worker threads (each loads its own
 * face-api with the wasm or tfjs-node backend, as the engine worker does) and keeps them in a
 * JSON-lines cache file, so an interrupted run resumes and the 1:1 and 1:N modes share work.
 * Records hold descriptors and timings only, never pixels.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parentPort, Worker, workerData } from 'node:worker_threads'
import { defaultEnginePaths } from '../../src/main/engine/engine-paths'
import type { BackendChoice } from '../../src/main/engine/engine-types'
import { loadFaceApi, type LoadedFaceApi } from '../../src/main/engine/face-api-loader'
import { useFusedTinyDetector } from '../../src/main/engine/fused-tiny-detector'
import { COMPARISON_MODELS, readModelFiles, REQUIRED_MODELS } from '../../src/main/engine/model-files'
import { loadMobileFaceNet, MOBILEFACENET_FILE, type MobileFaceNet } from '../../src/main/engine/mobilefacenet'
import type { TfNamespace } from '../../src/main/engine/tflite/tflite-runner'
import { processImage, recordCovers, type ImageRecord, type PipelineId } from './pipelines'

/** What a worker thread is started with. */
interface WorkerSetup {
  role: 'clockface-accuracy-worker'
  backend: BackendChoice
  imagesDir: string
  pipelines: PipelineId[]
}

/** Options of {@link computeRecords}. */
export interface StoreOptions {
  /** The built bench script; workers run it again in worker mode. */
  script: string
  imagesDir: string
  pipelines: PipelineId[]
  backend: BackendChoice
  workers: number
  /** JSON-lines cache file; null to keep nothing. */
  cacheFile: string | null
  /** Records already at hand (e.g. from an earlier call of the same run); the cache file is read otherwise. */
  known?: Map<string, ImageRecord>
  /** Called after each computed image with done / total. */
  progress?: (done: number, total: number) => void
}

/** Loads face-api and the engine's model files into this thread; resolves with the loaded API. */
export async function loadModels(backend: BackendChoice): Promise<LoadedFaceApi & { mfn: MobileFaceNet }> {
  const paths = defaultEnginePaths()
  const api = await loadFaceApi({ backend, wasmDir: paths.wasmDir })
  const nets = [api.faceapi.nets.tinyFaceDetector, api.faceapi.nets.ssdMobilenetv1, api.faceapi.nets.faceLandmark68Net, api.faceapi.nets.faceRecognitionNet]
  for (const [i, name] of [...REQUIRED_MODELS, ...COMPARISON_MODELS].entries()) {
    const files = readModelFiles(paths.modelsDir, name)
    nets[i]?.loadFromWeightMap(api.tf.io.decodeWeights(files.weights, files.specs))
  }
  useFusedTinyDetector(api) // as the engine worker does
  const mfn = loadMobileFaceNet(api.tf as unknown as TfNamespace, new Uint8Array(readFileSync(join(paths.modelsDir, MOBILEFACENET_FILE))))
  return { ...api, mfn }
}

/** True in a thread started by {@link computeRecords}. */
export function isAccuracyWorker(): boolean {
  return parentPort !== null && (workerData as WorkerSetup | undefined)?.role === 'clockface-accuracy-worker'
}

/** Worker side: loads the models, then answers each image path posted with its record. */
export async function runAccuracyWorker(): Promise<void> {
  const setup = workerData as WorkerSetup
  const port = parentPort
  if (!port) return
  const api = await loadModels(setup.backend)
  port.on('message', (path: string | null) => {
    if (path === null) {
      port.close()
      process.exit(0)
    }
    processImage(api, join(setup.imagesDir, path), path, setup.pipelines, api.mfn).then(
      (record) => port.postMessage(record),
      (error: unknown) => port.postMessage({ path, error: `inference failed: ${(error as Error).message}` } satisfies ImageRecord)
    )
  })
  port.postMessage({ ready: api.backend })
}

/** Every cached record of a cache file by image path (later lines win); empty when there is none. */
export function readCache(cacheFile: string | null): Map<string, ImageRecord> {
  const records = new Map<string, ImageRecord>()
  if (!cacheFile || !existsSync(cacheFile)) return records
  for (const line of readFileSync(cacheFile, 'utf8').split('\n')) {
    if (line.trim() === '') continue
    try {
      const record = JSON.parse(line) as ImageRecord
      records.set(record.path, { ...records.get(record.path), ...record })
    } catch {
      // A line cut short by an interrupted run: that image is simply computed again.
    }
  }
  return records
}

/**
 * Records of `paths` (relative to the images folder) for the chosen pipelines: from the cache
 * where it covers them, computed by `workers` threads otherwise. Resolves with every record and
 * the backend the workers used (null when nothing had to be computed).
 */
export async function computeRecords(paths: readonly string[], options: StoreOptions): Promise<{ records: Map<string, ImageRecord>; backend: string | null }> {
  const records = options.known ?? readCache(options.cacheFile)
  const todo = [...new Set(paths)].filter((p) => {
    const cached = records.get(p)
    return !cached || !recordCovers(cached, options.pipelines)
  })
  if (todo.length === 0) return { records, backend: null }
  if (options.cacheFile) mkdirSync(dirname(options.cacheFile), { recursive: true })
  const setup: WorkerSetup = { role: 'clockface-accuracy-worker', backend: options.backend, imagesDir: options.imagesDir, pipelines: options.pipelines }
  let next = 0
  let done = 0
  let backend: string | null = null
  const count = Math.max(1, Math.min(options.workers, todo.length))
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(options.script, { workerData: setup })
          const feed = (): void => {
            const path = next < todo.length ? todo[next++] : null
            worker.postMessage(path)
          }
          worker.on('message', (message: ImageRecord | { ready: string }) => {
            if ('ready' in message) {
              backend = message.ready
              feed()
              return
            }
            records.set(message.path, { ...records.get(message.path), ...message })
            if (options.cacheFile) appendFileSync(options.cacheFile, JSON.stringify(message) + '\n')
            options.progress?.(++done, todo.length)
            feed()
          })
          worker.on('error', reject)
          worker.on('exit', () => resolve())
        })
    )
  )
  return { records, backend }
}
