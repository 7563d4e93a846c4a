/**
 * face-api's tiny face detector, run with fused tfjs kernels. face-api computes each of its
 * layers as padding, a separable convolution, a bias add and a leaky ReLU spelled out in four
 * more elementwise operators (src/tinyYolov2/depthwiseSeparableConv.ts, leaky.ts); on a
 * 416 px input those passes over large activation maps cost about as much as the convolutions.
 * Here each layer is a depthwise convolution and one fused pointwise convolution with bias and
 * leaky ReLU (slope 0.1, face-api's constant), which the wasm backend runs through XNNPACK in
 * one pass. Same weights, same arithmetic up to float rounding; face-api's own pre- and
 * post-processing (resizing, box decoding, non-maximum suppression) are untouched.
 */
import type { LoadedFaceApi } from './face-api-loader'
import type { TfNamespace } from './tflite/tflite-runner'

type Tf = TfNamespace
type Tensor4D = ReturnType<Tf['tensor4d']>
type Tensor1D = ReturnType<Tf['tensor1d']>

/** Slope of face-api's leaky ReLU for negative inputs (tinyYolov2/leaky.ts, as float32). */
export const TINY_LEAKY_SLOPE = 0.10000000149011612

interface ConvParams {
  filters: Tensor4D
  bias: Tensor1D
}

interface SeparableConvParams {
  depthwise_filter: Tensor4D
  pointwise_filter: Tensor4D
  bias: Tensor1D
}

/** The parameters face-api's TinyYolov2Base.runMobilenet reads (first layer a plain convolution in the tiny face detector). */
export interface TinyMobilenetParams {
  conv0: ConvParams | SeparableConvParams
  conv1: SeparableConvParams
  conv2: SeparableConvParams
  conv3: SeparableConvParams
  conv4: SeparableConvParams
  conv5: SeparableConvParams
  conv6?: SeparableConvParams
  conv7?: SeparableConvParams
  conv8: ConvParams
}

const isSeparable = (p: ConvParams | SeparableConvParams): p is SeparableConvParams => 'depthwise_filter' in p

/** face-api's depthwiseSeparableConv (3×3, padding 1, stride 1) with bias and leaky ReLU fused into the pointwise step. */
function separable(tf: Tf, x: Tensor4D, p: SeparableConvParams): Tensor4D {
  const depthwise = tf.depthwiseConv2d(x, p.depthwise_filter, 1, 'same')
  return tf.fused.conv2d({ x: depthwise, filter: p.pointwise_filter, strides: 1, pad: 'valid', bias: p.bias, activation: 'leakyrelu', leakyreluAlpha: TINY_LEAKY_SLOPE })
}

/**
 * The network body of face-api's TinyYolov2Base.runMobilenet (batch [n, s, s, 3] normalised
 * input → [n, s/32, s/32, anchors × 6] raw box encodings) with fused kernels. Throws what
 * tfjs throws for mismatched shapes.
 */
export function runFusedTinyMobilenet(tf: Tf, x: Tensor4D, params: TinyMobilenetParams, firstLayerConv2d: boolean): Tensor4D {
  return tf.tidy(() => {
    const first = params.conv0
    let out = firstLayerConv2d && !isSeparable(first)
      ? tf.fused.conv2d({ x, filter: first.filters, strides: 1, pad: 'valid', bias: first.bias, activation: 'leakyrelu', leakyreluAlpha: TINY_LEAKY_SLOPE })
      : separable(tf, x, first as SeparableConvParams)
    out = tf.maxPool(out, [2, 2], [2, 2], 'same')
    for (const p of [params.conv1, params.conv2, params.conv3, params.conv4]) out = tf.maxPool(separable(tf, out, p), [2, 2], [2, 2], 'same')
    out = tf.maxPool(separable(tf, out, params.conv5), [2, 2], [1, 1], 'same')
    if (params.conv6) out = separable(tf, out, params.conv6)
    if (params.conv7) out = separable(tf, out, params.conv7)
    return tf.fused.conv2d({ x: out, filter: params.conv8.filters, strides: 1, pad: 'valid', bias: params.conv8.bias })
  })
}

/** face-api's tiny face detector instance, as far as this module touches it. */
interface TinyNet {
  config: { isFirstLayerConv2d?: boolean; withSeparableConvs?: boolean }
  runMobilenet(x: Tensor4D, params: TinyMobilenetParams): Tensor4D
}

/**
 * Makes `api`'s tiny face detector run its network body with fused kernels (an own property
 * shadowing face-api's method on that one instance). Does nothing for a detector built
 * without separable convolutions. Returns a function that restores face-api's own body.
 */
export function useFusedTinyDetector(api: LoadedFaceApi): () => void {
  const net = api.faceapi.nets.tinyFaceDetector as unknown as TinyNet
  if (!net.config.withSeparableConvs) return () => {}
  const firstLayerConv2d = net.config.isFirstLayerConv2d === true
  net.runMobilenet = (x, params) => runFusedTinyMobilenet(api.tf as unknown as TfNamespace, x, params, firstLayerConv2d)
  return () => {
    delete (net as Partial<TinyNet>).runMobilenet
  }
}
