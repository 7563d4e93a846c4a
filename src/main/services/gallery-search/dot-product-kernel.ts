/**
 * Integer dot products of one probe with every row of a contiguous int8 matrix, in
 * WebAssembly with 128-bit SIMD (`i32x4.dot_i16x8_s`: eight products per instruction), which
 * plain JavaScript cannot do. Why int8: 1:N search over 100,000 templates of 192 float32 is
 * 77 MB read per probe, bound by memory bandwidth (measured ≈ 40–60 ms here with float32
 * SIMD and with plain JavaScript alike, 2-core machine); as int8 it is 19 MB. The int8 scores
 * only choose candidates, with error bounds (template-matrix.ts); the distances reported are
 * recomputed exactly from float32. The module is assembled here from its instructions (text
 * form in {@link kernelBytes}) so nothing is downloaded or compiled at build time. Runs in the
 * calling thread; one call is one synchronous loop.
 */

/** WebAssembly page size in bytes. */
const PAGE = 65536
/** int8 values per SIMD step (widened to eight int16 lanes). */
export const KERNEL_STEP = 8

const leb = (n: number): number[] => {
  const out: number[] = []
  do {
    let byte = n & 0x7f
    n >>>= 7
    if (n !== 0) byte |= 0x80
    out.push(byte)
  } while (n !== 0)
  return out
}
const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body]
const name = (s: string): number[] => [s.length, ...[...s].map((c) => c.charCodeAt(0))]

/**
 * The module's bytes. In WebAssembly text form:
 * ```wat
 * (memory (export "memory") 1)
 * (func (export "dots") (param $p i32) (param $m i32) (param $n i32) (param $dim i32) (param $out i32)
 *   (local $k i32) (local $acc v128)
 *   block  (br_if 0 (i32.eqz $n))
 *     loop $rows
 *       $acc = v128.const 0;  $k = 0
 *       loop $cols            ;; acc += int16 p[k..k+7] · int8→int16 m[k..k+7], pairwise into int32 lanes
 *         $acc = i32x4.add($acc, i32x4.dot_i16x8_s(v128.load($p + 2 * $k), v128.load8x8_s($m + $k)))
 *         $k += 8;  br_if $cols ($k < $dim)
 *       i32.store $out (lane0 + lane1 + lane2 + lane3 of $acc)
 *       $out += 4;  $m += $dim;  $n -= 1;  br_if $rows ($n != 0)
 *   end)
 * ```
 * `$p`: the probe as int16 (2 × $dim bytes); `$m`: $n rows of $dim int8; `$out`: $n int32.
 */
export function kernelBytes(): Uint8Array {
  const lane = (i: number): number[] => [0x20, 6, 0xfd, 0x1b, i] // local.get $acc; i32x4.extract_lane i
  const body: number[] = [2, 1, 0x7f, 1, 0x7b] // locals: 1 × i32 ($k), 1 × v128 ($acc)
  body.push(0x02, 0x40, 0x20, 2, 0x45, 0x0d, 0) // block; local.get $n; i32.eqz; br_if 0
  body.push(0x03, 0x40) // loop $rows
  body.push(0xfd, 0x0c, ...new Array<number>(16).fill(0), 0x21, 6) // v128.const 0; local.set $acc
  body.push(0x41, 0, 0x21, 5) // i32.const 0; local.set $k
  body.push(0x03, 0x40) // loop $cols
  body.push(0x20, 6) // local.get $acc
  body.push(0x20, 0, 0x20, 5, 0x20, 5, 0x6a, 0x6a, 0xfd, 0x00, 1, 0) // v128.load ($p + $k + $k)
  body.push(0x20, 1, 0x20, 5, 0x6a, 0xfd, 0x01, 0, 0) // v128.load8x8_s ($m + $k)
  body.push(0xfd, 0xba, 0x01, 0xfd, 0xae, 0x01, 0x21, 6) // i32x4.dot_i16x8_s; i32x4.add; local.set $acc
  body.push(0x20, 5, 0x41, KERNEL_STEP, 0x6a, 0x22, 5) // $k += 8 (local.tee)
  body.push(0x20, 3, 0x49, 0x0d, 0) // $k < $dim; br_if $cols
  body.push(0x0b) // end $cols
  body.push(0x20, 4, ...lane(0), ...lane(1), 0x6a, ...lane(2), 0x6a, ...lane(3), 0x6a, 0x36, 2, 0) // i32.store $out (sum of lanes)
  body.push(0x20, 4, 0x41, 4, 0x6a, 0x21, 4) // $out += 4
  body.push(0x20, 1, 0x20, 3, 0x6a, 0x21, 1) // $m += $dim
  body.push(0x20, 2, 0x41, 1, 0x6b, 0x22, 2, 0x0d, 0) // $n -= 1; br_if $rows
  body.push(0x0b, 0x0b, 0x0b) // end $rows; end block; end func
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 5, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]), // type: (i32 ×5) → ()
    ...section(3, [1, 0]), // function 0 has type 0
    ...section(5, [1, 0, 1]), // one memory, min 1 page
    ...section(7, [2, ...name('memory'), 2, 0, ...name('dots'), 0, 0]),
    ...section(10, [1, ...leb(body.length), ...body])
  ])
}

