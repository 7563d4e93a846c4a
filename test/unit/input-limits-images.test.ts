/**
 * Image screening before decoding: the type by magic bytes (only JPEG, PNG, WebP), and the
 * size in pixels from the header (a decompression bomb, a JPEG whose header claims a huge
 * size). Checked on the main thread's screen (image-screen.ts) and on the worker's decoder
 * (image-input.ts, called directly here: it is plain sharp, no worker needed).
 */
import { performance } from 'node:perf_hooks'
import sharp, { type Sharp } from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_IMAGE_BYTES, MAX_IMAGE_SIDE } from '../../src/shared/contract'
import { MAX_IMAGE_PIXELS } from '../../src/main/engine/image-limits'
import { prepareImage } from '../../src/main/engine/image-input'
import { screenEncodedImage } from '../../src/main/engine/image-screen'
import { detectImageType } from '../../src/main/engine/image-type'

const grey = { r: 128, g: 128, b: 128 }
const canvas = (width = 64, height = 48): Sharp => sharp({ create: { width, height, channels: 3, background: grey } })

/** A copy of `jpeg` whose frame header (SOF0–SOF3) claims `width` × `height`; the pixel data stays tiny. */
function withJpegSize(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg)
  for (let i = 2; i + 9 < out.length; ) {
    if (out[i] !== 0xff) throw new Error(`no JPEG marker at ${i}`)
    const marker = out[i + 1] as number
    if (marker >= 0xc0 && marker <= 0xc3) {
      out.writeUInt16BE(height, i + 5)
      out.writeUInt16BE(width, i + 7)
      return out
    }
    i += 2 + out.readUInt16BE(i + 2)
  }
  throw new Error('no frame header found')
}

/** Runs `fn` and returns how long it took to reject, in ms, with the rejection. */
async function timedRejection(fn: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now()
  try {
    await fn()
  } catch (error) {
    return { ms: performance.now() - started, error }
  }
  throw new Error('expected a rejection')
}

describe('image type by magic bytes', () => {
  it('accepts JPEG, PNG and WebP', async () => {
    expect(await detectImageType(await canvas().jpeg().toBuffer())).toBe('jpeg')
    expect(await detectImageType(await canvas().png().toBuffer())).toBe('png')
    expect(await detectImageType(await canvas().webp().toBuffer())).toBe('webp')
  })

  it('refuses GIF, TIFF, AVIF, HEIC, SVG, PDF and text as unsupported-image, naming what was found', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="48"><rect width="64" height="48"/></svg>')
    // An ISO-BMFF "ftyp" box with brand heic, as iPhones write them (sharp cannot encode HEVC).
    const heic = Buffer.from('000000186674797068656963000000006d69663168656963', 'hex')
    const cases: [string, Uint8Array, RegExp][] = [
      ['gif', await canvas().gif().toBuffer(), /GIF/],
      ['tiff', await canvas().tiff().toBuffer(), /TIF/],
      ['avif', await canvas().avif().toBuffer(), /AVIF/],
      ['heic', heic, /HEIC/],
      ['svg', svg, /not a file type Clockface recognises/],
      ['pdf', new TextEncoder().encode('%PDF-1.4 definitely not a photo'), /PDF/],
      ['text', new TextEncoder().encode('code,name\nE1,Ada\n'), /not a file type/]
    ]
    for (const [name, bytes, message] of cases) {
      const refused = screenEncodedImage(bytes)
      await expect(refused, name).rejects.toMatchObject({ name: 'ClockfaceError', code: 'unsupported-image', message: expect.stringMatching(message) })
      await expect(refused, name).rejects.toThrow(/send a JPEG, PNG or WebP photo/)
      // The worker's decoder refuses them too, for whoever posts to it directly.
      await expect(prepareImage({ kind: 'encoded', data: bytes }), name).rejects.toMatchObject({ code: expect.stringMatching(/unsupported-image|unreadable-image/) })
    }
  })

  it('refuses a JPEG signature followed by garbage as unreadable-image', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])
    await expect(screenEncodedImage(bytes)).rejects.toMatchObject({ code: 'unreadable-image' })
  })

  it(`refuses more than MAX_IMAGE_BYTES (${MAX_IMAGE_BYTES}) as too-large before looking inside`, async () => {
    const bytes = new Uint8Array(MAX_IMAGE_BYTES + 1)
    await expect(screenEncodedImage(bytes)).rejects.toMatchObject({ code: 'too-large', details: { bytes: MAX_IMAGE_BYTES + 1, maxBytes: MAX_IMAGE_BYTES } })
  })
})

