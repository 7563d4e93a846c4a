/**
 * Saves a file the server prepared (an export: CSV or XLSX as base64) through the browser's
 * download, like media/download.ts does for JSON: nothing is sent anywhere, the bytes go from
 * this page to this computer under the name the server suggested.
 */
import { safeFileName } from './download'

/** The bytes of a base64 text. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** Offers the base64 bytes as a file `fileName` of type `mimeType`. */
export function downloadBase64(fileName: string, mimeType: string, base64: string): void {
  const blob = new Blob([base64ToBytes(base64)], { type: mimeType })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = safeFileName(fileName)
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy once started; the URL only holds the blob in memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
