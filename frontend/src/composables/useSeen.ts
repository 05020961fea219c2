import { useIntersectionObserver } from '@vueuse/core'
import { type Ref, ref } from 'vue'

/**
 * True from the moment the element first comes within `rootMargin` of the screen, and from then
 * on: a part below the fold on a phone is set up only when the spectator scrolls near it, so the
 * first render of a page does only what is on the screen (issue 14). Without IntersectionObserver
 * (an old browser, the unit tests' DOM): true at once.
 */
export function useSeen(target: Ref<HTMLElement | null>, rootMargin = '0px'): Ref<boolean> {
  const seen = ref(typeof IntersectionObserver === 'undefined')
  if (seen.value) return seen
  const { stop } = useIntersectionObserver(
    target,
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return
      seen.value = true
      stop()
    },
    { rootMargin },
  )
  return seen
}
