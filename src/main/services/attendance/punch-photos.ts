/**
 * Punch snapshots: when the owner turns them on, a small JPEG of the face is kept with each
 * face punch so an admin can check who stood at the kiosk; they are removed after
 * `punchPhotoRetentionDays` by the retention job.
 */
import sharp from 'sharp'
import type { PixelImage } from '../../../shared/contract'
import type { Box } from '../../../shared/models'
import { thumbnailCrop } from '../../engine/face-thumbnail'
import type { PunchPhotoRepository } from '../../store/repositories/punch-photo-repository'

/** Snapshot side in pixels: enough to recognise a colleague by eye, about 3 KB as JPEG. */
export const PUNCH_PHOTO_SIZE = 96

/** JPEG quality of snapshots (1–100). */
const PUNCH_PHOTO_QUALITY = 75

/** A {@link PUNCH_PHOTO_SIZE}² JPEG (base64) of the face in `box` of a raw kiosk frame. */
export async function punchSnapshot(frame: PixelImage, box: Box): Promise<string> {
  const channels = frame.format === 'rgba' ? 4 : 3
  const jpeg = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels } })
    .extract(thumbnailCrop(box, frame.width, frame.height))
    .resize(PUNCH_PHOTO_SIZE, PUNCH_PHOTO_SIZE, { fit: 'cover' })
    .removeAlpha()
    .jpeg({ quality: PUNCH_PHOTO_QUALITY })
    .toBuffer()
  return jpeg.toString('base64')
}

/** Stores the snapshot of punch `punchId` (time: the punch's UTC time). Raises `store-error`, `read-only`. */
export async function keepPunchPhoto(photos: Pick<PunchPhotoRepository, 'insert'>, punchId: string, time: string, jpeg: string): Promise<void> {
  await photos.insert({ punchId, time, jpeg })
}
