/**
 * Routes: `/kiosk` (default) and `/admin`. Hash history, so the same build works from
 * file:// in Electron and from the browser-mode server without server-side routes.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import KioskView from '../views/KioskView.vue'
import { canEnterAdmin } from './admin-access'

declare module 'vue-router' {
  interface RouteMeta {
    /** The route shows admin screens and passes through {@link canEnterAdmin}. */
    requiresAdmin?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  { path: '/kiosk', name: 'kiosk', component: KioskView },
  { path: '/admin', name: 'admin', component: () => import('../views/AdminView.vue'), meta: { requiresAdmin: true } },
  { path: '/:unknown(.*)*', redirect: '/kiosk' }
]

/** Creates the app's router: hash history, and every `requiresAdmin` route passes {@link canEnterAdmin} first. */
export function createAppRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach((to) => (to.matched.some((r) => r.meta.requiresAdmin) ? canEnterAdmin(to) : true))
  return router
}
