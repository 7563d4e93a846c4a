/**
 * One analyse call inside the engine worker: pixels → tensor → face-api detector, 68
 * landmarks, expression and age/gender nets → plain objects in the sent image's pixels. The
 * nets must already be loaded (analysis-models.ts). Every tensor made here is disposed before
 * returning, also on failure.
 */
import { detectorOptions } from './detector-options'
import type { AnalyseOptions, AnalysedFace } from './engine-types'
import type { LoadedFaceApi } from './face-api-loader'
import type { PreparedImage } from './image-input'
import { rgbValues, scalePoint, toImageBox } from './run-detection'

/**
 * Detects the faces of a prepared image and estimates age, gender and expression of each
 * (face-api's `withFaceLandmarks().withFaceExpressions().withAgeAndGender()`: the estimates
 * run on the landmark-aligned face crop). Boxes and landmarks are in the pixels of the image
 * as sent; expressions are listed most likely first. Faces come sorted by detector score,
 * best first. Throws ClockfaceError `invalid-input` for a bad detector score.
 */
export async function runAnalysis(api: LoadedFaceApi, image: PreparedImage, options: AnalyseOptions): Promise<AnalysedFace[]> {
  const { faceapi, tf } = api
  const detector = detectorOptions(faceapi, { ...options, withDescriptors: false })
  const { pixels, scale } = image
  const input = tf.tensor3d(rgbValues(pixels), [pixels.height, pixels.width, 3], 'int32')
  try {
    const results = await faceapi.detectAllFaces(input, detector).withFaceLandmarks().withFaceExpressions().withAgeAndGender()
    const faces: AnalysedFace[] = results.map((result) => ({
      box: toImageBox(result.detection.box, scale, image.width, image.height),
      score: result.detection.score,
      landmarks: result.landmarks.positions.map((p) => scalePoint(p, scale)),
      age: result.age,
      gender: result.gender === 'female' ? 'female' : 'male',
      genderProbability: result.genderProbability,
      // A plain object (the class instance would not survive postMessage), most likely first.
      expressions: Object.fromEntries(result.expressions.asSortedArray().map(({ expression, probability }) => [expression, probability]))
    }))
    return faces.sort((a, b) => b.score - a.score)
  } finally {
    input.dispose()
  }
}