/** Integer dot products over a growable memory, SIMD when the runtime has it. */
export interface DotProductKernel {
  /** The memory's bytes (a new view after every {@link reserve}; never keep one across it). */
  bytes(): ArrayBuffer
  /** Makes the memory at least `bytes` long (contents kept). */
  reserve(bytes: number): void
  /**
   * For t = 0 … rows − 1, writes as int32 at `outByte + 4t` the dot product of the int16
   * vector at `probeByte` with the int8 row t of the matrix at `matrixByte`; rows are `dim`
   * bytes long, `dim` a multiple of {@link KERNEL_STEP}. Offsets must be multiples of 16.
   */
  dots(probeByte: number, matrixByte: number, rows: number, dim: number, outByte: number): void
  /** True when the WebAssembly SIMD kernel runs (false: the plain JavaScript loop). */
  simd: boolean
}

/** JavaScript fallback for runtimes without WebAssembly SIMD (identical integer results). */
function jsDots(buffer: ArrayBuffer, probeByte: number, matrixByte: number, rows: number, dim: number, outByte: number): void {
  const p = new Int16Array(buffer, probeByte, dim)
  const m = new Int8Array(buffer, matrixByte, rows * dim)
  const out = new Int32Array(buffer, outByte, rows)
  for (let t = 0, o = 0; t < rows; t++, o += dim) {
    let sum = 0
    for (let k = 0; k < dim; k++) sum += (p[k] as number) * (m[o + k] as number)
    out[t] = sum
  }
}

/** The parts of the WebAssembly JavaScript API used here (Node has them; the main-process tsconfig has no DOM typings). */
interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number }) => WasmMemory
}
type WasmDots = (p: number, m: number, n: number, dim: number, out: number) => void

/** Creates a kernel with its own memory. */
export function createDotProductKernel(): DotProductKernel {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
  let memory: WasmMemory
  let wasmDots: WasmDots | null = null
  try {
    const instance = new wasm.Instance(new wasm.Module(kernelBytes()))
    memory = instance.exports.memory as WasmMemory
    wasmDots = instance.exports.dots as WasmDots
  } catch {
    // No SIMD in this runtime: the module does not validate; plain memory and the JavaScript loop instead.
    memory = new wasm.Memory({ initial: 1 })
  }
  return {
    simd: wasmDots !== null,
    bytes: () => memory.buffer,
    reserve(bytes) {
      const missing = bytes - memory.buffer.byteLength
      if (missing > 0) memory.grow(Math.ceil(missing / PAGE))
    },
    dots(probeByte, matrixByte, rows, dim, outByte) {
      if (rows <= 0) return
      if (wasmDots) wasmDots(probeByte, matrixByte, rows, dim, outByte)
      else jsDots(memory.buffer, probeByte, matrixByte, rows, dim, outByte)
    }
  }
}
