/**
 * Reads a TensorFlow Lite model file (a FlatBuffer, schema `tensorflow/lite/schema/schema.fbs`)
 * into a plain description of its first subgraph: tensors with shape, type and constant data,
 * and operators in execution order with their options. Only the tables and fields the
 * supported operators need are read; field numbers are the schema's declaration order.
 */
import { ByteBuffer } from 'flatbuffers'

/** TFLite `TensorType` values this reader understands. */
export const TensorType = { FLOAT32: 0, FLOAT16: 1, INT32: 2, UINT8: 3, INT64: 4, BOOL: 6, INT8: 9 } as const

/** One tensor of the graph; `data` holds the raw little-endian bytes of a constant, else null. */
export interface TfliteTensor {
  name: string
  shape: number[]
  type: number
  data: Uint8Array | null
}

/** Options of an operator, by the names used in the schema (only those read for its op type). */
export type TfliteOptions = Record<string, number | number[]>

/** One operator: its builtin code (`BuiltinOperator`), tensor indices (−1 = absent input) and options. */
export interface TfliteOperator {
  code: number
  inputs: number[]
  outputs: number[]
  options: TfliteOptions
}

/** The first subgraph of a model. */
export interface TfliteGraph {
  tensors: TfliteTensor[]
  inputs: number[]
  outputs: number[]
  operators: TfliteOperator[]
}

/** `BuiltinOperator` codes the runner implements (schema.fbs enum values). */
export const Op = {
  ADD: 0,
  AVERAGE_POOL_2D: 1,
  CONCATENATION: 2,
  CONV_2D: 3,
  DEPTHWISE_CONV_2D: 4,
  DEQUANTIZE: 6,
  FULLY_CONNECTED: 9,
  LOGISTIC: 14,
  MAX_POOL_2D: 17,
  MUL: 18,
  RELU: 19,
  RELU6: 21,
  RESHAPE: 22,
  SOFTMAX: 25,
  TANH: 28,
  PAD: 34,
  MEAN: 40,
  SUB: 41,
  STRIDED_SLICE: 45,
  CAST: 53,
  PRELU: 54,
  LESS: 58,
  GREATER_EQUAL: 62,
  LEAKY_RELU: 98,
  ABS: 101
} as const

/**
 * The option fields read per operator, in schema field order (name → [field index, kind]).
 * Kinds: i8 byte/enum, i32 int, f32 float, vec an int vector. Defaults are the schema's.
 */
type Kind = 'i8' | 'i32' | 'f32' | 'vec'
const OPTION_FIELDS: Partial<Record<number, Array<[string, number, Kind, number]>>> = {
  [Op.CONV_2D]: [['padding', 0, 'i8', 0], ['strideW', 1, 'i32', 1], ['strideH', 2, 'i32', 1], ['activation', 3, 'i8', 0], ['dilationW', 4, 'i32', 1], ['dilationH', 5, 'i32', 1]],
  [Op.DEPTHWISE_CONV_2D]: [['padding', 0, 'i8', 0], ['strideW', 1, 'i32', 1], ['strideH', 2, 'i32', 1], ['depthMultiplier', 3, 'i32', 1], ['activation', 4, 'i8', 0], ['dilationW', 5, 'i32', 1], ['dilationH', 6, 'i32', 1]],
  [Op.AVERAGE_POOL_2D]: [['padding', 0, 'i8', 0], ['strideW', 1, 'i32', 1], ['strideH', 2, 'i32', 1], ['filterW', 3, 'i32', 1], ['filterH', 4, 'i32', 1], ['activation', 5, 'i8', 0]],
  [Op.MAX_POOL_2D]: [['padding', 0, 'i8', 0], ['strideW', 1, 'i32', 1], ['strideH', 2, 'i32', 1], ['filterW', 3, 'i32', 1], ['filterH', 4, 'i32', 1], ['activation', 5, 'i8', 0]],
  [Op.ADD]: [['activation', 0, 'i8', 0]],
  [Op.SUB]: [['activation', 0, 'i8', 0]],
  [Op.MUL]: [['activation', 0, 'i8', 0]],
  [Op.FULLY_CONNECTED]: [['activation', 0, 'i8', 0], ['weightsFormat', 1, 'i8', 0], ['keepNumDims', 2, 'i8', 0]],
  [Op.CONCATENATION]: [['axis', 0, 'i32', 0], ['activation', 1, 'i8', 0]],
  [Op.RESHAPE]: [['newShape', 0, 'vec', 0]],
  [Op.SOFTMAX]: [['beta', 0, 'f32', 1]],
  [Op.MEAN]: [['keepDims', 0, 'i8', 0]],
  [Op.STRIDED_SLICE]: [['beginMask', 0, 'i32', 0], ['endMask', 1, 'i32', 0], ['ellipsisMask', 2, 'i32', 0], ['newAxisMask', 3, 'i32', 0], ['shrinkAxisMask', 4, 'i32', 0], ['offset', 5, 'i8', 0]],
  [Op.LEAKY_RELU]: [['alpha', 0, 'f32', 0]]
}

