import { decode, encode } from '@msgpack/msgpack'

/** Media types accepted as MessagePack request bodies; the first is used for responses. */
export const MSGPACK_TYPES = ['application/msgpack', 'application/x-msgpack', 'application/vnd.msgpack'] as const
/** Media type of JSON bodies. */
export const JSON_TYPE = 'application/json'

/** Body encodings of the HTTP protocol. */
export type BodyEncoding = 'msgpack' | 'json'

/** The encoding a Content-Type header names; JSON for anything else (or none). */
export function encodingOf(contentType: string | undefined): BodyEncoding {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return (MSGPACK_TYPES as readonly string[]).includes(type) ? 'msgpack' : 'json'
}

/** Decodes a request body (empty means `{}`); throws a SyntaxError-like Error on malformed input. */
export function decodeBody(body: Buffer, encoding: BodyEncoding): unknown {
  if (body.byteLength === 0) return {}
  return encoding === 'msgpack' ? decode(body) : JSON.parse(body.toString('utf8'))
}

// JSON.stringify hands a replacer the result of toJSON (Buffer has one), so read the holder.
function bytesAsBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key]
  return original instanceof Uint8Array ? Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64') : value
}

/**
 * Encodes a response body: MessagePack (Uint8Array → bin, undefined fields dropped) or JSON
 * (Uint8Array → base64 string). Returns the bytes and their Content-Type.
 */
export function encodeBody(value: unknown, encoding: BodyEncoding): { body: Buffer; contentType: string } {
  if (encoding === 'msgpack') {
    const bytes = encode(value, { ignoreUndefined: true })
    return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: MSGPACK_TYPES[0] }
  }
  return { body: Buffer.from(JSON.stringify(value, bytesAsBase64), 'utf8'), contentType: `${JSON_TYPE}; charset=utf-8` }
}
