/**
 * Draws the latest faces on a canvas at display rate (requestAnimationFrame), easing each
 * face's box and landmarks from where they are on screen to the newest result (over the time
 * between results, at most {@link SMOOTHING_MS}), and, when the frame's capture time is known,
 * predicting where a moving face is now from its last two results (landmark-prediction.ts),
 * so the points stay on the face instead of trailing it by the frame's age. The canvas is kept
 * at the size of its box × devicePixelRatio for sharp lines.
 */
import { onMounted, onScopeDispose, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { KIOSK_STYLE, drawFaces, type OverlayFace, type OverlayStyle } from '../overlay/draw-faces'
import { coverFit, sampleTween, SMOOTHING_MS, startTween, type Tween } from '../overlay/landmark-geometry'
import { faceVelocities, predictFace, type FaceVelocity } from '../overlay/landmark-prediction'

/** Faces in the pixels of a frame of the given size. */
export interface OverlayFrame {
  /** Frame size in pixels (the faces' coordinate space). */
  width: number
  height: number
  faces: OverlayFace[]
  /** `performance.now()` (ms) when the frame was captured; enables prediction. */
  capturedAt?: number
}

/** Options of {@link useOverlayAnimation}. */
export interface OverlayAnimationOptions {
  /** Canvas laid over the video, same box; its backing size is managed here. */
  canvas: Ref<HTMLCanvasElement | null>
  /** Latest frame; a new object starts a new easing. */
  frame: MaybeRefOrGetter<OverlayFrame | null>
  /** Mirror horizontally like a selfie-view video (default true). */
  mirrored?: MaybeRefOrGetter<boolean>
  /** Stroke and label sizes (default {@link KIOSK_STYLE}). */
  style?: OverlayStyle
}

/** Starts the drawing loop on mount; stops it with the calling scope. */
export function useOverlayAnimation(options: OverlayAnimationOptions): void {
  const style = options.style ?? KIOSK_STYLE
  let tween: Tween<OverlayFace> = startTween([], [], 0)
  let source = { width: 0, height: 0 }
  /** The last result's faces and capture time, and the velocities of its faces (null: no prediction). */
  let last: { faces: OverlayFace[]; capturedAt: number; arrivedAt: number } | null = null
  let velocities: (FaceVelocity | null)[] = []
  let cssWidth = 0
  let cssHeight = 0
  let handle = 0
  let clean = true
  let observer: ResizeObserver | null = null

  watch(
    () => toValue(options.frame),
    (frame) => {
      const now = performance.now()
      const shown = predicted(now)
      const faces = frame?.faces ?? []
      const capturedAt = frame?.capturedAt
      velocities = last && capturedAt !== undefined ? faceVelocities(last.faces, last.capturedAt, faces, capturedAt) : faces.map(() => null)
      // Ease over the time between results: longer would lag behind, shorter would jump.
      const duration = last ? Math.min(SMOOTHING_MS, now - last.arrivedAt) : SMOOTHING_MS
      tween = startTween(shown, faces, now, duration)
      last = capturedAt === undefined ? null : { faces, capturedAt, arrivedAt: now }
      if (frame) source = { width: frame.width, height: frame.height }
    }
  )

  /**
   * The faces to draw at `now`: eased from where they were on screen towards the newest
   * result moved on by its predicted motion since capture (so the start is continuous and the
   * end follows the face).
   */
  function predicted(now: number): OverlayFace[] {
    if (!last) return sampleTween(tween, now)
    const ahead = now - last.capturedAt
    return sampleTween({ ...tween, to: tween.to.map((face, i) => predictFace(face, velocities[i] ?? null, ahead)) }, now)
  }

  function resize(): void {
    const canvas = options.canvas.value
    if (!canvas) return
    const ratio = window.devicePixelRatio || 1
    cssWidth = canvas.clientWidth
    cssHeight = canvas.clientHeight
    const width = Math.round(cssWidth * ratio)
    const height = Math.round(cssHeight * ratio)
    if (canvas.width !== width) canvas.width = width
    if (canvas.height !== height) canvas.height = height
    clean = false
  }

  function draw(now: number): void {
    handle = requestAnimationFrame(draw)
    const canvas = options.canvas.value
    const ctx = canvas?.getContext('2d')
    if (!canvas || !ctx) return
    const faces = predicted(now)
    if (faces.length === 0 && clean) return
    const ratio = canvas.width / Math.max(1, cssWidth)
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.clearRect(0, 0, canvas.width, canvas.height)
    clean = faces.length === 0
    if (clean) return
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    const transform = coverFit(source, { width: cssWidth, height: cssHeight }, toValue(options.mirrored) ?? true)
    drawFaces(ctx, faces, transform, style)
  }

  onMounted(() => {
    resize()
    const canvas = options.canvas.value
    if (canvas && typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(resize)
      observer.observe(canvas)
    }
    handle = requestAnimationFrame(draw)
  })

  onScopeDispose(() => {
    cancelAnimationFrame(handle)
    observer?.disconnect()
  })
}