/** Reads FlatBuffer tables by field index (vtable slot = 4 + 2 × index). */
class Reader {
  constructor(readonly bb: ByteBuffer) {}
  private at(table: number, field: number): number {
    return this.bb.__offset(table, 4 + 2 * field)
  }
  has(table: number, field: number): boolean {
    return this.at(table, field) !== 0
  }
  i8(table: number, field: number, fallback = 0): number {
    const o = this.at(table, field)
    return o ? this.bb.readInt8(table + o) : fallback
  }
  i32(table: number, field: number, fallback = 0): number {
    const o = this.at(table, field)
    return o ? this.bb.readInt32(table + o) : fallback
  }
  f32(table: number, field: number, fallback = 0): number {
    const o = this.at(table, field)
    return o ? this.bb.readFloat32(table + o) : fallback
  }
  str(table: number, field: number): string {
    const o = this.at(table, field)
    return o ? (this.bb.__string(table + o) as string) : ''
  }
  table(table: number, field: number): number {
    const o = this.at(table, field)
    return o ? this.bb.__indirect(table + o) : 0
  }
  private vector(table: number, field: number): { start: number; length: number } {
    const o = this.at(table, field)
    if (!o) return { start: 0, length: 0 }
    return { start: this.bb.__vector(table + o), length: this.bb.__vector_len(table + o) }
  }
  ints(table: number, field: number): number[] {
    const { start, length } = this.vector(table, field)
    return Array.from({ length }, (_, i) => this.bb.readInt32(start + 4 * i))
  }
  tables(table: number, field: number): number[] {
    const { start, length } = this.vector(table, field)
    return Array.from({ length }, (_, i) => this.bb.__indirect(start + 4 * i))
  }
  bytes(table: number, field: number): Uint8Array | null {
    const { start, length } = this.vector(table, field)
    return length ? this.bb.bytes().subarray(start, start + length) : null
  }
}

function readOptions(r: Reader, op: number, code: number): TfliteOptions {
  const fields = OPTION_FIELDS[code]
  const options: TfliteOptions = {}
  if (!fields) return options
  const table = r.table(op, 4)
  for (const [name, index, kind, fallback] of fields) {
    if (!table) options[name] = kind === 'vec' ? [] : fallback
    else if (kind === 'vec') options[name] = r.ints(table, index)
    else if (kind === 'f32') options[name] = r.f32(table, index, fallback)
    else if (kind === 'i32') options[name] = r.i32(table, index, fallback)
    else options[name] = r.i8(table, index, fallback)
  }
  return options
}

/**
 * Parses a `.tflite` file. Throws when the file is not a TFLite FlatBuffer (identifier `TFL3`),
 * holds no subgraph, or keeps its weights outside the FlatBuffer (the > 2 GB layout).
 */
export function readTfliteGraph(file: Uint8Array): TfliteGraph {
  const bb = new ByteBuffer(file)
  if (file.length < 8 || String.fromCharCode(...file.subarray(4, 8)) !== 'TFL3') throw new Error('not a TensorFlow Lite model (no TFL3 identifier)')
  const r = new Reader(bb)
  const model = bb.readInt32(0)
  // builtin_code (field 3) replaced the byte-sized deprecated_builtin_code (field 0) at 127; the larger is the real one.
  const codes = r.tables(model, 1).map((c) => Math.max(r.i8(c, 0), r.i32(c, 3)))
  const buffers = r.tables(model, 4).map((b) => {
    if (r.has(b, 1)) throw new Error('TFLite buffers stored outside the FlatBuffer are not supported')
    return r.bytes(b, 0)
  })
  const subgraph = r.tables(model, 2)[0]
  if (subgraph === undefined) throw new Error('the TFLite model has no subgraph')
  const tensors = r.tables(subgraph, 0).map((t) => ({
    name: r.str(t, 3),
    shape: r.ints(t, 0),
    type: r.i8(t, 1),
    data: buffers[r.i32(t, 2)] ?? null
  }))
  const operators = r.tables(subgraph, 3).map((op) => {
    const code = codes[r.i32(op, 0)]
    if (code === undefined) throw new Error('a TFLite operator names an unknown operator code')
    return { code, inputs: r.ints(op, 1), outputs: r.ints(op, 2), options: readOptions(r, op, code) }
  })
  return { tensors, inputs: r.ints(subgraph, 1), outputs: r.ints(subgraph, 2), operators }
}
