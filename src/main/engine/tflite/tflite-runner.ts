/**
 * Runs a TensorFlow Lite graph ({@link readTfliteGraph}) with TensorFlow.js ops, on whatever
 * backend tfjs has active (wasm in the engine worker, tfjs-node where it loads, WebGL in a
 * browser). Constants are uploaded once and re-laid out once for tfjs (convolution filters
 * OHWI → HWIO, depthwise [1, h, w, c·m] → [h, w, c, m], float16 weights widened to float32);
 * `run` then walks the operators in the file's order inside one `tidy`, so only the outputs
 * survive a call. Supported operators are those of {@link Op}; loading a graph with any other
 * throws, naming it.
 */
import type * as Tf from '@tensorflow/tfjs'
import { findPreluFusions } from './tflite-fusion'
import { Op, TensorType, readTfliteGraph, type TfliteGraph, type TfliteOperator } from './tflite-schema'

/** The TensorFlow.js namespace the runner calls (face-api's `tf` cast to the full typings). */
export type TfNamespace = typeof Tf

/** A loaded graph: `run` maps input tensors (in the model's input order) to its outputs. */
export interface TfliteModel {
  /** Input shapes as declared in the file (the batch size may differ at run time). */
  inputShapes: number[][]
  /** Runs the graph; the caller owns (and disposes) the returned tensors. */
  run(inputs: Tf.Tensor[]): Tf.Tensor[]
  /** Frees the uploaded weights. */
  dispose(): void
}

const SUPPORTED = new Set<number>(Object.values(Op))

/** IEEE 754 half → single, for weights stored as float16 (DEQUANTIZE inputs). */
function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1
  const exponent = (h >> 10) & 0x1f
  const fraction = h & 0x3ff
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024)
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024)
}

function constantTensor(tf: TfNamespace, shape: number[], type: number, bytes: Uint8Array): Tf.Tensor {
  const copy = bytes.slice() // aligned copy: the FlatBuffer's offsets need not be 4-byte aligned
  switch (type) {
    case TensorType.FLOAT32:
      return tf.tensor(new Float32Array(copy.buffer), shape, 'float32')
    case TensorType.FLOAT16: {
      const half = new Uint16Array(copy.buffer)
      return tf.tensor(Float32Array.from(half, halfToFloat), shape, 'float32')
    }
    case TensorType.INT32:
      return tf.tensor(new Int32Array(copy.buffer), shape, 'int32')
    case TensorType.INT64: {
      const wide = new BigInt64Array(copy.buffer)
      return tf.tensor(Int32Array.from(wide, (v) => Number(v)), shape, 'int32')
    }
    case TensorType.BOOL:
      return tf.tensor(Uint8Array.from(copy, (v) => (v ? 1 : 0)), shape, 'bool')
    default:
      throw new Error(`TFLite constant of tensor type ${type} is not supported`)
  }
}

function activate(tf: TfNamespace, x: Tf.Tensor, activation: number): Tf.Tensor {
  switch (activation) {
    case 0:
      return x
    case 1:
      return tf.relu(x)
    case 2:
      return tf.clipByValue(x, -1, 1)
    case 3:
      return tf.relu6(x)
    case 4:
      return tf.tanh(x)
    default:
      throw new Error(`TFLite fused activation ${activation} is not supported`)
  }
}

const padding = (value: number | number[] | undefined): 'same' | 'valid' => (value === 1 ? 'valid' : 'same')
const num = (value: number | number[] | undefined): number => (typeof value === 'number' ? value : 0)

/** What an operator reads: tensors by index, a constant's values, a tensor's declared tfjs type. */
interface RunContext {
  get(index: number): Tf.Tensor
  values(index: number): number[]
  typeOf(index: number): Tf.DataType
}

/** Applies one operator and returns its (single) output. */
/** TFLite fused activation codes (ActivationFunctionType) that tfjs' fused convolutions run themselves. */
const FUSABLE_ACTIVATIONS: Partial<Record<number, 'linear' | 'relu' | 'relu6'>> = { 0: 'linear', 1: 'relu', 3: 'relu6' }

