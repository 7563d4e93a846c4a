/**
 * multipart/form-data bodies of the REST API (`curl -F image=@photo.jpg`): the image as a file
 * part, the other fields as text parts converted to the types the contract wants. Read with
 * @fastify/multipart under {@link MULTIPART_LIMITS}, so an upload can never be larger than
 * the contract's image limit or carry more than one file.
 */
import type { FastifyRequest } from 'fastify'
import { MAX_IMAGE_BYTES } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import { coerceText, propertySchema, type JsonSchema } from './rest-json-schema'
import type { RestOperation } from './rest-routes'

/**
 * Limits of a form (busboy's): one file of at most MAX_IMAGE_BYTES (20 MB), 32 text fields of
 * at most 64 KB each. Going past one is `too-large` (413).
 */
export const MULTIPART_LIMITS = { files: 1, fileSize: MAX_IMAGE_BYTES, fields: 32, fieldSize: 64 * 1024, parts: 33, headerPairs: 200 } as const

/** Names that would reach an object's prototype, never used as a field path. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

/** Sets `value` at a dotted field name (`consent.textVersion`), converting it per the schema at that path. */
function setField(target: Record<string, unknown>, name: string, text: string, schema: JsonSchema): void {
  const keys = name.split('.')
  if (keys.some((k) => k === '' || FORBIDDEN_KEYS.has(k))) throw new ClockfaceError('invalid-input', `The form field name "${name}" is not allowed.`)
  let node = target
  let nodeSchema: JsonSchema | undefined = schema
  for (const key of keys.slice(0, -1)) {
    const next = node[key]
    node = next !== null && typeof next === 'object' ? (next as Record<string, unknown>) : (node[key] = {})
    nodeSchema = nodeSchema && propertySchema(nodeSchema, key)
  }
  const last = keys[keys.length - 1]!
  node[last] = coerceText(text, nodeSchema && propertySchema(nodeSchema, last))
}

/** A ClockfaceError for a multipart failure of busboy or @fastify/multipart (413 ones are `too-large`). */
function multipartError(error: unknown): ClockfaceError {
  if (error instanceof ClockfaceError) return error
  const { statusCode, message } = error as { statusCode?: number; message?: string }
  if (statusCode === 413) {
    return new ClockfaceError('too-large', `${message ?? 'The form is too large'} (at most one image file of ${MAX_IMAGE_BYTES} bytes and ${MULTIPART_LIMITS.fields} fields of ${MULTIPART_LIMITS.fieldSize} bytes).`)
  }
  return new ClockfaceError('invalid-input', `The multipart/form-data body could not be read: ${message ?? String(error)}`)
}

/**
 * The request fields of a multipart/form-data body for `op`: a file part named as one of the
 * operation's image fields becomes `{ kind: 'encoded', data: <bytes> }`; text parts are set
 * by name (dotted names reach nested fields: `consent.textVersion=1`), converted per the
 * operation's input schema (numbers, booleans, JSON for object fields). Throws ClockfaceError
 * `too-large` past {@link MULTIPART_LIMITS} and `invalid-input` for a file under any other
 * name or a malformed body.
 */
export async function readMultipartFields(request: FastifyRequest, op: RestOperation): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {}
  try {
    for await (const part of request.parts({ limits: MULTIPART_LIMITS })) {
      if (part.type === 'file') {
        if (!op.imageFields.includes(part.fieldname)) {
          part.file.resume()
          const expected = op.imageFields.length ? `the image goes in the file field "${op.imageFields.join('" or "')}"` : 'this operation takes no file'
          throw new ClockfaceError('invalid-input', `Unexpected file field "${part.fieldname}": ${expected}.`)
        }
        const data = await part.toBuffer()
        fields[part.fieldname] = { kind: 'encoded', data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) }
      } else {
        setField(fields, part.fieldname, String(part.value), op.inputSchema)
      }
    }
  } catch (error) {
    throw multipartError(error)
  }
  return fields
}
