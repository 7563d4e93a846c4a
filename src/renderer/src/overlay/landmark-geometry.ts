/**
 * Pure geometry for drawing faces over a picture: which of the 68 iBUG-300W landmarks join
 * into contours, how frame pixels map onto a displayed (cover- or contain-fitted, optionally
 * mirrored) picture, and how landmark positions are eased between successive results so the
 * overlay follows the face at display rate although recognition runs at a lower rate.
 * No DOM here, so it is unit-tested in Node (test/unit/renderer-landmark-geometry.test.ts).
 */
import type { Box, Point } from '../../../shared/models'

/** Number of landmarks face-api's 68-point model returns (iBUG 300-W layout). */
export const LANDMARK_COUNT = 68

/** A polyline through landmark indices; `closed` joins the last point back to the first. */
export interface Contour {
  name: string
  indices: readonly number[]
  closed: boolean
}

function span(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/**
 * The contours of the iBUG 300-W 68-point layout (indices from the 300-W annotation scheme):
 * jaw 0–16, brows 17–21 and 22–26, nose bridge 27–30, lower nose 31–35, eyes 36–41 and 42–47,
 * outer lips 48–59, inner lips 60–67. Every index 0–67 belongs to exactly one contour.
 */
export const LANDMARK_CONTOURS: readonly Contour[] = [
  { name: 'jaw', indices: span(0, 16), closed: false },
  { name: 'right-brow', indices: span(17, 21), closed: false },
  { name: 'left-brow', indices: span(22, 26), closed: false },
  { name: 'nose-bridge', indices: span(27, 30), closed: false },
  { name: 'nose', indices: span(31, 35), closed: false },
  { name: 'right-eye', indices: span(36, 41), closed: true },
  { name: 'left-eye', indices: span(42, 47), closed: true },
  { name: 'outer-lips', indices: span(48, 59), closed: true },
  { name: 'inner-lips', indices: span(60, 67), closed: true }
]

/**
 * The points of one contour, in drawing order (the first point repeated at the end when the
 * contour is closed). Indices missing from `landmarks` are skipped, so a short list draws what it can.
 */
export function contourPoints(landmarks: readonly Point[], contour: Contour): Point[] {
  const points: Point[] = []
  for (const index of contour.indices) {
    const point = landmarks[index]
    if (point) points.push(point)
  }
  const first = points[0]
  if (contour.closed && first && points.length > 2) points.push(first)
  return points
}

/** A width and height in pixels. */
export interface Size {
  width: number
  height: number
}

/**
 * Maps source pixels (a frame or photo) to view pixels (CSS pixels of the element showing it):
 * `view.x = offsetX + source.x × scale`, then mirrored about the view's vertical centre line
 * when `mirrored` (selfie view, as the `<video>` is shown with `transform: scaleX(-1)`).
 */
export interface FitTransform {
  scale: number
  offsetX: number
  offsetY: number
  mirrored: boolean
  /** Width of the view in pixels; the mirror axis is `viewWidth / 2`. */
  viewWidth: number
}

function fit(source: Size, view: Size, mirrored: boolean, pick: (a: number, b: number) => number): FitTransform {
  if (source.width <= 0 || source.height <= 0) {
    return { scale: 1, offsetX: 0, offsetY: 0, mirrored, viewWidth: view.width }
  }
  const scale = pick(view.width / source.width, view.height / source.height)
  return {
    scale,
    offsetX: (view.width - source.width * scale) / 2,
    offsetY: (view.height - source.height * scale) / 2,
    mirrored,
    viewWidth: view.width
  }
}

/**
 * The transform CSS `object-fit: cover` applies: the source fills the view, keeps its aspect
 * ratio, is centred, and the overflowing side is cropped (negative offset).
 */
export function coverFit(source: Size, view: Size, mirrored = false): FitTransform {
  return fit(source, view, mirrored, Math.max)
}

/** The transform CSS `object-fit: contain` applies: the whole source visible, centred, letterboxed. */
export function containFit(source: Size, view: Size, mirrored = false): FitTransform {
  return fit(source, view, mirrored, Math.min)
}

/** Maps one source point into view pixels. */
export function mapPoint(t: FitTransform, p: Point): Point {
  const x = t.offsetX + p.x * t.scale
  return { x: t.mirrored ? t.viewWidth - x : x, y: t.offsetY + p.y * t.scale }
}

/** Maps a source box into view pixels; a mirrored box keeps a positive width (its left edge moves). */
export function mapBox(t: FitTransform, box: Box): Box {
  const left = t.offsetX + box.x * t.scale
  const width = box.width * t.scale
  return {
    x: t.mirrored ? t.viewWidth - left - width : left,
    y: t.offsetY + box.y * t.scale,
    width,
    height: box.height * t.scale
  }
}

/** The geometry of one face that the overlay draws and eases. */
export interface FaceGeometry {
  box: Box
  landmarks: Point[]
}

const lerp = (a: number, b: number, t: number): number => a + (b - a) * t

/**
 * Linear interpolation from face `a` (t = 0) to face `b` (t = 1). When the landmark counts
 * differ the landmarks of `b` are taken as they are (nothing sensible lies in between).
 */
export function lerpFace(a: FaceGeometry, b: FaceGeometry, t: number): FaceGeometry {
  const box = {
    x: lerp(a.box.x, b.box.x, t),
    y: lerp(a.box.y, b.box.y, t),
    width: lerp(a.box.width, b.box.width, t),
    height: lerp(a.box.height, b.box.height, t)
  }
  if (a.landmarks.length !== b.landmarks.length) return { box, landmarks: b.landmarks }
  const landmarks = b.landmarks.map((q, i) => {
    const p = a.landmarks[i] ?? q
    return { x: lerp(p.x, q.x, t), y: lerp(p.y, q.y, t) }
  })
  return { box, landmarks }
}

/** Cubic ease-out on 0..1 (fast start, gentle arrival), clamped. */
export function easeOutCubic(t: number): number {
  const c = Math.min(1, Math.max(0, t))
  return 1 - (1 - c) ** 3
}

/** How far a face may move between two results and still be eased, in widths of its box. */
export const PAIRING_REACH = 1.5

const centre = (b: Box): Point => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })

