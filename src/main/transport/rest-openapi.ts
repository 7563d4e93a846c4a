/**
 * The OpenAPI 3.1 document of the REST API (`/api/v1/openapi.json`, browsable at
 * `/api/v1/docs`), generated from the contract: each route from its `rest` entry, request and
 * response schemas from its zod schemas (rest-json-schema.ts), error statuses from its error
 * codes, security from its access level and API-key scope.
 */
import { contract, MAX_IMAGE_BYTES, type OperationName } from '../../shared/contract'
import { commonErrorCodes, type ErrorCode } from '../../shared/errors'
import { apiScopeSchema } from '../../shared/models'
import { version } from '../../../package.json'
import { CSV_OPERATIONS } from './rest-csv'
import { REST_ERROR_CODES, REST_STATUS, type RestErrorCode } from './rest-errors'
import { jsonSchemaOf, propertySchema, typesOf, type JsonSchema } from './rest-json-schema'
import { REST_PREFIX, restOperations, takesQuery, type RestOperation } from './rest-routes'

/** An OpenAPI 3.1 document (plain JSON data). */
export type OpenApiDocument = JsonSchema & { openapi: '3.1.0'; paths: Record<string, Record<string, JsonSchema>> }

/** Names of the two ways to present an API key, as security schemes of the document. */
export const SECURITY_SCHEMES = { bearer: 'bearerApiKey', header: 'headerApiKey' } as const

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', enum: [...REST_ERROR_CODES] },
        message: { type: 'string' },
        requestId: { type: 'string' },
        details: { description: 'invalid-input only: the fields that failed validation' }
      }
    }
  }
}

const DESCRIPTION = [
  'The integration API of Clockface: employees, enrolment, 1:N identification, 1:1 verification, attendance and visitors over HTTP.',
  '',
  'Authentication: an API key made by an owner (Admin → API keys, or `npm run cli -- api-key create`), sent as `Authorization: Bearer <key>` or `X-API-Key: <key>`. ' +
    `Each key has scopes (${apiScopeSchema.options.join(', ')}); \`admin\` reaches every operation. Session cookies are not accepted here.`,
  '',
  'Images: JSON with `{"kind":"encoded","data":"<base64>"}` (JPEG, PNG or WebP), or multipart/form-data with the image as a file field ' +
    `(the field named in each operation's form schema), up to ${MAX_IMAGE_BYTES / (1024 * 1024)} MB.`,
  '',
  'Errors: `{"error":{"code","message","requestId"}}`; the request id is also in the `X-Request-Id` header. ' +
    'Every key (or, without a valid key, every address) has a rate limit; beyond it the answer is 429 with Retry-After.'
].join('\n')

/** The object schema without the given properties (across union members), for a body whose other fields come from the path. */
function without(schema: JsonSchema, names: readonly string[]): JsonSchema {
  if (names.length === 0) return schema
  const members = schema['anyOf'] as JsonSchema[] | undefined
  if (members) return { ...schema, anyOf: members.map((m) => without(m, names)) }
  const { required: allRequired, properties: allProperties, ...rest } = schema
  const properties = { ...((allProperties ?? {}) as Record<string, JsonSchema>) }
  for (const name of names) delete properties[name]
  const required = ((allRequired ?? []) as string[]).filter((r) => !names.includes(r))
  return { ...rest, properties, ...(required.length ? { required } : {}) }
}

/** The multipart/form-data form of a JSON body: image fields as files, objects as JSON text parts. */
function formOf(schema: JsonSchema, imageFields: readonly string[]): { schema: JsonSchema; encoding: Record<string, JsonSchema> } {
  const encoding: Record<string, JsonSchema> = {}
  const convert = (member: JsonSchema): JsonSchema => {
    const properties: Record<string, JsonSchema> = {}
    for (const [key, field] of Object.entries((member['properties'] ?? {}) as Record<string, JsonSchema>)) {
      if (imageFields.includes(key)) {
        properties[key] = { type: 'string', contentMediaType: 'application/octet-stream', description: `The image file (JPEG, PNG or WebP, up to ${MAX_IMAGE_BYTES} bytes).` }
        encoding[key] = { contentType: 'image/jpeg, image/png, image/webp' }
      } else {
        properties[key] = field
        const types = typesOf(field)
        if (types.has('object') || types.has('array')) encoding[key] = { contentType: 'application/json' }
      }
    }
    return { ...member, properties }
  }
  const members = schema['anyOf'] as JsonSchema[] | undefined
  return { schema: members ? { ...schema, anyOf: members.map(convert) } : convert(schema), encoding }
}

