/**
 * The built command line (out/main/cli.js) refuses input over its limits without reading it:
 * a sparse image file over MAX_IMAGE_BYTES (exit 2, too-large), a file that is not a JPEG,
 * PNG or WebP (exit 5, unsupported-image), a JPEG whose header claims too many pixels (exit 2);
 * `import` reports and skips such photos and enrols the good ones; an oversized people.csv
 * stops the import before anything is read.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../src/shared/contract'
import { EXIT_CODES } from '../../src/main/cli/exit-codes'
import { MAX_PEOPLE_CSV_BYTES } from '../../src/main/cli/people-csv'
import { deepfaceUnit, hasDeepfaceUnit, missingDatasetsReason } from '../helpers/datasets'
import { ensureBundle } from './services-fixture'

if (!hasDeepfaceUnit) console.warn(`input-limits-cli: skipped, ${missingDatasetsReason}`)

/** An empty file made `bytes` long without writing them (sparse): reading it would be the only cost. */
function sparseFile(path: string, bytes: number): string {
  writeFileSync(path, '')
  truncateSync(path, bytes)
  return path
}

describe.skipIf(!hasDeepfaceUnit)('CLI input limits (out/main/cli.js)', () => {
  let work: string
  let data: string
  let cliPath = ''

  function cli(...args: string[]): { status: number; stdout: string; stderr: string; ms: number } {
    const started = performance.now()
    const r = spawnSync(process.execPath, [cliPath, ...args, '--data', data], { encoding: 'utf8', timeout: 120_000 })
    return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started }
  }

  beforeAll(() => {
    cliPath = ensureBundle('cli')
    work = mkdtempSync(join(tmpdir(), 'clockface-cli-limits-'))
    data = join(work, 'data')
  })
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true })
  })

  it('refuses an image file over MAX_IMAGE_BYTES with exit 2 and a plain message, without reading it', () => {
    const big = sparseFile(join(work, 'big.jpg'), MAX_IMAGE_BYTES + 5 * 1024 * 1024)
    const r = cli('enrol', '--code', 'E1', '--name', 'Ada Lovelace', '--consent', big)
    expect(r.status, r.stderr).toBe(EXIT_CODES['too-large'])
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe(
      `clockface: ${big} is 25.0 MB (${MAX_IMAGE_BYTES + 5 * 1024 * 1024} bytes); the largest image accepted is 20.0 MB (${MAX_IMAGE_BYTES} bytes).`
    )
    const huge = cli('identify', sparseFile(join(work, 'huge.jpg'), 32 * 1024 ** 3))
    expect(huge.status).toBe(2)
    expect(huge.stderr).toContain('32768.0 MB')
    console.log(`CLI refused a 25 MB and a 32 GB (sparse) image file in ${Math.round(r.ms)} / ${Math.round(huge.ms)} ms (process start included)`)
    expect(JSON.parse(cli('list', '--json').stdout)).toEqual([])
  })

  it('refuses an SVG, a GIF and a TIFF with exit 5 (unsupported-image), and a huge JPEG header with exit 2', async () => {
    const svg = join(work, 'face.svg')
    writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4"/></svg>')
    const gif = join(work, 'face.gif')
    writeFileSync(gif, await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).gif().toBuffer())
    const tiff = join(work, 'face.jpg') // the name does not matter, the bytes do
    writeFileSync(tiff, await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).tiff().toBuffer())
    for (const file of [svg, gif, tiff]) {
      const r = cli('identify', file)
      expect(r.status, `${file}: ${r.stderr}`).toBe(5)
      expect(r.stderr).toMatch(/clockface: The image is .*; send a JPEG, PNG or WebP photo\./)
    }
    // 16 × 16 pixels stored, but a header claiming 40000 × 30000.
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).jpeg().toBuffer()
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]))
    jpeg.writeUInt16BE(30_000, sof + 5)
    jpeg.writeUInt16BE(40_000, sof + 7)
    const claimed = join(work, 'claimed.jpg')
    writeFileSync(claimed, jpeg)
    const r = cli('identify', claimed)
    expect(r.status, r.stderr).toBe(2)
    expect(r.stderr).toContain('The image is 40000×30000 pixels (1200.0 megapixels); the largest accepted is 50.0 megapixels.')
  })

  it('import reports and skips oversized and unsupported photos, and enrols the good one', async () => {
    const dir = join(work, 'import')
    mkdirSync(join(dir, 'C1'), { recursive: true })
    symlinkSync(deepfaceUnit('img1.jpg'), join(dir, 'C1', 'a-good.jpg'))
    sparseFile(join(dir, 'C1', 'b-huge.jpg'), MAX_IMAGE_BYTES + 1)
    writeFileSync(join(dir, 'C1', 'c-really-a-gif.png'), await sharp({ create: { width: 16, height: 16, channels: 3, background: '#888' } }).gif().toBuffer())
    writeFileSync(join(dir, 'people.csv'), 'code,name,department\nC1,Carol Example,Front desk\n')
    const r = cli('import', '--consent', dir)
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toContain('C1/a-good.jpg: enrolled, new employee C1 (Carol Example)')
    expect(r.stdout).toMatch(/C1\/b-huge\.jpg: skipped, too-large: .*b-huge\.jpg is 20\.0 MB \(20971521 bytes\); the largest image accepted is 20\.0 MB/)
    expect(r.stdout).toMatch(/C1\/c-really-a-gif\.png: skipped, unsupported-image: The image is a GIF file/)
    expect(r.stdout).toMatch(/Imported 1 face template\(s\); 1 new employee\(s\); 2 photo\(s\) skipped/)

    // An oversized people.csv stops the import before anything is read or enrolled.
    sparseFile(join(dir, 'people.csv'), MAX_PEOPLE_CSV_BYTES + 1)
    const csv = cli('import', '--consent', dir)
    expect(csv.status).toBe(2)
    expect(csv.stderr).toMatch(/people\.csv is 4\.0 MB \(4194305 bytes\); the largest people\.csv accepted is 4\.0 MB/)
    expect(csv.stdout).toBe('')
  })
})