/**
 * Pairs each face of `next` with the face of `previous` it most likely is (the same person one
 * result later): greedy by nearest box centre, each previous face used once, and only when the
 * centres are less than {@link PAIRING_REACH} box widths apart (a face seldom moves further
 * between two results a few hundred ms apart; anything further is treated as another face).
 * Returns, for each face of `next`, the index into `previous` or null for a new face.
 */
export function pairFaces(previous: readonly FaceGeometry[], next: readonly FaceGeometry[]): (number | null)[] {
  const candidates: { n: number; p: number; d: number }[] = []
  next.forEach((nf, n) => {
    const c = centre(nf.box)
    previous.forEach((pf, p) => {
      const pc = centre(pf.box)
      const d = Math.hypot(c.x - pc.x, c.y - pc.y)
      if (d < PAIRING_REACH * Math.max(nf.box.width, pf.box.width)) candidates.push({ n, p, d })
    })
  })
  candidates.sort((a, b) => a.d - b.d)
  const pairs: (number | null)[] = next.map(() => null)
  const usedPrevious = new Set<number>()
  for (const { n, p } of candidates) {
    if (pairs[n] !== null || usedPrevious.has(p)) continue
    pairs[n] = p
    usedPrevious.add(p)
  }
  return pairs
}

/**
 * Default easing time from one result's landmarks to the next, in ms: about the time between
 * two kiosk results, so each easing ends near when the next result arrives.
 */
export const SMOOTHING_MS = 100

/** An easing in progress from the positions on screen to a newer result's positions. */
export interface Tween<T extends FaceGeometry> {
  /** For each target face, where it started (null: a new face, shown at its target at once). */
  from: (FaceGeometry | null)[]
  /** The faces of the newer result, where the easing ends. */
  to: T[]
  /** Start time in ms (same clock as the `now` passed to {@link sampleTween}). */
  startedAt: number
  /** Easing time in ms (≤ 0: jump straight to `to`). */
  durationMs: number
}

/**
 * Starts easing from the faces currently shown (`shown`, e.g. the previous tween sampled now)
 * towards the faces of a new result. Faces that left the picture are dropped at once.
 */
export function startTween<T extends FaceGeometry>(
  shown: readonly FaceGeometry[],
  target: T[],
  now: number,
  durationMs = SMOOTHING_MS
): Tween<T> {
  const pairs = pairFaces(shown, target)
  return { from: pairs.map((p) => (p === null ? null : (shown[p] ?? null))), to: target, startedAt: now, durationMs }
}

/** The faces of a tween at time `now` (ms): each target face with its eased box and landmarks. */
export function sampleTween<T extends FaceGeometry>(tween: Tween<T>, now: number): T[] {
  const t = tween.durationMs <= 0 ? 1 : easeOutCubic((now - tween.startedAt) / tween.durationMs)
  return tween.to.map((face, i) => {
    const from = tween.from[i]
    if (!from || t >= 1) return face
    return { ...face, ...lerpFace(from, face, t) }
  })
}
