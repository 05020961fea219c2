// The service worker (pwa.config.ts, served at /sw.js): every page of the app loads without a
// network. After a deploy the new worker takes over at once (skipWaiting, clientsClaim); a page
// keeps running the version it loaded until reloading it is harmless: at once when nothing on it
// holds the update (nor is anything typed in the field that has the focus), else as soon as that
// ends, at the next change of page, when it is hidden, or by its own button.
// The control page holds it while shown: its held presses survive any reload (they are stored),
// but a key pressed while the page reloads would be lost.
import { onScopeDispose, ref } from 'vue'
import type { Router } from 'vue-router'
import { Workbox } from 'workbox-window'

const CHECK_FOR_UPDATE_MS = 15 * 60_000 // a page shown for 24 hours finds a deploy by itself
const RETRY_HELD_MS = 5_000

/** A new version of the app controls this page: the page reloads when nothing holds it. */
export const updateReady = ref(false)

const holds = new Set<() => boolean>()
let reloading = false

const navigate = {
  reload: () => window.location.reload(),
  assign: (url: string) => window.location.assign(url),
}

/** While `busy()` is true, a new version waits (the page shows a way to reload instead). */
export function useUpdateHold(busy: () => boolean): void {
  holds.add(busy)
  onScopeDispose(() => {
    holds.delete(busy)
    applyUpdate() // the page that held it is gone
  })
}

/** Reloads into the new version now. */
export function reloadNow(): void {
  if (reloading) return
  reloading = true
  navigate.reload()
}

const TEXT_INPUTS = new Set(['text', 'search', 'password', 'email', 'number', 'tel', 'url'])

/** True while the focus is in a text field with something typed in it (a search, a password). */
function typing(): boolean {
  const field = document.activeElement
  if (field instanceof HTMLTextAreaElement) return field.value !== ''
  return field instanceof HTMLInputElement && TEXT_INPUTS.has(field.type) && field.value !== ''
}

/** Reloads if a new version is ready and nothing on the page holds it; true if it does. */
export function applyUpdate(): boolean {
  if (!updateReady.value || reloading || typing() || [...holds].some((busy) => busy())) return false
  reloadNow()
  return true
}

/** Registers the worker (production builds, browsers with service workers: HTTPS or localhost). */
export function registerServiceWorker(router: Router, url = '/sw.js'): Workbox | null {
  if (!('serviceWorker' in navigator)) return null
  const container = navigator.serviceWorker
  const wb = new Workbox(url, { scope: '/' })
  let retryHeld: ReturnType<typeof setInterval> | null = null
  // A new worker taking control is a new version, unless it is the first worker of this browser
  // (the page is that version already). A page loaded without one (a first visit, a hard reload)
  // while the browser has one active also counts the next change as an update.
  let firstWorker = !container.controller
  void container
    .getRegistration()
    .then((registration) => {
      if (registration?.active) firstWorker = false
    })
    .catch(() => undefined)
  container.addEventListener('controllerchange', () => {
    if (firstWorker) {
      firstWorker = false
      return
    }
    updateReady.value = true
    // Held: try again now and then (a hold may end without an event, e.g. the last press answered).
    if (!applyUpdate()) retryHeld ??= setInterval(() => applyUpdate(), RETRY_HELD_MS)
  })
  // A change of page loads the new version in full instead (its files are the new worker's).
  router.beforeEach((to, from) => {
    if (!updateReady.value || !from.matched.length) return true
    reloading = true
    navigate.assign(to.fullPath)
    return false
  })
  document.addEventListener('visibilitychange', () => applyUpdate())
  setInterval(() => void wb.update().catch(() => undefined), CHECK_FOR_UPDATE_MS)
  void wb.register().catch(() => undefined) // no worker (blocked, private mode): the app works online
  return wb
}

/** For the tests: what a reload and a full navigation do. */
export function setNavigation(replacement: typeof navigate): void {
  Object.assign(navigate, replacement)
}
