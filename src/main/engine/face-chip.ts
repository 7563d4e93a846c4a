/**
 * dlib-style face chips: a 5-point similarity alignment (eye centres, nose tip, mouth corners)
 * of a face onto dlib's canonical face, cut out as a square RGB image, and its mirror image.
 * Pure pixel arithmetic on row-major 8-bit RGB buffers, no TensorFlow.js.
 */

/** A point in pixels; image coordinates are continuous, pixel (i, j) covering [i, i+1) × [j, j+1). */
export interface Point {
  x: number
  y: number
}

/** Row-major 8-bit RGB pixels. */
export interface RgbImage {
  width: number
  height: number
  data: Uint8Array
}

/**
 * Side of the chip in pixels and the padding around the mean face, as a fraction of its size:
 * dlib's face recognition example cuts `get_face_chip_details(shape, 150, 0.25)` for
 * dlib_face_recognition_resnet_model_v1, of which face-api's FaceRecognitionNet is a port.
 */
export const CHIP_SIZE = 150
export const CHIP_PADDING = 0.25

/**
 * dlib's mean face (dlib/image_transforms/interpolation.h, get_face_chip_details,
 * `mean_face_shape_x/y`, points 17–67 of the iBUG 68-point layout, in a unit square) for the
 * points the 5-point alignment uses: the six points of each eye (36–41, 42–47), the nose tip
 * (30) and the mouth corners (48, 54).
 */
const DLIB_MEAN_FACE: Readonly<Record<number, Point>> = {
  30: { x: 0.490127, y: 0.515625 },
  36: { x: 0.121737, y: 0.216423 },
  37: { x: 0.187122, y: 0.178758 },
  38: { x: 0.265825, y: 0.179852 },
  39: { x: 0.334606, y: 0.231733 },
  40: { x: 0.260918, y: 0.245099 },
  41: { x: 0.182743, y: 0.244077 },
  42: { x: 0.645647, y: 0.231733 },
  43: { x: 0.714428, y: 0.179852 },
  44: { x: 0.793132, y: 0.178758 },
  45: { x: 0.858516, y: 0.216423 },
  46: { x: 0.79751, y: 0.244077 },
  47: { x: 0.719335, y: 0.245099 },
  48: { x: 0.254149, y: 0.780233 },
  54: { x: 0.726104, y: 0.780233 }
}

const LEFT_EYE = [36, 37, 38, 39, 40, 41]
const RIGHT_EYE = [42, 43, 44, 45, 46, 47]

function mean(points: readonly Point[]): Point {
  const n = points.length
  return { x: points.reduce((a, p) => a + p.x, 0) / n, y: points.reduce((a, p) => a + p.y, 0) / n }
}

/**
 * The five alignment points of a 68-point landmark set (iBUG order, image-left eye first):
 * left eye centre, right eye centre, nose tip, left and right mouth corner.
 * Throws when fewer than 68 points are given.
 */
export function fivePoints(landmarks: readonly Point[]): Point[] {
  if (landmarks.length < 68) throw new Error(`expected 68 landmarks, got ${landmarks.length}`)
  const at = (i: number): Point => landmarks[i] as Point
  return [mean(LEFT_EYE.map(at)), mean(RIGHT_EYE.map(at)), at(30), at(48), at(54)]
}

/**
 * Where {@link fivePoints} of dlib's mean face fall in a `size`-pixel chip with `padding`
 * (dlib's mapping: (padding + p) / (2 × padding + 1) × size).
 */
export function chipTemplate(size: number = CHIP_SIZE, padding: number = CHIP_PADDING): Point[] {
  const unit = fivePoints(Array.from({ length: 68 }, (_, i) => DLIB_MEAN_FACE[i] ?? { x: 0, y: 0 }))
  return unit.map((p) => ({ x: ((padding + p.x) / (2 * padding + 1)) * size, y: ((padding + p.y) / (2 * padding + 1)) * size }))
}

/**
 * Least-squares similarity transform (scale, rotation, translation; no reflection) taking
 * `from` onto `to`: q = (a·x − b·y + tx, b·x + a·y + ty), the closed form of Umeyama (1991)
 * for 2-D points written with complex numbers. Throws for fewer than two distinct points.
 */