function apply(tf: TfNamespace, op: TfliteOperator, { get, values, typeOf }: RunContext, prelu?: Tf.Tensor): Tf.Tensor {
  const o = op.options
  const [a = -1, b = -1, c = -1] = op.inputs
  const act = (x: Tf.Tensor): Tf.Tensor => activate(tf, x, num(o.activation))
  switch (op.code) {
    case Op.CONV_2D:
    case Op.DEPTHWISE_CONV_2D: {
      // One fused kernel for convolution, bias and activation (and a PReLU found after it,
      // tflite-fusion.ts); TFLite activations tfjs cannot fuse run after it.
      const fusable = FUSABLE_ACTIVATIONS[num(o.activation)]
      const args = {
        x: get(a) as Tf.Tensor4D,
        filter: get(b) as Tf.Tensor4D,
        strides: [num(o.strideH), num(o.strideW)] as [number, number],
        pad: padding(o.padding),
        dataFormat: 'NHWC' as const,
        dilations: [num(o.dilationH), num(o.dilationW)] as [number, number],
        ...(c >= 0 ? { bias: get(c) } : {}),
        ...(prelu ? { activation: 'prelu' as const, preluActivationWeights: prelu } : { activation: fusable ?? ('linear' as const) })
      }
      const y = op.code === Op.CONV_2D ? tf.fused.conv2d(args) : tf.fused.depthwiseConv2d(args)
      return prelu || fusable ? y : act(y)
    }
    case Op.AVERAGE_POOL_2D:
      return act(tf.avgPool(get(a) as Tf.Tensor4D, [num(o.filterH), num(o.filterW)], [num(o.strideH), num(o.strideW)], padding(o.padding)))
    case Op.MAX_POOL_2D:
      return act(tf.maxPool(get(a) as Tf.Tensor4D, [num(o.filterH), num(o.filterW)], [num(o.strideH), num(o.strideW)], padding(o.padding)))
    case Op.FULLY_CONNECTED: {
      const x = get(a)
      const w = get(b) // [units, inputs]
      const flat = x.reshape([-1, w.shape[1] as number]) as Tf.Tensor2D
      const y = tf.matMul(flat, w as Tf.Tensor2D, false, true)
      return act(c >= 0 ? tf.add(y, get(c)) : y)
    }
    case Op.ADD:
      return act(tf.add(get(a), get(b)))
    case Op.SUB:
      return act(tf.sub(get(a), get(b)))
    case Op.MUL:
      return act(tf.mul(get(a), get(b)))
    case Op.ABS:
      return tf.abs(get(a))
    case Op.RELU:
      return tf.relu(get(a))
    case Op.RELU6:
      return tf.relu6(get(a))
    case Op.LOGISTIC:
      return tf.sigmoid(get(a))
    case Op.TANH:
      return tf.tanh(get(a))
    case Op.LEAKY_RELU:
      return tf.leakyRelu(get(a), num(o.alpha))
    case Op.PRELU:
      return tf.prelu(get(a), get(b))
    case Op.SOFTMAX:
      return tf.softmax(num(o.beta) === 1 ? get(a) : tf.mul(get(a), num(o.beta)))
    case Op.DEQUANTIZE:
      return tf.cast(get(a), 'float32')
    case Op.CAST:
      return tf.cast(get(a), typeOf(op.outputs[0] ?? -1))
    case Op.LESS:
      return tf.less(get(a), get(b))
    case Op.GREATER_EQUAL:
      return tf.greaterEqual(get(a), get(b))
    case Op.CONCATENATION: {
      const parts = op.inputs.map(get)
      const rank = parts[0]?.rank ?? 1
      const axis = num(o.axis) < 0 ? num(o.axis) + rank : num(o.axis)
      return act(tf.concat(parts, axis))
    }
    case Op.RESHAPE: {
      const x = get(a)
      const shape = b >= 0 ? values(b) : (o.newShape as number[])
      return tf.reshape(x, batchAware(shape, x))
    }
    case Op.MEAN:
      return tf.mean(get(a), values(b), num(o.keepDims) !== 0)
    case Op.PAD: {
      const p = values(b)
      const pairs = Array.from({ length: p.length / 2 }, (_, i) => [p[2 * i] as number, p[2 * i + 1] as number] as [number, number])
      return tf.pad(get(a), pairs)
    }
    case Op.STRIDED_SLICE:
      return tf.stridedSlice(get(a), values(b), values(c), values(op.inputs[3] ?? -1), num(o.beginMask), num(o.endMask), num(o.ellipsisMask), num(o.newAxisMask), num(o.shrinkAxisMask))
    default:
      throw new Error(`TFLite operator ${op.code} is not supported`)
  }
}

/**
 * A RESHAPE whose target shape was frozen with the converter's batch size keeps working for
 * another batch: when the input's element count differs from the target's, the first
 * dimension is recomputed.
 */
function batchAware(shape: number[], x: Tf.Tensor): number[] {
  const size = shape.reduce((p, d) => p * (d < 0 ? 1 : d), 1)
  if (shape.includes(-1) || size === x.size || shape.length === 0) return shape
  const rest = shape.slice(1).reduce((p, d) => p * d, 1)
  return [x.size / rest, ...shape.slice(1)]
}

function tfType(type: number): Tf.DataType {
  if (type === TensorType.FLOAT32 || type === TensorType.FLOAT16) return 'float32'
  if (type === TensorType.BOOL) return 'bool'
  return 'int32'
}

