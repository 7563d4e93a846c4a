/**
 * Content-Security-Policy of the app, set by browser mode's HTTP server and by the Electron
 * shell on every response: only our own scripts and styles (inline styles for Vue
 * transitions), camera streams and data:/blob: images, no plugins, no framing, no <base> tricks.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** Headers every response carries, in browser mode (http-server.ts) and in the Electron shell (setup-security.ts). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The kiosk needs the camera for itself and nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()'
}