describe('pixel limits from the header, before decoding', () => {
  let bomb: Buffer

  beforeAll(async () => {
    // A decompression bomb: 20000 × 20000 one-colour grey PNG, 400 megapixels (1.2 GB as RGB)
    // in a few hundred KB. Making it takes seconds; refusing it must not.
    const started = performance.now()
    bomb = await sharp({ create: { width: 20_000, height: 20_000, channels: 3, background: grey }, limitInputPixels: false })
      .toColourspace('b-w')
      .png({ compressionLevel: 9, adaptiveFiltering: false })
      .toBuffer()
    console.log(`decompression bomb: 20000×20000 PNG, ${bomb.byteLength} bytes, made in ${Math.round(performance.now() - started)} ms`)
  })

  it('refuses a decompression-bomb PNG as too-large within milliseconds, on the screen and in the decoder', async () => {
    expect(bomb.byteLength).toBeLessThan(2 * 1024 * 1024)
    const screen = await timedRejection(() => screenEncodedImage(bomb))
    expect(screen.error).toMatchObject({ code: 'too-large', details: { width: 20_000, height: 20_000, maxPixels: MAX_IMAGE_PIXELS } })
    expect((screen.error as Error).message).toBe('The image is 20000×20000 pixels (400.0 megapixels); the largest accepted is 50.0 megapixels.')
    const decoder = await timedRejection(() => prepareImage({ kind: 'encoded', data: bomb }))
    expect(decoder.error).toMatchObject({ code: 'too-large' })
    const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
    console.log(`bomb refused: screen ${screen.ms.toFixed(1)} ms, worker decoder ${decoder.ms.toFixed(1)} ms; process RSS ${rssMb} MB`)
    expect(screen.ms).toBeLessThan(500)
    expect(decoder.ms).toBeLessThan(500)
  })

  it('refuses a JPEG whose header claims 60000×40000 pixels, and one with a side over MAX_IMAGE_SIDE', async () => {
    const small = await canvas(16, 16).jpeg().toBuffer()
    const huge = withJpegSize(small, 60_000, 40_000)
    expect((await sharp(huge, { limitInputPixels: false }).metadata()).width).toBe(60_000)
    const refused = await timedRejection(() => screenEncodedImage(huge))
    expect(refused.error).toMatchObject({ code: 'too-large', details: { width: 60_000, height: 40_000 } })
    console.log(`60000×40000 JPEG header refused in ${refused.ms.toFixed(1)} ms`)
    expect(refused.ms).toBeLessThan(500)
    await expect(prepareImage({ kind: 'encoded', data: huge })).rejects.toMatchObject({ code: 'too-large' })

    // 9000 × 600 is only 5.4 megapixels, but a side over 8192.
    const long = withJpegSize(small, MAX_IMAGE_SIDE + 808, 600)
    await expect(screenEncodedImage(long)).rejects.toThrow(`no side may be longer than ${MAX_IMAGE_SIDE} pixels`)
  })

  it('accepts a 48-megapixel JPEG (8000×6000), just under the budget', async () => {
    const photo = await canvas(8000, 6000).jpeg({ quality: 50 }).toBuffer()
    expect(await screenEncodedImage(photo)).toEqual({ type: 'jpeg', width: 8000, height: 6000 })
  })
})
