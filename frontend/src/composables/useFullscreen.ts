// The page in full screen (the Fullscreen API) and back: for the projector and the kiosk. It
// follows the browser's own state, so Esc or F11 never leave the button saying the wrong thing.
import { onScopeDispose, ref } from 'vue'

export function useFullscreen() {
  const supported = typeof document !== 'undefined' && document.fullscreenEnabled === true
  const active = ref(supported && document.fullscreenElement !== null)

  function update() {
    active.value = document.fullscreenElement !== null
  }

  async function toggle() {
    if (!supported) return
    try {
      if (document.fullscreenElement) await document.exitFullscreen()
      else await document.documentElement.requestFullscreen({ navigationUI: 'hide' })
    } catch {
      // refused (not started by a click, a policy): nothing changes
    }
    update()
  }

  if (supported) {
    document.addEventListener('fullscreenchange', update)
    onScopeDispose(() => document.removeEventListener('fullscreenchange', update))
  }

  return { supported, active, toggle }
}