export function similarityTransform(from: readonly Point[], to: readonly Point[]): { a: number; b: number; tx: number; ty: number } {
  if (from.length !== to.length || from.length < 2) throw new Error('similarityTransform needs two equally long lists of ≥ 2 points')
  const mf = mean(from)
  const mt = mean(to)
  let num = 0
  let numI = 0
  let den = 0
  from.forEach((p, i) => {
    const q = to[i] as Point
    const px = p.x - mf.x
    const py = p.y - mf.y
    const qx = q.x - mt.x
    const qy = q.y - mt.y
    // conj(p) · q, summed: the complex factor a + ib that best maps the centred `from` onto `to`.
    num += px * qx + py * qy
    numI += px * qy - py * qx
    den += px * px + py * py
  })
  if (den === 0) throw new Error('similarityTransform: the source points coincide')
  const a = num / den
  const b = numI / den
  return { a, b, tx: mt.x - (a * mf.x - b * mf.y), ty: mt.y - (b * mf.x + a * mf.y) }
}

/**
 * Where the five points of a face sit in the 112×112 input of ArcFace-family recognition
 * networks (MobileFaceNet included): insightface's reference landmarks (`arcface_dst` in
 * insightface/python-package/insightface/utils/face_align.py), image-left eye first, then
 * the other eye, nose tip, mouth corners, as {@link fivePoints} orders them.
 */
export const ARCFACE_TEMPLATE_112: readonly Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 }
]

/**
 * Cuts the `size`×`size` chip of a face: each chip pixel centre is mapped by the similarity
 * transform from the chip template onto the face's {@link fivePoints} and sampled bilinearly;
 * samples outside the image are black (as dlib's extract_image_chip).
 */
export function extractChip(image: RgbImage, landmarks: readonly Point[], size: number = CHIP_SIZE, padding: number = CHIP_PADDING): RgbImage {
  return warpToTemplate(image, fivePoints(landmarks), chipTemplate(size, padding), size)
}

/**
 * Cuts a `size`×`size` chip in which the face's five points (see {@link fivePoints}) land as
 * near as a similarity transform allows on `template` (chip pixels), sampling bilinearly, black
 * outside the image. `channels` is the source's bytes per pixel (3 for RGB, 4 for RGBA, whose
 * alpha is skipped); the chip is always RGB. Throws when the points coincide.
 */
export function warpToTemplate(image: RgbImage, points: readonly Point[], template: readonly Point[], size: number, channels = 3): RgbImage {
  const { a, b, tx, ty } = similarityTransform(template, points)
  const out = new Uint8Array(size * size * 3)
  const { width, height, data } = image
  const pixel = (x: number, y: number, c: number): number => (x < 0 || y < 0 || x >= width || y >= height ? 0 : (data[(y * width + x) * channels + c] as number))
  for (let v = 0; v < size; v++) {
    for (let u = 0; u < size; u++) {
      const cu = u + 0.5
      const cv = v + 0.5
      // Continuous image point, then in pixel-centre coordinates for interpolation.
      const x = a * cu - b * cv + tx - 0.5
      const y = b * cu + a * cv + ty - 0.5
      const x0 = Math.floor(x)
      const y0 = Math.floor(y)
      const fx = x - x0
      const fy = y - y0
      for (let c = 0; c < 3; c++) {
        const top = pixel(x0, y0, c) * (1 - fx) + pixel(x0 + 1, y0, c) * fx
        const bottom = pixel(x0, y0 + 1, c) * (1 - fx) + pixel(x0 + 1, y0 + 1, c) * fx
        out[(v * size + u) * 3 + c] = Math.round(top * (1 - fy) + bottom * fy)
      }
    }
  }
  return { width: size, height: size, data: out }
}

/** The image flipped left to right. */
export function mirror(image: RgbImage): RgbImage {
  const { width, height, data } = image
  const out = new Uint8Array(data.length)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 3
      const d = (y * width + (width - 1 - x)) * 3
      out[d] = data[s] as number
      out[d + 1] = data[s + 1] as number
      out[d + 2] = data[s + 2] as number
    }
  }
  return { width, height, data: out }
}
