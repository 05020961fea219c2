// Routes follow the user's permissions (from /api/auth/me/); a page the user may not see sends
// them to the login and back after it. The server enforces the same permissions regardless.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

import { useAuthStore } from '@/stores/auth'
import { useRaceStore } from '@/stores/race'

declare module 'vue-router' {
  interface RouteMeta {
    permission?: string // a rest_ codename the user must hold
    nav?: string // i18n key in the navigation; none: not in the navigation
    icon?: string
    bare?: boolean // no navigation chrome (the projector)
    kiosk?: boolean // a shared device: no navigation, leaving takes the password
    published?: 'results_published' // an event setting that opens the page to everybody
  }
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    name: 'stats',
    component: () => import('@/views/StatsView.vue'),
    meta: { nav: 'app.nav.stats', icon: 'mdi-chart-box' },
  },
  {
    path: '/fullscreen',
    name: 'fullscreen',
    component: () => import('@/views/FullscreenView.vue'),
    meta: { nav: 'app.nav.fullscreen', icon: 'mdi-projector-screen', bare: true },
  },
  {
    path: '/queue',
    name: 'queue',
    component: () => import('@/views/QueueView.vue'),
    meta: { nav: 'app.nav.queue', icon: 'mdi-format-list-numbered' },
  },
  {
    path: '/queue-up',
    name: 'queue-up',
    component: () => import('@/views/QueueUpView.vue'),
    meta: {
      nav: 'app.nav.queueUp',
      icon: 'mdi-barcode-scan',
      permission: 'rest_create_queueticket',
      kiosk: true,
    },
  },
  {
    path: '/control',
    name: 'control',
    component: () => import('@/views/ControlView.vue'),
    meta: { nav: 'app.nav.control', icon: 'mdi-timer-play', permission: 'rest_advance_lap' },
  },
  {
    path: '/query',
    name: 'query',
    component: () => import('@/views/QueryView.vue'),
    meta: { nav: 'app.nav.query', icon: 'mdi-magnify', permission: 'rest_query_runner' },
  },
  {
    path: '/shifts',
    name: 'shifts',
    component: () => import('@/views/ShiftBoardView.vue'),
    meta: { nav: 'app.nav.shifts', icon: 'mdi-account-clock', permission: 'rest_board_shift' },
  },
  {
    path: '/rewards',
    name: 'rewards',
    component: () => import('@/views/RewardsView.vue'),
    meta: { nav: 'app.nav.rewards', icon: 'mdi-gift', permission: 'rest_list_reward' },
  },
  {
    path: '/results',
    name: 'results',
    component: () => import('@/views/ResultsView.vue'),
    meta: {
      nav: 'results.title',
      icon: 'mdi-trophy',
      permission: 'rest_results_eventsettings',
      published: 'results_published',
    },
  },
  { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue') },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const permission = to.meta.permission
  if (!permission) return true
  const auth = useAuthStore()
  try {
    await auth.load()
  } catch {
    return true // offline: let the page load; the server still refuses what it must
  }
  if (auth.can(permission)) return true
  if (to.meta.published) {
    const race = useRaceStore()
    if (!race.settings) await race.reload() // the first page of a visit: the settings are on their way
    if (race.settings?.[to.meta.published]) return true
  }
  return { name: 'login', query: { next: to.fullPath } }
})

export default router
