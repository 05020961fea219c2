// While `enabled` (the kiosk's registration form is open), a card scanned into any field is taken
// back out of that field and handed to `onScan` as a new scan, instead of being typed into a name
// and submitted with the scanner's Enter (lib/scanner.ts tells a scanner from a person).
import type { Ref } from 'vue'
import { useEventListener } from '@vueuse/core'

import { createScanDetector } from '@/lib/scanner'

type Field = HTMLInputElement | HTMLTextAreaElement

function isField(target: EventTarget | null): target is Field {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
}

export function useScanAnywhere(enabled: Ref<boolean>, onScan: (scan: string) => void) {
  const detector = createScanDetector()
  let before: { field: Field; value: string } | null = null

  useEventListener(
    window,
    'keydown',
    (event: KeyboardEvent) => {
      if (!enabled.value) return
      const verdict = detector.key({ key: event.key, at: event.timeStamp })
      if (event.key.length === 1 && detector.pending.length === 1) {
        // A new burst begins with this key: remember the field as it was (the key is not in it yet).
        before = isField(event.target) ? { field: event.target, value: event.target.value } : null
      }
      if (!verdict) return
      event.preventDefault() // no submit of the form with the scanner's Enter
      event.stopPropagation()
      if (before) {
        before.field.value = before.value
        before.field.dispatchEvent(new Event('input', { bubbles: true })) // v-model follows
      }
      before = null
      onScan(verdict.scan)
    },
    { capture: true },
  )
}
