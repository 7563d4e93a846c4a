import { describe, expect, it } from 'vitest'
import { decode, encode } from '@msgpack/msgpack'
import { errorCodes } from '../../src/shared/errors'
import { friendlyError } from '../../src/renderer/src/api/error-text'
import { UNREACHABLE, decodeResponse, encodeRequest } from '../../src/renderer/src/api/msgpack-codec'

describe('friendly error text', () => {
  it('uses the agreed sentences for enrolment failures', () => {
    expect(friendlyError({ code: 'no-face', message: 'x' })).toBe('No face found in this photo')
    expect(friendlyError({ code: 'multiple-faces', message: 'x' })).toBe(
      'More than one face in this photo — use a photo of just this person'
    )
    expect(friendlyError({ code: 'duplicate-code', message: 'x' })).toBe('Employee code already exists')
  })

  it('has a sentence for every error code of the contract', () => {
    for (const code of errorCodes) {
      const text = friendlyError({ code, message: 'detail' })
      expect(typeof text).toBe('string')
      expect(text.length).toBeGreaterThan(5)
    }
  })
})

describe('MessagePack wire format', () => {
  it('leaves undefined fields out and sends bytes as bin', () => {
    const bytes = encodeRequest({ code: 'E1', gender: undefined, photo: { kind: 'encoded', data: new Uint8Array([1, 2, 3]) } })
    const back = decode(bytes) as Record<string, unknown>
    expect(Object.keys(back)).toEqual(['code', 'photo'])
    expect((back.photo as { data: unknown }).data).toEqual(new Uint8Array([1, 2, 3]))
    expect(decode(encodeRequest(undefined))).toEqual({})
  })

  it('decodes failures and rejects bodies that are not a Result', () => {
    const failure = { ok: false, error: { code: 'no-face', message: 'No face' } }
    expect(decodeResponse(encode(failure), 422)).toEqual(failure)
    const html = new TextEncoder().encode('<html>Bad gateway</html>')
    const result = decodeResponse(html, 502)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('internal')
      expect(result.error.message).toContain('502')
    }
    expect(decodeResponse(encode({ hello: 1 }), 200).ok).toBe(false)
  })

  it('names the unreachable service as engine-unavailable', () => {
    expect(UNREACHABLE.error).toEqual({ code: 'engine-unavailable', message: 'Cannot reach the Clockface service' })
  })
})
