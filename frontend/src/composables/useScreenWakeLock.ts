// Keeps the screen on while the component that calls it is shown (the projector, the kiosk):
// a Screen Wake Lock, taken again whenever the page becomes visible (the browser drops it when
// the page is hidden), and let go when the component goes. Where the browser has none (plain
// http://, older browsers) or refuses one (battery saver), the page works as before.
import { onMounted, onScopeDispose, ref } from 'vue'

export function useScreenWakeLock() {
  const supported = typeof navigator !== 'undefined' && 'wakeLock' in navigator
  const active = ref(false)
  let sentinel: WakeLockSentinel | null = null
  let requesting: Promise<void> | null = null
  let wanted = false

  async function request() {
    try {
      const lock = await navigator.wakeLock.request('screen')
      if (!wanted) {
        void lock.release() // the component went while the browser was granting it
        return
      }
      sentinel = lock
      active.value = true
      lock.addEventListener('release', () => {
        if (sentinel !== lock) return
        sentinel = null
        active.value = false
      })
    } catch {
      // refused (hidden page, battery saver, policy): the next time the page is shown tries again
    }
  }

  function acquire() {
    if (!supported || !wanted || sentinel || document.visibilityState !== 'visible') return
    requesting ??= request().finally(() => (requesting = null))
  }

  function release() {
    wanted = false
    document.removeEventListener('visibilitychange', acquire)
    const lock = sentinel
    sentinel = null
    active.value = false
    void lock?.release().catch(() => undefined)
  }

  onMounted(() => {
    wanted = true
    document.addEventListener('visibilitychange', acquire)
    acquire()
  })
  onScopeDispose(release)

  return { supported, active }
}
