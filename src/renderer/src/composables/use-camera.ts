/**
 * The front camera as a reactive state machine:
 * idle → starting → live, or denied / missing / ended with a message a person can act on.
 * A track that ends (camera unplugged, taken by another app) moves to `ended`; plugging a
 * camera in (a `devicechange` event) retries from `missing` or `ended` by itself.
 */
import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

/** Where the camera is. */
export type CameraState = 'idle' | 'starting' | 'live' | 'denied' | 'missing' | 'ended'

/** Texts for each non-live state, shown on the full-screen state panel. */
export const CAMERA_MESSAGES = {
  starting: 'Starting camera…',
  denied: 'Camera access was denied. Allow Clockface to use the camera in the system settings, then press Retry.',
  missing: 'No camera found. Connect a camera — Clockface will start it as soon as it appears.',
  insecure: 'No camera found: this page may not use a camera. Open it from localhost or over https.',
  ended: 'The camera stopped (it was unplugged or taken by another app). Press Retry to start it again.',
  busy: 'The camera could not be started — it may be in use by another app. Close that app, then press Retry.'
} as const

/** Options of {@link useCamera}. */
export interface CameraOptions {
  /** Requested (ideal) frame width in pixels, default 640: enough for the kiosk detector, and small frames to send. */
  width?: number
  /** Requested (ideal) frame height in pixels, default 480. */
  height?: number
  /** `<video>` the stream is shown in (set as srcObject and played when both exist). */
  video?: Ref<HTMLVideoElement | null>
}

function errorName(error: unknown): string {
  return error instanceof DOMException || error instanceof Error ? error.name : ''
}

/**
 * Opens the user-facing camera on {@link CameraOptions}; stops it when the calling scope
 * (component) is disposed. Call `start()` to open it and again to retry. Returns reactive
 * `state` ({@link CameraState}), `message` (a {@link CAMERA_MESSAGES} text, '' when live) and
 * `stream`, plus `start()` and `stop()`. Never throws: failures become states.
 */
export function useCamera(options: CameraOptions = {}) {
  const state = ref<CameraState>('idle')
  const message = ref('')
  const stream = shallowRef<MediaStream | null>(null)
  let generation = 0

  function release(): void {
    const current = stream.value
    stream.value = null
    if (!current) return
    for (const track of current.getTracks()) {
      track.removeEventListener('ended', onTrackEnded)
      track.stop()
    }
  }

  function fail(next: CameraState, text: string): void {
    release()
    state.value = next
    message.value = text
  }

  function onTrackEnded(): void {
    fail('ended', CAMERA_MESSAGES.ended)
  }

  /** Opens the camera (closing any stream it had). Resolves once it is live or has failed. */
  async function start(): Promise<void> {
    const run = ++generation
    release()
    state.value = 'starting'
    message.value = CAMERA_MESSAGES.starting
    const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
    if (!devices?.getUserMedia) {
      fail('missing', CAMERA_MESSAGES.insecure)
      return
    }
    try {
      const opened = await devices.getUserMedia({
        audio: false,
        video: { width: { ideal: options.width ?? 640 }, height: { ideal: options.height ?? 480 }, facingMode: 'user' }
      })
      if (run !== generation) {
        for (const track of opened.getTracks()) track.stop()
        return
      }
      const track = opened.getVideoTracks()[0]
      if (!track || track.readyState === 'ended') {
        for (const t of opened.getTracks()) t.stop()
        fail('missing', CAMERA_MESSAGES.missing)
        return
      }
      track.addEventListener('ended', onTrackEnded)
      stream.value = opened
      state.value = 'live'
      message.value = ''
    } catch (error) {
      if (run !== generation) return
      const name = errorName(error)
      if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
        fail('denied', CAMERA_MESSAGES.denied)
      } else if (name === 'NotFoundError' || name === 'DevicesNotFoundError' || name === 'OverconstrainedError') {
        fail('missing', CAMERA_MESSAGES.missing)
      } else {
        fail('ended', CAMERA_MESSAGES.busy)
      }
    }
  }

  /** Closes the camera and returns to `idle`. */
  function stop(): void {
    generation++
    release()
    state.value = 'idle'
    message.value = ''
  }

  function onDeviceChange(): void {
    if (state.value === 'missing' || state.value === 'ended') void start()
  }

  const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
  mediaDevices?.addEventListener('devicechange', onDeviceChange)

  if (options.video) {
    const video = options.video
    watch(
      [stream, video],
      ([current, element]) => {
        if (!element) return
        if (element.srcObject !== current) element.srcObject = current
        // Autoplay can be refused (e.g. page in background); the next start() tries again.
        if (current) element.play().catch(() => undefined)
      },
      { immediate: true }
    )
  }

  onScopeDispose(() => {
    mediaDevices?.removeEventListener('devicechange', onDeviceChange)
    stop()
  })

  return { state, message, stream, start, stop }
}
