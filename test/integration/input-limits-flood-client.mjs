// Load client of input-limits-http-load.test.ts, run in its own process so the test process's
// memory is the server's alone: sends COUNT concurrent POSTs of one JSON body of about
// BODY_BYTES bytes to URL, and prints one JSON object on stdout: the body size and, for each
// request, its status, Retry-After, error code and time to its answer in ms. The image is a
// small real JPEG padded after its end marker to the size wanted (decoders ignore the tail).
// Usage: node input-limits-flood-client.mjs URL COUNT BODY_BYTES
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'

const [url, countArg, bytesArg] = process.argv.slice(2)
const count = Number(countArg)
// base64 is 4 characters per 3 bytes; one shared body, so this process stays small too.
const imageBytes = Math.floor((Number(bytesArg) * 3) / 4)
const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).jpeg().toBuffer()
const image = Buffer.concat([jpeg, Buffer.alloc(imageBytes - jpeg.byteLength)])
const body = Buffer.from(JSON.stringify({ image: { kind: 'encoded', data: image.toString('base64') } }))

const results = await Promise.all(
  Array.from({ length: count }, async () => {
    const started = performance.now()
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
      const text = await response.text()
      let code = null
      try {
        code = JSON.parse(text).error?.code ?? null
      } catch {
        code = 'unparsable'
      }
      return { status: response.status, retryAfter: response.headers.get('retry-after'), code, ms: performance.now() - started }
    } catch (error) {
      return { status: 0, retryAfter: null, code: String(error?.cause?.code ?? error), ms: performance.now() - started }
    }
  })
)
process.stdout.write(JSON.stringify({ bodyBytes: body.byteLength, results }))
