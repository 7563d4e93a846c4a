/** Host names under which the loopback server may be addressed. */
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]']

/**
 * DNS-rebinding and cross-site guard: true when the request's Host header names this loopback
 * server (one of 127.0.0.1, localhost, [::1] with the port the connection arrived on) and its
 * Origin, when sent, is that same server over http. A page on another site that rebinds its
 * name to 127.0.0.1 sends its own name as Host, and a cross-site fetch sends its own Origin,
 * so both are refused.
 */
export function isLoopbackRequest(headers: { host?: string; origin?: string }, localPort: number | undefined): boolean {
  if (localPort === undefined) return false
  const allowedHosts = LOOPBACK_HOSTS.flatMap((h) => (localPort === 80 ? [h, `${h}:80`] : [`${h}:${localPort}`]))
  const host = (headers.host ?? '').toLowerCase()
  if (!allowedHosts.includes(host)) return false
  if (headers.origin === undefined) return true
  const origin = headers.origin.toLowerCase()
  return allowedHosts.some((h) => origin === `http://${h}`)
}