/** Options of {@link loadTfliteModel}. */
export interface TfliteLoadOptions {
  /** Run spelled-out PReLUs inside the convolution before them (default true; false runs every operator as written, for comparison). */
  fuse?: boolean
}

/**
 * Loads a `.tflite` file's first subgraph for {@link TfliteModel.run}. Throws on a malformed
 * file or an unsupported operator (message names the operator code).
 */
export function loadTfliteModel(tf: TfNamespace, file: Uint8Array, options: TfliteLoadOptions = {}): TfliteModel {
  const graph: TfliteGraph = readTfliteGraph(file)
  for (const op of graph.operators) if (!SUPPORTED.has(op.code)) throw new Error(`TFLite operator ${op.code} is not supported`)
  const constants = new Map<number, Tf.Tensor>()
  const constantValues = new Map<number, number[]>()
  graph.tensors.forEach((t, i) => {
    if (t.data && t.data.length > 0) constants.set(i, constantTensor(tf, t.shape, t.type, t.data))
  })
  // A DEQUANTIZE of a constant (float16 weights) is folded here, so the filters it feeds are
  // constants too and get re-laid out below; folded operators are skipped at run time.
  const folded = new Set<TfliteOperator>()
  for (const op of graph.operators) {
    const [source] = op.inputs
    const [target] = op.outputs
    const weights = source === undefined ? undefined : constants.get(source)
    if (op.code !== Op.DEQUANTIZE || weights === undefined || target === undefined || source === undefined) continue
    constants.set(target, tf.cast(weights, 'float32'))
    weights.dispose()
    constants.delete(source)
    folded.add(op)
  }
  // Filters re-laid out once for tfjs.
  for (const op of graph.operators) {
    const filter = op.inputs[1]
    if (filter === undefined || !constants.has(filter)) continue
    const w = constants.get(filter) as Tf.Tensor
    let laid: Tf.Tensor | undefined
    if (op.code === Op.CONV_2D) laid = tf.transpose(w, [1, 2, 3, 0])
    else if (op.code === Op.DEPTHWISE_CONV_2D) {
      const inChannels = (graph.tensors[op.inputs[0] as number]?.shape[3] ?? 0) || (w.shape[3] as number)
      const multiplier = (w.shape[3] as number) / inChannels
      laid = tf.reshape(w, [w.shape[1] as number, w.shape[2] as number, inChannels, multiplier])
    }
    if (laid) {
      w.dispose()
      constants.set(filter, laid)
    }
  }
  // PReLUs spelled out after convolutions run inside the convolution (tflite-fusion.ts).
  const fusions = options.fuse === false ? { fused: new Map(), skipped: new Set<TfliteOperator>() } : findPreluFusions(graph, (i) => constants.has(i))
  const slopes = new Map<TfliteOperator, Tf.Tensor>()
  for (const [op, fusion] of fusions.fused) slopes.set(op, tf.mul(constants.get(fusion.halfSlope) as Tf.Tensor, 2))
  const valuesOf = (i: number): number[] => {
    if (i < 0) return []
    let v = constantValues.get(i)
    if (!v) {
      const t = constants.get(i)
      if (!t) throw new Error(`TFLite tensor ${i} must be a constant here`)
      v = Array.from(t.dataSync())
      constantValues.set(i, v)
    }
    return v
  }
  return {
    inputShapes: graph.inputs.map((i) => graph.tensors[i]?.shape ?? []),
    run(inputs) {
      return tf.tidy(() => {
        const live = new Map<number, Tf.Tensor>()
        graph.inputs.forEach((index, k) => {
          const input = inputs[k]
          if (!input) throw new Error(`TFLite model expects ${graph.inputs.length} input(s)`)
          live.set(index, input)
        })
        const get = (i: number): Tf.Tensor => {
          const t = live.get(i) ?? constants.get(i)
          if (!t) throw new Error(`TFLite tensor ${i} (${graph.tensors[i]?.name ?? '?'}) used before it was computed`)
          return t
        }
        const context: RunContext = { get, values: valuesOf, typeOf: (i) => tfType(graph.tensors[i]?.type ?? 0) }
        for (const op of graph.operators) {
          const fusion = fusions.fused.get(op)
          const out = fusion ? fusion.output : op.outputs[0]
          if (out === undefined || folded.has(op) || fusions.skipped.has(op)) continue
          live.set(out, apply(tf, op, context, slopes.get(op)))
        }
        return graph.outputs.map(get)
      })
    },
    dispose() {
      for (const t of [...constants.values(), ...slopes.values()]) t.dispose()
      constants.clear()
      slopes.clear()
    }
  }
}
