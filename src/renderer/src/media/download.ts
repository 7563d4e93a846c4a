/**
 * Saves data the admin asked for as a file through the browser's download (an `<a download>`
 * on a blob: URL), so nothing is sent anywhere: the file goes from this page to this computer.
 */

/** Offers `data` as a pretty-printed JSON file named `filename`. */
export function downloadJson(filename: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has its own copy once started; the URL only holds the blob in memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** A file name safe on every desktop OS: letters, digits, dot, dash, underscore. */
export function safeFileName(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'export'
}
