/**
 * Copies the current picture of a `<video>` into raw RGBA pixels, the `pixels` image input of
 * the contract (no JPEG round trip: the engine takes the bytes as they are), or into a JPEG for
 * browser mode, where uploading 1.2 MB of RGBA per frame costs a browser more than encoding it.
 */

/**
 * Widest frame sent for recognition, in pixels: the camera is asked for 640×480
 * (use-camera.ts) and the kiosk's tiny face detector shrinks each frame to a 416 px square
 * anyway (engine/detector-options.ts), so wider frames would mostly cost transfer time.
 */
export const MAX_FRAME_WIDTH = 640

/** A raw RGBA image as `recogniseFrame`, `detectFaces` and `enrolFace` accept it. */
export interface RgbaImage {
  kind: 'pixels'
  format: 'rgba'
  /** Size in pixels. */
  width: number
  height: number
  /** width × height × 4 bytes, row-major. */
  data: Uint8Array<ArrayBuffer>
}

/** An encoded image (here a JPEG) as `recogniseFrame` accepts it. */
export interface EncodedImage {
  kind: 'encoded'
  data: Uint8Array<ArrayBuffer>
}

/**
 * JPEG quality of encoded frames (0–1). High enough that the landmarks and the descriptor see
 * the same face as in the raw frame (the kiosk e2e test recognises and punches through it);
 * a 640×480 frame is then about 50 KB.
 */
export const FRAME_JPEG_QUALITY = 0.92

type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D

/**
 * A reusable canvas for grabbing frames (an OffscreenCanvas where the browser has one).
 * `maxWidth` (pixels) caps the width of the frames it returns.
 */
export class FrameGrabber {
  private canvas: OffscreenCanvas | HTMLCanvasElement | null = null
  private context: Context2D | null = null

  constructor(private readonly maxWidth = MAX_FRAME_WIDTH) {}

  private contextFor(width: number, height: number): Context2D | null {
    if (!this.canvas) {
      this.canvas = typeof OffscreenCanvas === 'undefined' ? document.createElement('canvas') : new OffscreenCanvas(width, height)
      // willReadFrequently keeps the canvas in CPU memory, so getImageData does not read back from the GPU.
      this.context = this.canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null
    }
    if (this.canvas.width !== width) this.canvas.width = width
    if (this.canvas.height !== height) this.canvas.height = height
    return this.context
  }

  /**
   * The video's current picture, scaled down to at most `maxWidth` pixels wide (aspect kept),
   * unmirrored; null while the video has no picture yet.
   */
  grab(video: HTMLVideoElement): RgbaImage | null {
    const drawn = this.draw(video)
    if (!drawn) return null
    const { context, width, height } = drawn
    const imageData = context.getImageData(0, 0, width, height)
    return { kind: 'pixels', format: 'rgba', width, height, data: new Uint8Array(imageData.data.buffer) }
  }

  /**
   * The same picture as {@link grab}, JPEG-encoded at {@link FRAME_JPEG_QUALITY}; null while the
   * video has no picture yet or the browser cannot encode.
   */
  async grabJpeg(video: HTMLVideoElement): Promise<EncodedImage | null> {
    if (!this.draw(video)) return null
    const canvas = this.canvas
    const blob =
      canvas instanceof HTMLCanvasElement
        ? await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', FRAME_JPEG_QUALITY))
        : await canvas?.convertToBlob({ type: 'image/jpeg', quality: FRAME_JPEG_QUALITY })
    return blob ? { kind: 'encoded', data: new Uint8Array(await blob.arrayBuffer()) } : null
  }

  /** Draws the video's current picture (scaled as {@link grab} says) into the canvas. */
  private draw(video: HTMLVideoElement): { context: Context2D; width: number; height: number } | null {
    const vw = video.videoWidth
    const vh = video.videoHeight
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || vw === 0 || vh === 0) return null
    const scale = Math.min(1, this.maxWidth / vw)
    const width = Math.max(1, Math.round(vw * scale))
    const height = Math.max(1, Math.round(vh * scale))
    const context = this.contextFor(width, height)
    if (!context) return null
    context.drawImage(video, 0, 0, width, height)
    return { context, width, height }
  }
}
