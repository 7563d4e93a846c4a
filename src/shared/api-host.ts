/**
 * The address the integration REST API listens on: what an owner may enter, and whether it is
 * reachable only from this machine. Shared by settings validation (main) and the admin view.
 */
import { z } from 'zod'

/**
 * A host name (RFC 1123, e.g. `kiosk-7.local`), an IPv4 address or an IPv6 address without
 * brackets, trimmed, at most 253 characters (the longest DNS name); anything else is
 * `invalid-input`.
 */
export const apiHostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .refine((host) => z.hostname().safeParse(host).success || z.ipv6().safeParse(host).success, 'must be a host name, an IPv4 or an IPv6 address')

/**
 * True when `host` names this machine only: `localhost` (RFC 6761 §6.3), an IPv4 address in
 * 127.0.0.0/8 or the IPv6 loopback `::1` (RFC 4291 §2.5.3, also as `::ffff:127.x.x.x`). Any
 * other host, `0.0.0.0` and `::` (every interface) included, is reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (h === 'localhost' || h.endsWith('.localhost')) return true
  const v4 = h.replace(/^::ffff:/, '')
  if (/^127(\.\d{1,3}){3}$/.test(v4)) return v4.split('.').every((part) => Number(part) <= 255)
  return h === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(h) || h === '0:0:0:0:0:0:0:1'
}
