/**
 * Files the command line reads are size-checked before they are read: an image over
 * MAX_IMAGE_BYTES, a people.csv over its limit, a file that is not a regular file. The big
 * files are sparse (fs.truncate), so reading one by mistake would show as time and memory.
 */
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES } from '../../src/shared/contract'
import { readImageFile } from '../../src/main/cli/cli-context'
import { MAX_PEOPLE_CSV_BYTES, readPeopleCsv } from '../../src/main/cli/people-csv'
import { readFileWithin, readFileWithinSync } from '../../src/main/cli/read-limited-file'

describe('size-checked file reads of the CLI', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'clockface-limits-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses an image file over MAX_IMAGE_BYTES as too-large without reading it', async () => {
    const file = join(dir, 'big.jpg')
    writeFileSync(file, '')
    truncateSync(file, MAX_IMAGE_BYTES + 1)
    const rssBefore = process.memoryUsage().rss
    const started = performance.now()
    await expect(readImageFile(file)).rejects.toMatchObject({
      name: 'ClockfaceError',
      code: 'too-large',
      message: `${file} is 20.0 MB (${MAX_IMAGE_BYTES + 1} bytes); the largest image accepted is 20.0 MB (${MAX_IMAGE_BYTES} bytes).`,
      details: { path: file, bytes: MAX_IMAGE_BYTES + 1, maxBytes: MAX_IMAGE_BYTES }
    })
    // A 64 GB sparse file: reading even part of it would take far longer than this.
    const huge = join(dir, 'huge.jpg')
    writeFileSync(huge, '')
    truncateSync(huge, 64 * 1024 ** 3)
    await expect(readImageFile(huge)).rejects.toMatchObject({ code: 'too-large', message: expect.stringContaining('65536.0 MB') })
    const ms = performance.now() - started
    const grewMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024
    console.log(`oversized image files refused in ${ms.toFixed(1)} ms; RSS grew ${grewMb.toFixed(1)} MB`)
    expect(ms).toBeLessThan(1000)
    expect(grewMb).toBeLessThan(15)
  })

  it('reads a file of exactly the limit, and refuses a folder and a missing file in plain words', async () => {
    const file = join(dir, 'exact.bin')
    writeFileSync(file, Buffer.alloc(1000, 1))
    expect((await readFileWithin(file, 1000, 'image')).byteLength).toBe(1000)
    expect(readFileWithinSync(file, 1000, 'image').byteLength).toBe(1000)
    await expect(readFileWithin(file, 999, 'image')).rejects.toMatchObject({ code: 'too-large' })
    await expect(readImageFile(dir)).rejects.toMatchObject({ code: 'invalid-input', message: `${dir} is not a regular file.` })
    await expect(readImageFile(join(dir, 'missing.jpg'))).rejects.toMatchObject({ code: 'unreadable-image', message: expect.stringContaining('ENOENT') })
  })

  it('refuses a people.csv over MAX_PEOPLE_CSV_BYTES as too-large', () => {
    const file = join(dir, 'people.csv')
    writeFileSync(file, 'code,name\n')
    truncateSync(file, MAX_PEOPLE_CSV_BYTES + 1)
    expect(() => readPeopleCsv(file)).toThrow(expect.objectContaining({ code: 'too-large', message: expect.stringContaining('the largest people.csv accepted is 4.0 MB') }))
    writeFileSync(file, 'code,name,department\nE1,Ada Lovelace,R&D\n')
    expect(readPeopleCsv(file).get('E1')).toEqual({ name: 'Ada Lovelace', department: 'R&D' })
  })
})
