/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of the contract's zod schemas, for
 * the REST API's OpenAPI document and for coercing query-string and form fields to the types
 * a request schema wants. Generated with zod's own `z.toJSONSchema`, so the document cannot
 * drift from what dispatch validates.
 */
import { z } from 'zod'

/** A JSON Schema object as generated (plain JSON data). */
export type JsonSchema = { [key: string]: unknown }

/**
 * Drops what a JSON client cannot send or a document should not carry: the `$schema` key, and
 * the members of an `anyOf` that are empty schemas (zod's rendering of `z.instanceof`, here the
 * Uint8Array form of binary data, which only IPC and MessagePack carry; JSON sends base64).
 */
function tidy(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(tidy)
  if (schema === null || typeof schema !== 'object') return schema
  const out: JsonSchema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema') continue
    out[key] = tidy(value)
  }
  if (Array.isArray(out['anyOf'])) {
    const members = (out['anyOf'] as unknown[]).filter((m) => !(m !== null && typeof m === 'object' && Object.keys(m).length === 0))
    if (members.length === 1) {
      delete out['anyOf']
      Object.assign(out, members[0] as JsonSchema)
    } else {
      out['anyOf'] = members
    }
  }
  return out
}

/**
 * The JSON Schema of `schema`: `io: 'input'` for what a client sends (defaults make a field
 * optional), `'output'` for what it gets back. Types JSON cannot express (Uint8Array) are left
 * out of unions; refinements (byte limits, unsafe characters) are not expressible and are
 * checked by dispatch alone.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return tidy(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' })) as JsonSchema
}

/** The schemas a value may match: the schema itself, or the members of its anyOf/oneOf (nested ones flattened). */
export function alternatives(schema: JsonSchema): JsonSchema[] {
  const members = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined
  return members ? members.flatMap(alternatives) : [schema]
}

/** The schema of property `key` in an object schema (any member of a union that has it), or undefined. */
export function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  for (const alt of alternatives(schema)) {
    const properties = alt['properties'] as Record<string, JsonSchema> | undefined
    if (properties && Object.hasOwn(properties, key)) return properties[key]
  }
  return undefined
}

/** The JSON types a schema allows (`type`, or the type of a `const`, across anyOf members). */
export function typesOf(schema: JsonSchema | undefined): Set<string> {
  const types = new Set<string>()
  if (!schema) return types
  for (const alt of alternatives(schema)) {
    const type = alt['type']
    if (typeof type === 'string') types.add(type)
    else if (Array.isArray(type)) for (const t of type) types.add(String(t))
    else if ('const' in alt) types.add(alt['const'] === null ? 'null' : typeof alt['const'])
  }
  return types
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/**
 * A text value (query parameter or form field) converted to the type `schema` wants, so the
 * contract's own validation sees a number, boolean, null, object or array where it expects
 * one: digits to a number for `number`/`integer`, `true`/`false` for `boolean`, `null` for a
 * nullable field, JSON text for `object`/`array`. A field that also accepts a string stays a
 * string (an employee code "007" is not a number). Anything that does not convert is passed
 * as it is, and validation reports it as `invalid-input`.
 */
export function coerceText(text: string, schema: JsonSchema | undefined): unknown {
  const types = typesOf(schema)
  if (types.size === 0 || types.has('string')) return text
  if ((types.has('number') || types.has('integer')) && NUMBER.test(text.trim())) return Number(text)
  if (types.has('boolean') && (text === 'true' || text === 'false')) return text === 'true'
  if (types.has('null') && text === 'null') return null
  if (types.has('object') || types.has('array')) {
    try {
      return JSON.parse(text) as unknown
    } catch {
      return text
    }
  }
  return text
}
