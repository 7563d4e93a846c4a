/**
 * Who may open routes marked `meta.requiresAdmin`. Open for now; the PIN-protected admin
 * (a later issue) replaces {@link canEnterAdmin} with a PIN check and `ADMIN_LOGIN_ROUTE` with
 * a PIN screen, without touching the views.
 */
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'

/** True when the admin screens may be shown; otherwise where to send the person instead. */
export function canEnterAdmin(_to: RouteLocationNormalized): true | RouteLocationRaw {
  return true
}
