/**
 * Draws faces on a 2D canvas: a box per face (green when recognised, amber when not), the
 * landmark contours of {@link LANDMARK_CONTOURS} and the 68 points, plus an optional name label.
 * Coordinates are source pixels mapped through a {@link FitTransform}.
 */
import { LANDMARK_CONTOURS, contourPoints, mapBox, mapPoint, type FaceGeometry, type FitTransform } from './landmark-geometry'

/** A face to draw. */
export interface OverlayFace extends FaceGeometry {
  /** Drawn in {@link FACE_COLOURS}.recognised when true, else in the unknown colour. */
  recognised: boolean
  /** Text above the box (the person's name), or null for none. */
  label?: string | null
}

/** Box colours: green for recognised, amber for unknown faces. */
export const FACE_COLOURS = { recognised: '#22c55e', unknown: '#f59e0b' } as const

/** Sizes of strokes, points and labels in view pixels. */
export interface OverlayStyle {
  /** Box stroke width; landmark contours use 0.6 of it. */
  lineWidth: number
  /** Radius of each landmark dot. */
  pointRadius: number
  /** Label font size. */
  fontPx: number
}

/** Sizes that read well over a full-screen kiosk video. */
export const KIOSK_STYLE: OverlayStyle = { lineWidth: 3, pointRadius: 2.5, fontPx: 24 }

type Context = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D

function drawLabel(ctx: Context, text: string, x: number, y: number, colour: string, style: OverlayStyle): void {
  ctx.font = `600 ${style.fontPx}px system-ui, sans-serif`
  const padding = style.fontPx * 0.3
  const width = ctx.measureText(text).width + padding * 2
  const height = style.fontPx + padding * 2
  const top = Math.max(0, y - height - style.lineWidth)
  ctx.fillStyle = colour
  ctx.fillRect(x, top, width, height)
  ctx.fillStyle = '#0b0f14'
  ctx.textBaseline = 'middle'
  ctx.fillText(text, x + padding, top + height / 2)
}

/** Draws `faces` (source pixels) through `transform` with `style`; does not clear the canvas. */
export function drawFaces(ctx: Context, faces: readonly OverlayFace[], transform: FitTransform, style: OverlayStyle): void {
  for (const face of faces) {
    const colour = face.recognised ? FACE_COLOURS.recognised : FACE_COLOURS.unknown
    const box = mapBox(transform, face.box)
    ctx.lineWidth = style.lineWidth
    ctx.strokeStyle = colour
    ctx.strokeRect(box.x, box.y, box.width, box.height)

    const points = face.landmarks.map((p) => mapPoint(transform, p))
    ctx.lineWidth = Math.max(1, style.lineWidth * 0.6)
    ctx.strokeStyle = 'rgba(255, 255, 255, 0.75)'
    ctx.lineJoin = 'round'
    for (const contour of LANDMARK_CONTOURS) {
      const line = contourPoints(points, contour)
      const [first, ...rest] = line
      if (!first || rest.length === 0) continue
      ctx.beginPath()
      ctx.moveTo(first.x, first.y)
      for (const p of rest) ctx.lineTo(p.x, p.y)
      ctx.stroke()
    }

    ctx.fillStyle = colour
    for (const p of points) {
      ctx.beginPath()
      ctx.arc(p.x, p.y, style.pointRadius, 0, Math.PI * 2)
      ctx.fill()
    }

    if (face.label) drawLabel(ctx, face.label, box.x, box.y, colour, style)
  }
}
