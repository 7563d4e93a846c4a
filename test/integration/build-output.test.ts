/**
 * Checks the built bundles: Electron's main process must never load the recognition
 * libraries (they belong to the engine worker), and the engine worker must carry them
 * bundled rather than from node_modules.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const outMain = resolve(process.env.CLOCKFACE_OUT ?? resolve(__dirname, '..', '..', 'out'), 'main')

/** Files an entry loads through relative requires, transitively, with their text. */
function closure(entry: string): Map<string, string> {
  const seen = new Map<string, string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    const text = readFileSync(file, 'utf8')
    seen.set(file, text)
    for (const [, rel] of text.matchAll(/require\(["'](\.{1,2}\/[^"']+)["']\)/g)) {
      if (rel) visit(resolve(dirname(file), rel))
    }
  }
  visit(join(outMain, entry))
  return seen
}

/** Markers only present in the code of TensorFlow.js (registerKernel) and face-api (FaceLandmark68Net). */
const recognitionMarkers = ['registerKernel', 'FaceLandmark68Net']
const externalRequire = (text: string, pkg: string): boolean => text.includes(`require("${pkg}`)

describe.skipIf(!existsSync(join(outMain, 'index.js')))('built bundles (run `npm run build` first)', () => {
  it("keeps face-api and TensorFlow.js out of Electron's main process", () => {
    const files = closure('index.js')
    for (const [file, text] of files) {
      for (const marker of recognitionMarkers) expect(text.includes(marker), `${file} contains ${marker}`).toBe(false)
      expect(externalRequire(text, '@vladmandic/face-api'), file).toBe(false)
      expect(externalRequire(text, '@tensorflow/tfjs'), file).toBe(false)
    }
  })

  it('bundles face-api and TensorFlow.js into the engine worker', () => {
    const text = [...closure('engine-worker.js').values()].join('\n')
    for (const marker of recognitionMarkers) expect(text).toContain(marker)
    expect(externalRequire(text, '@vladmandic/face-api/dist/face-api.node-wasm')).toBe(false)
    expect(externalRequire(text, '@tensorflow/tfjs-backend-wasm')).toBe(false)
  })
})