/** The error responses of an operation, grouped by status. */
function errorResponses(op: RestOperation): Record<string, JsonSchema> {
  const codes = new Set<RestErrorCode>([...(contract[op.name].errors as readonly ErrorCode[]), ...commonErrorCodes, 'rate-limited'])
  if (!takesQuery(op.method)) {
    codes.add('too-large')
    codes.add('unsupported-media-type')
  }
  const byStatus = new Map<number, RestErrorCode[]>()
  for (const code of codes) byStatus.set(REST_STATUS[code], [...(byStatus.get(REST_STATUS[code]) ?? []), code])
  const responses: Record<string, JsonSchema> = {}
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: list.join(', '),
      ...(status === 429 || status === 503 ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } } } : {}),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } }
    }
  }
  return responses
}

/** The first sentence of a summary (up to the first ". "), for the short summary line. */
function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/)
  return end === -1 ? text : text.slice(0, end + 1)
}

function operationObject(op: RestOperation): JsonSchema {
  const spec = contract[op.name as OperationName] as { summary: string; output: Parameters<typeof jsonSchemaOf>[0]; audited?: true }
  const parameters: JsonSchema[] = op.pathParams.map((name) => ({ name, in: 'path', required: true, schema: propertySchema(op.inputSchema, name) ?? { type: 'string' } }))
  if (takesQuery(op.method)) {
    const required = (op.inputSchema['required'] ?? []) as string[]
    for (const [name, schema] of Object.entries((op.inputSchema['properties'] ?? {}) as Record<string, JsonSchema>)) {
      if (!op.pathParams.includes(name)) parameters.push({ name, in: 'query', required: required.includes(name), schema })
    }
  }
  const csv = op.name in CSV_OPERATIONS
  if (csv) parameters.push({ name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'], default: 'json' }, description: 'csv: the same rows as CSV (UTF-8 with BOM); `Accept: text/csv` does the same.' })

  let requestBody: JsonSchema | undefined
  if (!takesQuery(op.method)) {
    const schema = op.bodyField !== undefined ? (propertySchema(op.inputSchema, op.bodyField) ?? {}) : without(op.inputSchema, op.pathParams)
    const content: Record<string, JsonSchema> = { 'application/json': { schema } }
    if (op.imageFields.length > 0) {
      const form = formOf(schema, op.imageFields)
      content['multipart/form-data'] = { schema: form.schema, encoding: form.encoding }
    }
    const needed = op.bodyField !== undefined || schema['anyOf'] !== undefined || ((schema['required'] as unknown[] | undefined)?.length ?? 0) > 0
    requestBody = { required: needed, content }
  }

  const output = jsonSchemaOf(spec.output, 'output')
  const scopeText = op.access === 'public' ? 'No API key needed.' : `API-key scope: \`${op.scope ?? 'admin'}\` (or \`admin\`).`
  return {
    operationId: op.name,
    summary: firstSentence(spec.summary),
    description: `${spec.summary}\n\n${scopeText}${spec.audited ? ' Written to the audit log.' : ''}`,
    tags: [op.path.split('/')[1]?.replace(/^\./, '') || 'api'],
    ...(op.scope ? { 'x-clockface-scope': op.scope } : {}),
    security: op.access === 'public' ? [] : [{ [SECURITY_SCHEMES.bearer]: [] }, { [SECURITY_SCHEMES.header]: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [String(op.status)]: {
        description: op.status === 201 ? 'Created' : 'OK',
        headers: { 'X-Request-Id': { description: 'Id of this request (logs, audit log)', schema: { type: 'string' } } },
        content: { 'application/json': { schema: output }, ...(csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) }
      },
      ...errorResponses(op)
    }
  }
}

let cached: OpenApiDocument | undefined

/**
 * The OpenAPI 3.1 document of every REST route (built once): server URL {@link REST_PREFIX},
 * paths in OpenAPI's `{param}` form, the two API-key security schemes, an `Error` schema.
 * Throws only on a contract schema zod cannot render (a programming error).
 */
export function openApiDocument(): OpenApiDocument {
  if (cached) return cached
  const paths: OpenApiDocument['paths'] = {}
  for (const op of restOperations()) {
    const path = op.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op) }
  }
  cached = {
    openapi: '3.1.0',
    info: { title: 'Clockface integration API', version, description: DESCRIPTION },
    servers: [{ url: REST_PREFIX }],
    paths,
    components: {
      securitySchemes: {
        [SECURITY_SCHEMES.bearer]: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API key>' },
        [SECURITY_SCHEMES.header]: { type: 'apiKey', in: 'header', name: 'X-API-Key' }
      },
      schemas: { Error: ERROR_SCHEMA }
    }
  }
  return cached
}
