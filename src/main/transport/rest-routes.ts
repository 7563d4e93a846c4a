/**
 * The REST API's routes, derived from the contract: every operation with a `rest` entry is one
 * route under {@link REST_PREFIX}, with the method, path, success status and body field the
 * contract gives it. Nothing here lists operations by hand.
 */
import { contract, operationNames, type Access, type OperationName, type RestRoute } from '../../shared/contract'
import { ClockfaceError } from '../../shared/errors'
import type { ApiScope } from '../../shared/models'
import { alternatives, coerceText, jsonSchemaOf, propertySchema, typesOf, type JsonSchema } from './rest-json-schema'

/** Where the REST API lives: every route's path starts with it. */
export const REST_PREFIX = '/api/v1'

/** One contract operation as a REST route. */
export interface RestOperation {
  name: OperationName
  method: RestRoute['method']
  /** Path under {@link REST_PREFIX} as the contract writes it (`/employees/:code`). */
  path: string
  /** Full path with the prefix, in fastify's `:param` form. */
  url: string
  /** Status of a successful answer. */
  status: RestRoute['status']
  /** The request field the body goes into, when the body is one field (updateEmployee's `changes`). */
  bodyField?: string
  /** Names of the `:param` segments of the path. */
  pathParams: string[]
  /** Request fields that take an image: the file field names of a multipart/form-data body. */
  imageFields: string[]
  access: Access
  scope?: ApiScope
  /** JSON Schema of the request as a client writes it (see rest-json-schema.ts). */
  inputSchema: JsonSchema
}

/** True when a field's schema is an image (an object whose `kind` may be `encoded`). */
function isImageSchema(schema: JsonSchema): boolean {
  return alternatives(schema).some((alt) => propertySchema(alt, 'kind')?.['const'] === 'encoded')
}

/** Top-level request fields whose schema is an image, across union members. */
function imageFieldsOf(inputSchema: JsonSchema): string[] {
  const names = new Set<string>()
  for (const member of alternatives(inputSchema)) {
    for (const [key, schema] of Object.entries((member['properties'] ?? {}) as Record<string, JsonSchema>)) {
      if (isImageSchema(schema)) names.add(key)
    }
  }
  return [...names]
}

let cached: RestOperation[] | undefined

/** Every operation with a `rest` entry, in contract order (computed once). */
export function restOperations(): RestOperation[] {
  cached ??= operationNames.flatMap((name): RestOperation[] => {
    const spec = contract[name] as { rest?: RestRoute; access: Access; scope?: ApiScope; input: Parameters<typeof jsonSchemaOf>[0] }
    if (!spec.rest) return []
    const inputSchema = jsonSchemaOf(spec.input, 'input')
    return [
      {
        name,
        method: spec.rest.method,
        path: spec.rest.path,
        url: `${REST_PREFIX}${spec.rest.path}`,
        status: spec.rest.status,
        ...(spec.rest.bodyField === undefined ? {} : { bodyField: spec.rest.bodyField }),
        pathParams: [...spec.rest.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!),
        imageFields: imageFieldsOf(inputSchema),
        access: spec.access,
        ...(spec.scope === undefined ? {} : { scope: spec.scope }),
        inputSchema
      }
    ]
  })
  return cached
}

/** True when the method takes its request from the query string rather than a body. */
export const takesQuery = (method: RestRoute['method']): boolean => method === 'GET' || method === 'DELETE'

/** A query-string value (repeated parameters arrive as arrays) coerced to the schema of its field. */
function coerceQueryValue(value: unknown, schema: JsonSchema | undefined): unknown {
  if (Array.isArray(value)) {
    if (typesOf(schema).has('array')) return value.map((v) => coerceText(String(v), schema?.['items'] as JsonSchema | undefined))
    return coerceQueryValue(value[value.length - 1], schema)
  }
  return typeof value === 'string' ? coerceText(value, schema) : value
}

/** The parts of an HTTP request the contract request is made of. */
export interface RestRequestParts {
  params: Record<string, string>
  query: Record<string, unknown>
  body: unknown
}

/**
 * The contract request of one REST call: for GET and DELETE the query string (each value
 * coerced to the type its field wants: `?limit=5` is the number 5), for POST and PATCH the
 * body (a JSON object, or the fields of a form), or with `bodyField` the body as that one
 * field; then the path parameters on top, so the path always names the resource. Throws
 * ClockfaceError `invalid-input` for a body that is not a JSON object where one is needed.
 */
export function buildRestRequest(op: RestOperation, parts: RestRequestParts): Record<string, unknown> {
  const request: Record<string, unknown> = {}
  if (takesQuery(op.method)) {
    for (const [key, value] of Object.entries(parts.query)) request[key] = coerceQueryValue(value, propertySchema(op.inputSchema, key))
  } else if (op.bodyField !== undefined) {
    request[op.bodyField] = parts.body ?? {}
  } else if (parts.body !== undefined && parts.body !== null) {
    if (typeof parts.body !== 'object' || Array.isArray(parts.body)) {
      throw new ClockfaceError('invalid-input', 'The request body must be a JSON object.')
    }
    Object.assign(request, parts.body)
  }
  for (const name of op.pathParams) {
    const value = parts.params[name]
    if (value !== undefined) request[name] = coerceText(value, propertySchema(op.inputSchema, name))
  }
  return request
}
