/**
 * Finds the PReLU activations a TFLite converter spelled out in elementary operators after a
 * convolution, so the runner can run convolution, bias and PReLU as one fused tfjs kernel
 * (tf.fused.conv2d / tf.fused.depthwiseConv2d, which the wasm backend runs through XNNPACK in
 * one pass). MobileFaceNet's file writes each PReLU as
 *
 *     y = RELU(x) + c · (x − ABS(x))
 *
 * which is x for x ≥ 0 and 2c·x below: a PReLU with slope α = 2c. Run one operator at a time
 * that is five extra passes over every activation map; in MobileFaceNet they took about a third
 * of the descriptor's time (tf.profile, wasm).
 */
import { Op, type TfliteGraph, type TfliteOperator } from './tflite-schema'

/** A convolution that also computes the PReLU after it. */
export interface PreluFusion {
  /** Tensor index of the constant c (the slope is 2c). */
  halfSlope: number
  /** Tensor index the fused convolution writes: the PReLU's output. */
  output: number
}

/** What {@link findPreluFusions} found: the fused convolutions, and the operators they make redundant. */
export interface PreluFusions {
  fused: Map<TfliteOperator, PreluFusion>
  skipped: Set<TfliteOperator>
}

/** Fused activation code of "none" in TFLite's options (ActivationFunctionType.NONE). */
const NO_ACTIVATION = 0

/**
 * Finds every CONV_2D / DEPTHWISE_CONV_2D without a fused activation whose output feeds only the
 * five operators of the PReLU pattern above, each intermediate used nowhere else and none a
 * graph output. `isConstant` says whether a tensor index holds a constant.
 */
export function findPreluFusions(graph: TfliteGraph, isConstant: (index: number) => boolean): PreluFusions {
  const consumers = new Map<number, TfliteOperator[]>()
  for (const op of graph.operators) for (const i of op.inputs) if (i >= 0) consumers.set(i, [...(consumers.get(i) ?? []), op])
  const outputs = new Set(graph.outputs)
  const only = (tensor: number): TfliteOperator | undefined => {
    const users = consumers.get(tensor) ?? []
    return users.length === 1 && !outputs.has(tensor) ? users[0] : undefined
  }
  const plain = (op: TfliteOperator): boolean => ((op.options.activation as number | undefined) ?? NO_ACTIVATION) === NO_ACTIVATION
  const fused = new Map<TfliteOperator, PreluFusion>()
  const skipped = new Set<TfliteOperator>()
  for (const conv of graph.operators) {
    if ((conv.code !== Op.CONV_2D && conv.code !== Op.DEPTHWISE_CONV_2D) || !plain(conv)) continue
    const x = conv.outputs[0]
    if (x === undefined || outputs.has(x)) continue
    const users = consumers.get(x) ?? []
    const relu = users.find((op) => op.code === Op.RELU)
    const abs = users.find((op) => op.code === Op.ABS)
    const sub = users.find((op) => op.code === Op.SUB)
    if (users.length !== 3 || !relu || !abs || !sub || !plain(sub)) continue
    const r = relu.outputs[0] ?? -1
    const a = abs.outputs[0] ?? -1
    const s = sub.outputs[0] ?? -1
    if (sub.inputs[0] !== x || sub.inputs[1] !== a || only(a) !== sub) continue
    const mul = only(s)
    if (!mul || mul.code !== Op.MUL || !plain(mul)) continue
    const c = mul.inputs[0] === s ? mul.inputs[1] : mul.inputs[0]
    if (c === undefined || !isConstant(c)) continue
    const m = mul.outputs[0] ?? -1
    const add = only(m)
    if (!add || add.code !== Op.ADD || !plain(add) || only(r) !== add) continue
    if (!((add.inputs[0] === r && add.inputs[1] === m) || (add.inputs[0] === m && add.inputs[1] === r))) continue
    const y = add.outputs[0]
    if (y === undefined) continue
    fused.set(conv, { halfSlope: c, output: y })
    for (const op of [relu, abs, sub, mul, add]) skipped.add(op)
  }
  return { fused, skipped }
}
