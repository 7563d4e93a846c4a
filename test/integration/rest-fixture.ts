/**
 * Helpers of the REST API tests: a small HTTP client (JSON, forms, raw bodies) that keeps
 * every answer, and a checker that validates those answers against the OpenAPI document the
 * server publishes (ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
import Ajv2020 from 'ajv/dist/2020'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'

/** One answer of the REST API as a test sees it. */
export interface RestAnswer {
  method: string
  /** Path under /api/v1 with the query string. */
  path: string
  status: number
  headers: Headers
  contentType: string
  /** Parsed JSON, or the text of any other body. */
  body: unknown
  text: string
}

/** How to send a request. */
export interface RestCall {
  /** API key, sent as `Authorization: Bearer` (or `X-API-Key` with `keyHeader: 'x-api-key'`). */
  key?: string
  keyHeader?: 'authorization' | 'x-api-key'
  /** A JSON body. */
  json?: unknown
  /** A multipart/form-data body: text fields, and files as `{ file: bytes, name, type }`. */
  form?: Record<string, string | { file: Uint8Array; name: string; type: string }>
  headers?: Record<string, string>
  /** A raw body (with `headers` giving its type). */
  raw?: string | Uint8Array
}

/** A client of one REST server that records every answer. */
export interface RestClient {
  call(method: string, path: string, call?: RestCall): Promise<RestAnswer>
  /** Every answer so far. */
  answers: RestAnswer[]
}

/** A client of the REST API whose base URL (ending in /api/v1) is `baseUrl`. */
export function restClient(baseUrl: string): RestClient {
  const answers: RestAnswer[] = []
  return {
    answers,
    async call(method, path, call = {}) {
      const headers: Record<string, string> = { ...call.headers }
      if (call.key !== undefined) {
        if (call.keyHeader === 'x-api-key') headers['x-api-key'] = call.key
        else headers['authorization'] = `Bearer ${call.key}`
      }
      let body: RequestInit['body']
      if (call.json !== undefined) {
        headers['content-type'] = 'application/json'
        body = JSON.stringify(call.json)
      } else if (call.form) {
        const form = new FormData()
        for (const [name, value] of Object.entries(call.form)) {
          if (typeof value === 'string') form.append(name, value)
          else form.append(name, new Blob([value.file as Uint8Array<ArrayBuffer>], { type: value.type }), value.name)
        }
        body = form
      } else if (call.raw !== undefined) {
        body = call.raw as RequestInit['body']
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body }) })
      const text = await response.text()
      const contentType = response.headers.get('content-type') ?? ''
      let parsed: unknown = text
      if (contentType.startsWith('application/json')) parsed = JSON.parse(text)
      const answer = { method, path, status: response.status, headers: response.headers, contentType, body: parsed, text }
      answers.push(answer)
      return answer
    }
  }
}

/** Base64 of bytes, as a JSON client sends an image. */
export const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64')

/** An encoded image for a JSON body. */
export const encoded = (bytes: Uint8Array): { kind: 'encoded'; data: string } => ({ kind: 'encoded', data: base64(bytes) })

/** A file part of a form. */
export const filePart = (bytes: Uint8Array, name = 'photo.jpg', type = 'image/jpeg'): { file: Uint8Array; name: string; type: string } => ({ file: bytes, name, type })

type Json = { [key: string]: unknown }

/** Replaces `$ref`s into `#/components/...` by what they point to (the document's own refs only). */
function inlineRefs(node: unknown, document: Json): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, document))
  if (node === null || typeof node !== 'object') return node
  const ref = (node as Json)['$ref']
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key.replace(/~1/g, '/').replace(/~0/g, '~')], document)
    return inlineRefs(target, document)
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineRefs(v, document)]))
}

/** The document's path template (`/employees/{code}`) that a concrete path (`/employees/A1?x`) matches. */
export function templateOf(document: Json, method: string, path: string): string | undefined {
  const bare = path.split('?')[0]!
  const paths = document['paths'] as Record<string, Record<string, unknown>>
  return Object.keys(paths).find((template) => {
    if (!paths[template]![method.toLowerCase()]) return false
    const pattern = new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`)
    return pattern.test(bare)
  })
}

/**
 * Checks answers against an OpenAPI document: each answer's path and method must be in it,
 * its status among the operation's responses, and a JSON body valid against that response's
 * schema. Returns the number of answers checked; fails the test with every mismatch listed.
 */
export function expectConformance(document: Json, answers: readonly RestAnswer[]): number {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addFormat('base64', true)
  const problems: string[] = []
  let checked = 0
  for (const answer of answers) {
    const template = templateOf(document, answer.method, answer.path)
    if (!template) {
      if (answer.status !== 404) problems.push(`${answer.method} ${answer.path}: not in the document`)
      continue
    }
    const operation = (document['paths'] as Record<string, Record<string, Json>>)[template]![answer.method.toLowerCase()]!
    const response = (operation['responses'] as Record<string, Json>)[String(answer.status)]
    if (!response) {
      problems.push(`${answer.method} ${answer.path}: status ${answer.status} not documented`)
      continue
    }
    const mediaType = answer.contentType.split(';')[0]!.trim()
    const content = inlineRefs(response['content'], document) as Record<string, { schema: Json }> | undefined
    const schema = content?.[mediaType]?.schema
    if (!schema) {
      problems.push(`${answer.method} ${answer.path}: ${answer.status} ${mediaType} not documented`)
      continue
    }
    const validate = ajv.compile(schema)
    if (!validate(answer.body)) problems.push(`${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}`)
    checked++
  }
  expect(problems).toEqual([])
  return checked
}
