/**
 * Routes: `/kiosk` (default), `/admin` and its sections `/admin/attendance`,
 * `/admin/timesheets`, `/admin/schedules` (signed-in admins only), `/sign-in` and `/setup` (first
 * run). Hash history, so the same build works from file:// in Electron and from the
 * browser-mode server without server-side routes.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import KioskView from '../views/KioskView.vue'
import { useSessionStore } from '../stores/session'
import { SETUP_ROUTE, SIGN_IN_ROUTE, authScreenRedirect, canEnterAdmin } from './admin-access'

declare module 'vue-router' {
  interface RouteMeta {
    /** The route shows admin screens and passes through {@link canEnterAdmin}. */
    requiresAdmin?: boolean
    /** The route is the sign-in or set-up screen (see {@link authScreenRedirect}). */
    authScreen?: typeof SIGN_IN_ROUTE | typeof SETUP_ROUTE
  }
}

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/kiosk' },
  { path: '/kiosk', name: 'kiosk', component: KioskView },
  {
    path: '/admin',
    component: () => import('../views/AdminView.vue'),
    meta: { requiresAdmin: true },
    children: [
      { path: '', name: 'admin', component: () => import('../views/admin/PeopleView.vue') },
      { path: 'attendance', name: 'admin-attendance', component: () => import('../views/admin/AttendanceLogView.vue') },
      { path: 'timesheets', name: 'admin-timesheets', component: () => import('../views/admin/TimesheetView.vue') },
      { path: 'schedules', name: 'admin-schedules', component: () => import('../views/admin/SchedulesView.vue') }
    ]
  },
  { path: '/sign-in', name: SIGN_IN_ROUTE, component: () => import('../views/SignInView.vue'), meta: { authScreen: SIGN_IN_ROUTE } },
  { path: '/setup', name: SETUP_ROUTE, component: () => import('../views/SetupView.vue'), meta: { authScreen: SETUP_ROUTE } },
  { path: '/:unknown(.*)*', redirect: '/kiosk' }
]

/**
 * Creates the app's router: hash history; the session is read before the first screen shows,
 * and again before an admin screen opens (the server may have ended it meanwhile), so
 * `requiresAdmin` routes pass {@link canEnterAdmin} on fresh facts. Needs Pinia installed first.
 */
export function createAppRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach(async (to, from) => {
    const session = useSessionStore()
    const requiresAdmin = to.matched.some((r) => r.meta.requiresAdmin)
    const wasAdmin = from.matched.some((r) => r.meta.requiresAdmin)
    if (requiresAdmin && !wasAdmin) await session.load()
    else await session.ensureLoaded()
    if (requiresAdmin) return canEnterAdmin(to, session.state)
    if (to.meta.authScreen) return authScreenRedirect(to.meta.authScreen, to.query, session.state)
    return true
  })
  return router
}
