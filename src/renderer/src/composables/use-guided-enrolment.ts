/**
 * The guided camera enrolment loop: grab a frame from the live `<video>`, find the faces with
 * `detectFaces` (the photo detector main uses on enrolment photos), judge the frame with the
 * shared quality gates of the current step, and take it as that step's photo once
 * {@link STABLE_FRAMES} frames in a row pass. The reason a frame fails is exposed live so the
 * screen can tell the person what to change. Inferences never overlap: the next frame is
 * grabbed only after the previous result came back.
 */
import { computed, onScopeDispose, ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import { useApi } from '../api/use-api'
import { FrameGrabber, type RgbaImage } from '../media/grab-frame'
import { photoFromFrame, type Photo } from '../media/photo'
import {
  assessFace,
  CAMERA_GATES,
  ENROLMENT_STEPS,
  greyFromPixels,
  type EnrolmentStep,
  type EnrolmentStepId,
  type QualityIssue
} from '../../../shared/face-quality'
import { toFailure, type OperationError, type Result } from '../../../shared/errors'
import type { DetectedFace } from '../../../shared/models'

/**
 * Frames in a row that must pass a step's gates before one is taken: two, so a single lucky
 * frame in the middle of a movement is not kept (a frame takes about 0.2–0.4 s to judge, so
 * the person holds the pose for about half a second).
 */
export const STABLE_FRAMES = 2
/** Widest frame judged and kept, in pixels: the enrolment camera's 1280 × 720 (use-camera.ts) at full size. */
export const GUIDED_FRAME_WIDTH = 1280
/** Wait while the video has no picture yet, in ms. */
const IDLE_WAIT_MS = 100
/** Wait after a failed frame before the next, in ms, so a down service is not asked in a tight loop. */
const ERROR_BACKOFF_MS = 1000

/** One photo taken by the guided enrolment. */
export interface GuidedPhoto {
  step: EnrolmentStepId
  photo: Photo
}

/** Options of {@link useGuidedEnrolment}. */
export interface GuidedEnrolmentOptions {
  /** The live camera `<video>` frames are grabbed from. */
  video: Ref<HTMLVideoElement | null>
  /** The loop runs while this is true (camera live). */
  active: MaybeRefOrGetter<boolean>
  /** The steps, in order (default {@link ENROLMENT_STEPS}). */
  steps?: readonly EnrolmentStep[]
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs the guided enrolment while `active`; stops with the calling scope. Returns reactive
 * state: `stepIndex` (index of the step being taken; equals the number of steps when all are
 * done), `step`, `photos` taken so far, `issue` (why the last frame failed this step, null
 * when it passed or before the first frame), `faces` found in the last frame (in the pixels of `frameSize`), `ready` (the
 * last frame passes the camera gates apart from the step's pose, so "take photo now" may be
 * offered), `complete` (every required step has its photo), `error` (the last failed
 * detection, null after a good one); and actions `captureNow()` (take the last frame for the
 * current step if it passes the camera gates), `skip()` (an optional step), `restart()`.
 * Never throws: failed frames set `error` and the loop goes on after a pause.
 */
export function useGuidedEnrolment(options: GuidedEnrolmentOptions) {
  const api = useApi()
  const steps = options.steps ?? ENROLMENT_STEPS
  const grabber = new FrameGrabber(GUIDED_FRAME_WIDTH)
  const stepIndex = ref(0)
  const photos = shallowRef<GuidedPhoto[]>([])
  const issue = ref<QualityIssue | null>(null)
  const faces = shallowRef<DetectedFace[]>([])
  /** Size of the last judged frame, in pixels (what `faces` are in). */
  const frameSize = shallowRef<{ width: number; height: number } | null>(null)
  const ready = ref(false)
  const error = ref<OperationError | null>(null)
  const step = computed<EnrolmentStep | null>(() => steps[stepIndex.value] ?? null)
  const complete = computed(() => steps.every((s) => s.optional || photos.value.some((p) => p.step === s.id)))
  let streak = 0
  /** The last frame that passed the camera gates, for captureNow. */
  let lastUsable: RgbaImage | null = null
  let generation = 0

  function take(frame: RgbaImage): void {
    const current = step.value
    if (!current) return
    photos.value = [...photos.value, { step: current.id, photo: photoFromFrame(frame) }]
    stepIndex.value++
    streak = 0
    lastUsable = null
    ready.value = false
    issue.value = null
  }

  function judge(frame: RgbaImage, found: DetectedFace[]): void {
    const current = step.value
    if (!current) return
    // Luminance is taken from the frame as grabbed: the same pixels main will judge again.
    const grey = greyFromPixels(frame.data, frame.width, frame.height, 4)
    const input = { faceCount: found.length, landmarks: found[0]?.landmarks ?? null, grey }
    const forStep = assessFace({ ...input, gates: current.gates })
    const usable = forStep.passed || assessFace({ ...input, gates: CAMERA_GATES }).passed
    lastUsable = usable ? frame : null
    ready.value = usable
    issue.value = forStep.issues[0] ?? null
    streak = forStep.passed ? streak + 1 : 0
    if (streak >= STABLE_FRAMES) take(frame)
  }

  async function loop(run: number): Promise<void> {
    while (run === generation && step.value) {
      const video = options.video.value
      const frame = video && !document.hidden ? grabber.grab(video) : null
      if (!frame) {
        await delay(IDLE_WAIT_MS)
        continue
      }
      let result: Result<DetectedFace[]>
      try {
        result = await api.detectFaces({ image: frame })
      } catch (failure) {
        result = toFailure(failure)
      }
      if (run !== generation) return
      if (!result.ok) {
        error.value = result.error
        await delay(ERROR_BACKOFF_MS)
        continue
      }
      error.value = null
      faces.value = result.value
      frameSize.value = { width: frame.width, height: frame.height }
      judge(frame, result.value)
    }
  }

  function start(): void {
    void loop(++generation)
  }

  function stop(): void {
    generation++
  }

  /** Takes the last frame for the current step when it passes the camera gates (the step's pose waived). */
  function captureNow(): void {
    if (lastUsable) take(lastUsable)
  }

  /** Skips the current step when it is optional. */
  function skip(): void {
    if (!step.value?.optional) return
    stepIndex.value++
    streak = 0
    issue.value = null
  }

  /** Drops every photo and starts again from the first step. */
  function restart(): void {
    photos.value = []
    stepIndex.value = 0
    streak = 0
    lastUsable = null
    ready.value = false
    issue.value = null
    error.value = null
    if (toValue(options.active)) {
      stop()
      start()
    }
  }

  watch(
    () => toValue(options.active) && step.value !== null,
    (on) => (on ? start() : stop()),
    { immediate: true }
  )
  onScopeDispose(stop)

  return { steps, stepIndex, step, photos, issue, faces, frameSize, ready, complete, error, captureNow, skip, restart }
}
