/**
 * Camera-quality augmentation of the texture classifier's training faces. NUAA's frames come
 * from one sharp webcam, so a classifier fitted on them alone learns "soft" = attack, and a
 * softer camera or a compressed stream (the replay videos: 960×540 VP8 at ≈ 0.4 Mbit/s) then
 * looks like a printed photo. Each training image is therefore also presented, with its own
 * label, as a softer or more compressed camera would capture it, so the classifier has to
 * tell the classes apart under those losses too. Only training rows are augmented.
 */
import sharp, { type Sharp } from 'sharp'
import type { RgbPixels } from '../../src/main/engine/pad/texture-features'

/**
 * The variants, each of the original image's size: downscaled by 2 and by 3 and scaled back
 * (a softer lens or sensor); JPEG quality 20 (blocky compression); downscaled to two thirds,
 * JPEG quality 15 and scaled back (a compressed low-resolution stream).
 */
export const AUGMENTATIONS = ['down2', 'down3', 'jpeg20', 'down1.5-jpeg15'] as const

async function rgbOf(image: Sharp): Promise<RgbPixels> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true })
  return { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) }
}

/** The {@link AUGMENTATIONS} of the image file `file` (`width`×`height` pixels), as RGB pixels. */
export async function augmentedImages(file: string, width: number, height: number): Promise<RgbPixels[]> {
  const resized = async (factor: number, quality?: number): Promise<RgbPixels> => {
    let small = sharp(file).resize(Math.round(width / factor), Math.round(height / factor))
    if (quality !== undefined) small = small.jpeg({ quality })
    return rgbOf(sharp(await small.toBuffer()).resize(width, height))
  }
  return [await resized(2), await resized(3), await rgbOf(sharp(await sharp(file).jpeg({ quality: 20 }).toBuffer())), await resized(1.5, 15)]
}
