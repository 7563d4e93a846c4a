/**
 * The recognition models a template can have been made by. A template records its model's
 * id; only templates of {@link RECOGNITION_MODEL_ID} are compared with probes, and templates
 * of an earlier model are recomputed from their stored face at start (template-migration.ts).
 */

/**
 * The model every path uses today: MobileFaceNet (ArcFace loss, 192-D) on the 5-point
 * aligned 112 px ArcFace chip, with mirror test-time augmentation, descriptors L2-normalised
 * (src/main/engine/mobilefacenet.ts). Bump the suffix whenever the pipeline changes in a
 * way that moves descriptors (alignment, preprocessing, augmentation), so stored templates
 * are recomputed. v2: photos' landmarks are looked at twice before alignment
 * (src/main/engine/refine-landmarks.ts).
 */
export const RECOGNITION_MODEL_ID = 'mobilefacenet-arcface-mirror-v2'

/**
 * The model of templates stored before templates recorded their model: face-api's
 * FaceRecognitionNet (ResNet-34 port of dlib's, 128-D) on face-api's axis-aligned crop.
 */
export const LEGACY_MODEL_ID = 'faceapi-resnet34-v0'

/** The model id of a stored template (absent on templates from before models were recorded). */
export const modelOf = (template: { model?: string }): string => template.model ?? LEGACY_MODEL_ID
